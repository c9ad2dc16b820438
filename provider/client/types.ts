// Wire types: the JSON the Civis API speaks (camelCase), as far as this provider uses it.
import type { Notifications, PermissionLevel, Schedule } from "../core/model";

export type { PermissionLevel };

/** A schedule or notifications as the API takes and answers them: any field may be left out or null. */
type Wire<T> = { [K in keyof T]?: T[K] | null };
export type WireSchedule = Wire<Schedule>;
export type WireNotifications = Wire<Notifications>;

/** WorkflowPatchRequest; WorkflowCreateRequest adds fromJobChain and hidden. */
export interface WorkflowWrite {
  name?: string;
  description?: string | null;
  definition?: string | null;
  schedule?: WireSchedule | null;
  allowConcurrentExecutions?: boolean | null;
  timeZone?: string | null;
  notifications?: WireNotifications | null;
}

export interface WorkflowCreate extends WorkflowWrite {
  name: string;
  fromJobChain?: number;
  hidden?: boolean;
}

export interface WireUser {
  id: number;
  name: string;
  username: string;
  initials: string;
  online: boolean;
}

export interface WireWorkflow {
  id: number;
  name: string;
  description: string | null;
  definition: string | null;
  valid: boolean | null;
  validationErrors: string | null;
  /** Declared a string, answered as an integer. */
  fileId: string | number | null;
  user: WireUser;
  state: string | null;
  lastExecutionId: number | null;
  schedule: Required<WireSchedule>;
  allowConcurrentExecutions: boolean;
  timeZone: string;
  nextExecutionAt: string | null;
  notifications: Required<WireNotifications>;
  /** Declared a string, answered as a boolean. */
  archived: string | boolean;
  hidden: boolean;
  myPermissionLevel: string;
  createdAt: string;
  updatedAt: string;
}

export type WireWorkflowSummary = Omit<
  WireWorkflow,
  "definition" | "validationErrors" | "lastExecutionId" | "notifications" | "hidden" | "myPermissionLevel"
>;

export interface WirePrincipal {
  id: number;
  name: string;
}

export interface WireShareSet {
  users: WirePrincipal[];
  groups: WirePrincipal[];
}

/** One object a workflow depends on, as a transfer (or the dependencies read) answers it. */
export interface WireDependency {
  objectType: string;
  fcoType?: string;
  id: number;
  /** Null when the API user cannot read the object. */
  name: string | null;
  /** The target user's own level on it; null when there is none or the object is not shareable. */
  permissionLevel: string | null;
  description?: string | null;
  /** In a transfer's answer: whether it was shared with the new owner. */
  shared?: boolean;
  /** In the dependencies read: whether the API user can share it. */
  shareable?: boolean;
}

export interface WireShareTransfer {
  dependencies: WireDependency[];
}

export interface WireShareIndex {
  readers: WireShareSet;
  writers: WireShareSet;
  owners: WireShareSet;
  totalUserShares: number;
  totalGroupShares: number;
}

export interface ShareRequest {
  permissionLevel: PermissionLevel;
  shareEmailBody?: string;
  sendSharedEmail?: boolean;
}

export interface WireProjectSummary {
  id: number;
  name: string;
}

export interface WireMe {
  id: number;
  name: string;
  username: string;
}

/** `archived` is declared a string and answered as a boolean; both spellings are understood. */
export function isArchived(w: { archived: string | boolean | null | undefined }): boolean {
  return w.archived === true || w.archived === "true";
}

/** The git file a workflow is attached to (`GET/PUT/PATCH /workflows/{id}/git`). */
export interface WireGitFile {
  gitRef: string;
  gitBranch: string;
  gitPath: string;
  gitRepo: { id: number; repoUrl: string; createdAt: string; updatedAt: string };
  gitRefType: string;
  pullFromGit: boolean;
}

/** What a `PUT` or `PATCH` of `/workflows/{id}/git` sets (`GitFileCreateUpdateRequest`). */
export interface GitFileWrite {
  gitRepoUrl?: string;
  gitPath?: string;
  gitBranch?: string;
  gitRef?: string;
  gitRefType?: string;
  pullFromGit?: boolean;
}

/** One commit of the attached file's branch. */
export interface WireGitCommit {
  commitHash: string;
  authorName: string;
  date: string;
  message: string;
}

/** The attached file at one commit (also the answer of a checkout). */
export interface WireGitContent {
  content: string;
  type: string;
  size: number;
  fileHash: string;
}

/** `POST /workflows/{id}/executions`: what to run. */
export interface ExecutionCreate {
  targetTask?: string;
  input?: Record<string, unknown>;
  includedTasks?: string[];
}

/** A task of an execution (`WorkflowTask`): only the parts the provider reads. */
export interface WireExecutionTask {
  name: string;
  /** idle, waiting, running, delayed, success, error or cancelled. */
  mistralState: string;
  mistralStateInfo: string | null;
}

/** An execution as a list answers it (`WorkflowExecutionSummary`). */
export interface WireExecutionSummary {
  id: number;
  /** The workflow's word for it: queued, running, succeeded, failed, cancelled. */
  state: string;
  /** running, paused, success, error or cancelled. */
  mistralState: string;
  mistralStateInfo: string | null;
  user: { id: number; name: string };
  startedAt: string | null;
  finishedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** One execution (`WorkflowExecution`). */
export interface WireExecution extends WireExecutionSummary {
  definition: string | null;
  input: Record<string, unknown> | null;
  includedTasks: string[] | null;
  tasks: WireExecutionTask[];
}
