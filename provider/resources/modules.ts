/**
 * The package's resources by kind, as both hosts and the native schema name them, each module
 * loaded on first use (the SDK asks for fields and checks without loading the rest).
 */
/* eslint-disable @typescript-eslint/no-require-imports -- loaded on first use, see above */
import type { Context, ResourceModule } from "./resource";

/** The package's resources, as both hosts and the native schema name them. */
export const RESOURCE_KINDS = [
  "Workflow",
  "WorkflowShare",
  "WorkflowProject",
  "WorkflowAccess",
  "WorkflowExecution",
] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/** What `pulumi import` reads: the resource with only its id, and the inputs that keep it as it is. */
export type Importer = (ctx: Context, id: string) => Promise<{ id: string; props: object; inputs: object } | undefined>;

/**
 * Each kind's module, and how a resource of the kind is imported by its id (a workflow's id,
 * `1004/read`, `1004/42`, `1004/access`); a run is history and is not imported.
 */
const KINDS: Record<ResourceKind, { module(): ResourceModule<unknown, unknown>; importer(): Importer }> = {
  Workflow: {
    module: () => (require("./workflow/resource") as typeof import("./workflow/resource")).Workflow,
    importer: () => (require("./workflow/import") as typeof import("./workflow/import")).importWorkflow,
  },
  WorkflowShare: {
    module: () => (require("./share/resource") as typeof import("./share/resource")).WorkflowShare,
    importer: () => (require("./share/import") as typeof import("./share/import")).importShare,
  },
  WorkflowProject: {
    module: () => (require("./project") as typeof import("./project")).WorkflowProject,
    importer: () => (require("./project") as typeof import("./project")).importProject,
  },
  WorkflowAccess: {
    module: () => (require("./access/resource") as typeof import("./access/resource")).WorkflowAccess,
    importer: () => (require("./access/import") as typeof import("./access/import")).importAccess,
  },
  WorkflowExecution: {
    module: () => (require("./execution/resource") as typeof import("./execution/resource")).WorkflowExecution,
    importer: () => () =>
      Promise.reject(
        new Error("a WorkflowExecution is one run of a workflow, history: it is not imported; declare it to run anew"),
      ),
  },
};

/** The module of a resource kind. */
export const resourceModule = (kind: ResourceKind) => KINDS[kind].module();

/** How a resource of the kind is imported by its id. */
export const importer = (kind: ResourceKind) => KINDS[kind].importer();
