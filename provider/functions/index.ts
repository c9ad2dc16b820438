/**
 * The lookups as functions of a host that calls them by name with plain arguments (the native
 * plugin's `Invoke`, `civis:index:<name>`): each checks what it is given and reads. A lookup that
 * answers a list names the property that holds it (`listAs`): a function answers an object.
 * The TypeScript SDK calls the same reads through `lookupClient` (`../index.ts`).
 */
import type { CivisClient } from "../client";
import { checkInteger, checkKnownKeys, checkOptional, type Failures } from "../core/checks";
import { lookupExecution, lookupExecutions } from "./executions";
import { lookupDependencies, lookupWorkflow, lookupWorkflows } from "./lookups";

type Args = Record<string, unknown>;

export interface LookupFunction {
  /** The arguments it takes, and which of them are required whole numbers or optional values of a type. */
  readonly integers: readonly string[];
  readonly optional: Readonly<Record<string, "string" | "boolean" | "integer">>;
  /** Where a list answer goes in the function's result. */
  readonly listAs?: string;
  call(client: CivisClient, args: Args): Promise<unknown>;
}

const n = (v: unknown) => v as number;

export const FUNCTIONS: Readonly<Record<string, LookupFunction>> = {
  getWorkflow: { integers: ["id"], optional: {}, call: (c, a) => lookupWorkflow(c, n(a.id)) },
  getWorkflows: {
    integers: [],
    optional: { nameContains: "string", author: "integer", archived: "boolean", hidden: "boolean" },
    listAs: "workflows",
    call: (c, a) => lookupWorkflows(c, a),
  },
  getWorkflowDependencies: {
    integers: ["id"],
    optional: { userId: "integer" },
    listAs: "dependencies",
    call: (c, a) => lookupDependencies(c, n(a.id), a.userId as number | undefined),
  },
  getWorkflowExecutions: {
    integers: ["workflowId"],
    optional: { state: "string", limit: "integer", all: "boolean" },
    listAs: "executions",
    call: (c, { workflowId, ...filter }) => lookupExecutions(c, n(workflowId), filter),
  },
  getWorkflowExecution: {
    integers: ["workflowId", "executionId"],
    optional: {},
    call: (c, a) => lookupExecution(c, n(a.workflowId), n(a.executionId)),
  },
};

/** What is wrong with a function's arguments, each naming the argument. */
export function functionArgProblems(f: LookupFunction, args: Args): Failures {
  const failures: Failures = [];
  checkKnownKeys(args, [...f.integers, ...Object.keys(f.optional)], "", failures);
  for (const name of f.integers) checkInteger(args[name], name, failures);
  for (const [name, type] of Object.entries(f.optional)) {
    if (args[name] === undefined || args[name] === null) continue;
    if (type === "integer") checkInteger(args[name], name, failures);
    else checkOptional(args[name], type, name, failures);
  }
  return failures;
}

/** Calls a function by name: its result as an object (a list under `listAs`). */
export async function callFunction(client: CivisClient, name: string, args: Args): Promise<Record<string, unknown>> {
  const f = FUNCTIONS[name];
  if (!f) throw new Error(`the civis plugin has no function ${JSON.stringify(name)}`);
  const answer = await f.call(client, args);
  return f.listAs ? { [f.listAs]: answer } : (answer as Record<string, unknown>);
}
