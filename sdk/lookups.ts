import * as pulumi from "@pulumi/pulumi";
import {
  lookupClient,
  type DependencyInfo,
  type ExecutionDetail,
  type ExecutionInfo,
  type WorkflowInfo,
} from "../provider";

export type { DependencyInfo, ExecutionDetail, ExecutionInfo, WorkflowInfo };

/** Which workflow to read. */
export interface GetWorkflowArgs {
  /** Its Civis id. */
  readonly id: number;
}

/** Which workflows to read; with no field, every live, listed workflow the API user can see. */
export interface GetWorkflowsArgs {
  /** Workflows whose name contains this text (case-insensitive). Default: any name. */
  readonly nameContains?: string;
  /** A user id, or "me" for the API user. Default: any author. */
  readonly author?: number | "me";
  /** Archived workflows instead of live ones. Default false. */
  readonly archived?: boolean;
  /** Hidden workflows instead of listed ones. Default false. */
  readonly hidden?: boolean;
}

/** The lookups read with the stack's `civis:` config, else the environment, as the provider does. */
function client() {
  const config = new pulumi.Config("civis");
  return lookupClient((key) => config.get(key));
}

/**
 * One workflow with every field, its shares by level and its project ids. Reads only, with the
 * provider's retries; fails if the workflow does not exist or the API user cannot see it.
 */
export function getWorkflow(args: GetWorkflowArgs): Promise<WorkflowInfo> {
  return client().workflow(args.id);
}

/** `getWorkflow` taking Inputs, for use with other resources' outputs. */
export function getWorkflowOutput(args: { readonly id: pulumi.Input<number> }): pulumi.Output<WorkflowInfo> {
  return pulumi.output(args.id).apply((id) => getWorkflow({ id }));
}

/** Every workflow that matches (all pages), each as `getWorkflow` reads it, oldest first. */
export function getWorkflows(args: GetWorkflowsArgs = {}): Promise<WorkflowInfo[]> {
  return client().workflows(args);
}

/** `getWorkflows` taking Inputs. */
export function getWorkflowsOutput(
  args: { readonly [K in keyof GetWorkflowsArgs]?: pulumi.Input<GetWorkflowsArgs[K]> } = {},
): pulumi.Output<WorkflowInfo[]> {
  return pulumi.output(args).apply((a) => getWorkflows(a as GetWorkflowsArgs));
}

/** Which workflow's dependencies to read, and for whom. */
export interface GetWorkflowDependenciesArgs {
  /** The workflow's Civis id. */
  readonly id: number;
  /** A user whose own level on each object to report (`permissionLevel`). Default: none (all null). */
  readonly userId?: number;
}

/**
 * What a workflow runs (its jobs and scripts), each with `userId`'s own level on it: the objects
 * a user given the workflow also needs, which sharing the workflow does not share. One read.
 */
export function getWorkflowDependencies(args: GetWorkflowDependenciesArgs): Promise<DependencyInfo[]> {
  return client().dependencies(args.id, args.userId);
}

/** `getWorkflowDependencies` taking Inputs. */
export function getWorkflowDependenciesOutput(args: {
  readonly id: pulumi.Input<number>;
  readonly userId?: pulumi.Input<number>;
}): pulumi.Output<DependencyInfo[]> {
  return pulumi.output(args).apply((a) => getWorkflowDependencies(a as GetWorkflowDependenciesArgs));
}

/** Which workflow's runs to read. */
export interface GetWorkflowExecutionsArgs {
  /** The workflow's Civis id. */
  readonly workflowId: number;
  /** Only runs in this state: queued, running, succeeded, failed or cancelled. Default: any. */
  readonly state?: string;
  /** At most this many, newest first. Default 20. */
  readonly limit?: number;
  /** Every run, every page (then `limit` is ignored). Default false. */
  readonly all?: boolean;
}

/** A workflow's runs, newest first: who started each, how it ended, when. */
export function getWorkflowExecutions(args: GetWorkflowExecutionsArgs): Promise<ExecutionInfo[]> {
  const { workflowId, ...filter } = args;
  return client().executions(workflowId, filter);
}

/** `getWorkflowExecutions` taking Inputs. */
export function getWorkflowExecutionsOutput(args: {
  readonly [K in keyof GetWorkflowExecutionsArgs]: pulumi.Input<GetWorkflowExecutionsArgs[K]>;
}): pulumi.Output<ExecutionInfo[]> {
  return pulumi.output(args).apply((a) => getWorkflowExecutions(a as GetWorkflowExecutionsArgs));
}

/** Which run to read. */
export interface GetWorkflowExecutionArgs {
  readonly workflowId: number;
  readonly executionId: number;
}

/** One run with its tasks (each one's state and what Civis says of it), its input and task subset. */
export function getWorkflowExecution(args: GetWorkflowExecutionArgs): Promise<ExecutionDetail> {
  return client().execution(args.workflowId, args.executionId);
}

/** `getWorkflowExecution` taking Inputs, e.g. a `WorkflowExecution`'s `executionId`. */
export function getWorkflowExecutionOutput(args: {
  readonly workflowId: pulumi.Input<number>;
  readonly executionId: pulumi.Input<number>;
}): pulumi.Output<ExecutionDetail> {
  return pulumi.output(args).apply((a) => getWorkflowExecution(a));
}
