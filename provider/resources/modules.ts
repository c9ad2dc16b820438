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

/** The module of a resource kind. */
export function resourceModule(kind: ResourceKind): ResourceModule<unknown, unknown> {
  switch (kind) {
    case "Workflow":
      return (require("./workflow/resource") as typeof import("./workflow/resource")).Workflow;
    case "WorkflowShare":
      return (require("./share/resource") as typeof import("./share/resource")).WorkflowShare;
    case "WorkflowProject":
      return (require("./project") as typeof import("./project")).WorkflowProject;
    case "WorkflowAccess":
      return (require("./access/resource") as typeof import("./access/resource")).WorkflowAccess;
    case "WorkflowExecution":
      return (require("./execution/resource") as typeof import("./execution/resource")).WorkflowExecution;
  }
}

/** What `pulumi import` reads: the resource with only its id, and the inputs that keep it as it is. */
export type Importer = (ctx: Context, id: string) => Promise<{ id: string; props: object; inputs: object } | undefined>;

/**
 * How a resource of the kind is imported by its id (a workflow's id, `1004/read`, `1004/42`,
 * `1004/access`); a run is history and is not imported.
 */
export function importer(kind: ResourceKind): Importer {
  switch (kind) {
    case "Workflow":
      return (require("./workflow/import") as typeof import("./workflow/import")).importWorkflow;
    case "WorkflowShare":
      return (require("./share/import") as typeof import("./share/import")).importShare;
    case "WorkflowProject":
      return (require("./project") as typeof import("./project")).importProject;
    case "WorkflowAccess":
      return (require("./access/import") as typeof import("./access/import")).importAccess;
    case "WorkflowExecution":
      return () =>
        Promise.reject(
          new Error(
            "a WorkflowExecution is one run of a workflow, history: it is not imported; declare it to run anew",
          ),
        );
  }
}
