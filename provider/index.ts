/**
 * What each resource stores as its `__provider`: the source of a module whose `handler()` returns
 * the provider object. Pulumi's dynamic-provider host evaluates that source in the provider
 * process (`require-from-string`, then `.handler()`), so the source is all the provider that
 * state carries. `pulumi.dynamic.Resource` would store a serialized closure of the provider
 * object instead: 2.5 KB of wrappers per resource, kept twice (inputs and outputs), and rewritten
 * with the whole checkpoint on every step of an update. This source is one line that captures
 * nothing (85 bytes from an installed package; a checkout names its absolute path), so no value
 * of the program (a key least of all) can reach state through it.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- the SDK imports this module; everything it
   asks of the provider beyond `__provider` is loaded on first use, so importing the SDK stays cheap */
import * as path from "node:path";

import { resourceModule, type ResourceKind } from "./resources/modules";

export { RESOURCE_KINDS, type ResourceKind } from "./resources/modules";

/**
 * How the provider process finds `runtime.js`. Installed under node_modules, the source says
 * `require("pulumi-civis/dist/provider/runtime.js")`, resolved from the program's folder like any
 * dependency; used from a checkout (this repo's examples and tests), its absolute path.
 */
function runtimeSpecifier(): string {
  const file = require.resolve("./runtime");
  const parts = file.split(path.sep);
  const i = parts.lastIndexOf("node_modules");
  return i >= 0 ? parts.slice(i + 1).join("/") : file;
}

const RUNTIME = runtimeSpecifier();

/** The `__provider` of a resource of this kind. */
export function providerSource(kind: ResourceKind): string {
  return `exports.handler = () => require(${JSON.stringify(RUNTIME)}).${kind};\n`;
}

// The shapes the SDK shares with the provider, declared once (see core/model.ts).
export {
  PERMISSION_LEVELS,
  DEFAULT_SCHEDULE,
  DEFAULT_NOTIFICATIONS,
  type PermissionLevel,
  type Schedule,
  type Notifications,
} from "./core/model";

export { UNKNOWN } from "./core/unknown";

// A definition's task graph, and what changed between two (the review and `pulumi-civis graph`).
export { diffGraphs, taskGraph, type GraphDiff } from "./core/taskGraph";

/**
 * What a resource's check says of these inputs, without the API: for the SDK, which reports the
 * problems of every resource of a program together. The modules load on first use, so
 * importing the SDK stays cheap.
 */
export function inputProblems(kind: ResourceKind, inputs: Record<string, unknown>): string[] {
  return resourceModule(kind)
    .check(inputs)
    .failures.map((f) => f.reason);
}

/**
 * The outputs a resource of this kind declares, from its field table: every input the state
 * keeps (not those read at creation only) and what Civis computes.
 */
export function outputNames(kind: ResourceKind): string[] {
  const m = resourceModule(kind);
  return [...Object.keys(m.fields).filter((f) => !m.fields[f].atCreation), ...m.computed];
}

/** The inputs a resource of this kind takes, from its field table (those read at creation only too). */
export function inputNames(kind: ResourceKind): string[] {
  return Object.keys(resourceModule(kind).fields);
}

export type { DependencyInfo, WorkflowInfo, WorkflowFilter } from "./functions/lookups";
export type { ExecutionDetail, ExecutionFilter, ExecutionInfo } from "./functions/executions";

/** What a program sets to keep this workflow as Civis has it (see `programValues`); for the generator. */
export function workflowProgramValues(info: import("./functions/lookups").WorkflowInfo): Array<[string, unknown]> {
  return (require("./resources/workflow/fields") as typeof import("./resources/workflow/fields")).programValues(info);
}

/**
 * A client for reads in the program's own process (lookups), from the stack's `civis:` config
 * and the environment, as the provider resolves them. Loaded on first use.
 */
export function lookupClient(stack: (key: string) => string | undefined) {
  const { resolveConfig } = require("./core/config") as typeof import("./core/config");
  const { createClient } = require("./client") as typeof import("./client");
  const lookups = require("./functions/lookups") as typeof import("./functions/lookups");
  const client = createClient(resolveConfig(stack));
  const executions = () => require("./functions/executions") as typeof import("./functions/executions");
  return {
    workflow: (id: number) => lookups.lookupWorkflow(client, id),
    workflows: (
      filter: import("./functions/lookups").WorkflowFilter,
      onProgress?: (done: number, of: number) => void,
    ) => lookups.lookupWorkflows(client, filter, onProgress),
    dependencies: (id: number, userId?: number) => lookups.lookupDependencies(client, id, userId),
    gitFile: (id: number) => lookups.lookupGitFile(client, id),
    executions: (workflowId: number, filter?: import("./functions/executions").ExecutionFilter) =>
      executions().lookupExecutions(client, workflowId, filter),
    execution: (workflowId: number, executionId: number) =>
      executions().lookupExecution(client, workflowId, executionId),
  };
}

/** Serves the native plugin `civis` with these components (its entry is `sdk/plugin.ts`). Loaded on first use. */
export function servePlugin(
  args: string[],
  components: Record<string, import("./host/native/main").ComponentFactory>,
): Promise<void> {
  return (require("./host/native/main") as typeof import("./host/native/main")).servePlugin(args, components);
}
