/**
 * The package's resources by kind, as both hosts and the native schema name them, each module
 * loaded on first use (the SDK asks for fields and checks without loading the rest).
 */
/* eslint-disable @typescript-eslint/no-require-imports -- loaded on first use, see above */
import type { ResourceModule } from "./resource";

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
