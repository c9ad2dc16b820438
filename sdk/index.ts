/**
 * pulumi-civis: Civis Platform workflows, their shares and projects as Pulumi resources.
 *
 *     import * as civis from "pulumi-civis";
 *     const wf = new civis.Workflow("nightly", {
 *       name: "Nightly ETL",
 *       definition: fs.readFileSync("nightly.yaml", "utf8"),
 *     });
 */
export {
  Workflow,
  type WorkflowArgs,
  type WorkflowSchedule,
  type WorkflowNotifications,
  type WorkflowCloneFrom,
  type WorkflowGit,
  type WorkflowGitCommit,
  type Schedule,
  type Notifications,
} from "./resources/workflow";
export { WorkflowShare, type WorkflowShareArgs, type PermissionLevel } from "./resources/share";
export { WorkflowProject, type WorkflowProjectArgs } from "./resources/project";
export { WorkflowExecution, type WorkflowExecutionArgs, type WorkflowExecutionTask } from "./resources/execution";
export {
  WorkflowAccess,
  type WorkflowAccessArgs,
  type AccessLevels,
  type AccessLevelsOutput,
} from "./resources/access";
export { ManagedWorkflow, type ManagedWorkflowArgs, type SharePrincipals } from "./components/managedWorkflow";
export {
  defineWorkflow,
  type WorkflowDefinition,
  type WorkflowBody,
  type WorkflowTask,
  type Transition,
} from "./definition";
export {
  getWorkflow,
  getWorkflowOutput,
  getWorkflows,
  getWorkflowsOutput,
  getWorkflowDependencies,
  getWorkflowDependenciesOutput,
  getWorkflowExecutions,
  getWorkflowExecutionsOutput,
  getWorkflowExecution,
  getWorkflowExecutionOutput,
  type GetWorkflowExecutionsArgs,
  type GetWorkflowExecutionArgs,
  type ExecutionInfo,
  type ExecutionDetail,
  type GetWorkflowArgs,
  type GetWorkflowsArgs,
  type GetWorkflowDependenciesArgs,
  type WorkflowInfo,
  type DependencyInfo,
} from "./lookups";
