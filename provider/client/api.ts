import type { AccessList, PrincipalKind } from "../core/model";
import type {
  ExecutionCreate,
  WireExecution,
  WireExecutionSummary,
  ShareRequest,
  WireMe,
  WireProjectSummary,
  WireShareIndex,
  WireShareTransfer,
  WireDependency,
  GitFileWrite,
  WireGitCommit,
  WireGitContent,
  WireGitFile,
  WireWorkflow,
  WireWorkflowSummary,
  WorkflowCreate,
  WorkflowWrite,
} from "./types";

/**
 * One typed method per endpoint the provider uses, and the sharing endpoints in the provider's
 * own terms (`access`, `grant`, `revoke`). The only code that speaks HTTP is behind it.
 */
export interface CivisClient {
  me(): Promise<WireMe>;
  listWorkflows(query: ListWorkflowsQuery): Promise<{ items: WireWorkflowSummary[]; totalPages: number }>;
  createWorkflow(body: WorkflowCreate): Promise<WireWorkflow>;
  /** A copy of workflow `id` owned by the API user; its schedule and notifications too when asked. */
  cloneWorkflow(id: number, body: { cloneSchedule?: boolean; cloneNotifications?: boolean }): Promise<WireWorkflow>;
  getWorkflow(id: number): Promise<WireWorkflow>;
  patchWorkflow(id: number, body: WorkflowWrite): Promise<WireWorkflow>;
  archiveWorkflow(id: number, archived: boolean): Promise<WireWorkflow>;
  /** Who has which level on the workflow, as Civis lists it to the API user. */
  access(id: number): Promise<SharedWith>;
  /** Gives these principals `share.permissionLevel` (a move from another level is this one PUT). */
  grant(id: number, kind: PrincipalKind, ids: number[], share: ShareRequest): Promise<SharedWith>;
  /** Takes a principal's access away; already revoked (or the workflow gone) is done. */
  revoke(id: number, kind: PrincipalKind, principal: number): Promise<void>;
  /**
   * Makes `userId` the workflow's owner, e-mailing no one; `includeDependencies` also gives them
   * manage on what the workflow runs. Answers the dependent objects and whether each was shared.
   */
  transfer(id: number, userId: number, includeDependencies: boolean): Promise<WireShareTransfer>;
  /** What the workflow runs, with `userId`'s own level on each (null: none, or not shareable). */
  dependencies(id: number, userId?: number): Promise<WireDependency[]>;
  /** The git file the workflow is attached to; a 404 when it is attached to none (or is gone). */
  gitFile(id: number): Promise<WireGitFile>;
  /** Attaches the workflow to a git file (`PUT`: the whole attachment) or changes it (`PATCH`). */
  attachGit(id: number, body: GitFileWrite, how: "PUT" | "PATCH"): Promise<WireGitFile>;
  /** The newest commit on the attached file's branch. */
  gitHead(id: number): Promise<WireGitCommit>;
  /** The attached file as it is at commit `ref`. */
  gitFileAt(id: number, ref: string): Promise<WireGitContent>;
  /** Makes the workflow run the attached file as it is at its branch's newest commit. */
  checkoutLatest(id: number): Promise<WireGitContent>;
  /** Starts a run of the workflow; a 429 is retried (the run did not start). */
  startExecution(id: number, body: ExecutionCreate): Promise<WireExecution>;
  getExecution(id: number, executionId: number): Promise<WireExecution>;
  /** One page of the workflow's executions, newest first. */
  listExecutions(
    id: number,
    page: { limit: number; pageNum: number },
  ): Promise<{
    items: WireExecutionSummary[];
    totalPages: number;
  }>;
  cancelExecution(id: number, executionId: number): Promise<WireExecution>;
  listProjects(id: number): Promise<WireProjectSummary[]>;
  addToProject(id: number, projectId: number): Promise<void>;
  removeFromProject(id: number, projectId: number): Promise<void>;
  /** The sharing endpoints as the API speaks them (tests and the bench set up with these). */
  getShares(id: number): Promise<WireShareIndex>;
  shareUsers(id: number, userIds: number[], share: ShareRequest): Promise<WireShareIndex>;
  shareGroups(id: number, groupIds: number[], share: ShareRequest): Promise<WireShareIndex>;
  revokeUser(id: number, userId: number): Promise<void>;
  revokeGroup(id: number, groupId: number): Promise<void>;
}

/** A workflow's access: who Civis lists at which level, and how many principals it counts in all. */
export interface SharedWith {
  list: AccessList;
  /** Civis counts every principal but lists only those the API user can see. */
  totals: Record<PrincipalKind, number>;
}

export interface ListWorkflowsQuery {
  archived?: "true" | "false" | "all";
  author?: number;
  hidden?: boolean;
  limit?: number;
  pageNum?: number;
  order?: "updated_at" | "name" | "created_at";
  orderDir?: "asc" | "desc";
}
