// The emulator's own model of Civis objects. It shares no code with provider/ or sdk/: the
// emulator is an independent witness of the API, so one bug cannot hide itself on both sides.

export type PermissionLevel = "read" | "write" | "manage";

export interface User {
  id: number;
  name: string;
  username: string;
  email: string;
  initials: string;
  /** Time zone a new workflow of this user gets when none is sent. */
  timeZone: string;
  groupIds: number[];
  /**
   * Not visible to other users: a workflow's shares count them in `totalUserShares` but do not
   * list them ("It lists only the principals the caller can see": ../shared/civis-api/README.md).
   */
  private?: boolean;
}

export interface Group {
  id: number;
  name: string;
  slug: string;
}

export interface Project {
  id: number;
  name: string;
  description: string | null;
  authorId: number;
  createdAt: string;
  updatedAt: string;
}

/**
 * A job that `fromJobChain` can start from (the chain is the job and its `next` jobs), and that a
 * workflow's `civis.run_job` task can run: its dependencies.
 */
export interface Job {
  id: number;
  name: string;
  next: number[];
  schedule: Schedule;
  /** Who may use the job, by user id; absent: only the seeded caller (user 1), with manage. */
  userShares?: Record<string, PermissionLevel>;
  /** Human readable type, e.g. "scripts/python3" (default "scripts/sql"). */
  fcoType?: string;
}

export interface Schedule {
  scheduled: boolean | null;
  scheduledDays: number[];
  scheduledHours: number[];
  scheduledMinutes: number[];
  scheduledRunsPerHour: number | null;
  scheduledDaysOfMonth: number[];
}

export interface Notifications {
  urls: string[];
  successEmailSubject: string | null;
  successEmailBody: string | null;
  successEmailAddresses: string[];
  failureEmailAddresses: string[];
  stallWarningMinutes: number | null;
  successOn: boolean;
  failureOn: boolean;
}

export interface Workflow {
  id: number;
  name: string;
  description: string | null;
  definition: string;
  valid: boolean;
  validationErrors: string | null;
  fileId: number;
  authorId: number;
  state: string;
  lastExecutionId: number | null;
  schedule: Schedule;
  allowConcurrentExecutions: boolean;
  timeZone: string;
  nextExecutionAt: string | null;
  notifications: Notifications;
  archived: boolean;
  hidden: boolean;
  createdAt: string;
  updatedAt: string;
  /** Who may see the workflow, principal id -> level. The author is always "manage". */
  userShares: Record<string, PermissionLevel>;
  groupShares: Record<string, PermissionLevel>;
  projectIds: number[];
  /** The git file the workflow is attached to (`PUT /workflows/{id}/git`); absent or null: none. */
  git?: GitAttachment | null;
}

/** What `PUT`/`PATCH /workflows/{id}/git` record: metadata only, the definition is not touched. */
export interface GitAttachment {
  repoId: number;
  path: string;
  branch: string;
  /** The branch itself, a commit SHA or a tag, as sent. */
  ref: string;
  refType: "branch" | "tag";
  pullFromGit: boolean;
}

/** One commit: a snapshot of every file of the repository, not a diff. */
export interface GitCommit {
  hash: string;
  authorName: string;
  date: string;
  message: string;
  files: Record<string, string>;
}

/**
 * A git repository as the emulator stands in for it: tests push commits through the control API
 * (`POST /_emulator/git/commits`) and workflows attach to its files.
 */
export interface GitRepo {
  id: number;
  url: string;
  createdAt: string;
  updatedAt: string;
  /** Branch name -> its commits' hashes, oldest to newest. */
  branches: Record<string, string[]>;
  commits: Record<string, GitCommit>;
  /** Tag name -> the commit it names (made by a push with `tag`); absent in a state file from before. */
  tags?: Record<string, string>;
}

/** How a task of an execution goes (control API): per task name, or per job id as `job:<id>`. */
export interface TaskPlan {
  /** How long each attempt runs, in the run clock's ms (`runTimeScale`); default 300. */
  durationMs?: number;
  /** `error`: every attempt fails; default `success`. */
  outcome?: "success" | "error";
  /** Fail this many attempts, then succeed (a retry's test). */
  failures?: number;
  /** What a failed attempt says (its `mistralStateInfo`). */
  stateInfo?: string;
}

/** One attempt of a task that runs a job: the spec's `WorkflowRunDetail`. */
export interface JobRun {
  id: number;
  jobId: number;
  state: "running" | "succeeded" | "failed" | "cancelled";
  createdAt: string;
  startedAt: string;
  finishedAt: string | null;
}

/** A task of an execution, once started. Times are wall-clock ms. */
export interface TaskRun {
  name: string;
  mistralState: "running" | "success" | "error" | "cancelled";
  mistralStateInfo: string;
  attempts: number;
  startedAt: number;
  /** When the running attempt ends (planned at its start). */
  endsAt: number;
  finishedAt: number | null;
  /** The running attempt's outcome, planned at its start. */
  outcome: "success" | "error";
  /** Failed with no on-error or on-complete to go on: fails the execution. */
  unhandled: boolean;
  runs: JobRun[];
}

/** A run of a workflow (`POST /workflows/{id}/executions`), moved on lazily as it is read. */
export interface Execution {
  id: number;
  workflowId: number;
  userId: number;
  definition: string;
  input: Record<string, unknown>;
  includedTasks: string[];
  targetTask: string | null;
  mistralState: "running" | "paused" | "success" | "error" | "cancelled";
  mistralStateInfo: string;
  createdAt: number;
  updatedAt: number;
  finishedAt: number | null;
  /** While paused: since when (running tasks' ends move by the pause on resume). */
  pausedAt: number | null;
  tasks: TaskRun[];
  /** The task plans when it started (`taskPlans`). */
  plans: Record<string, TaskPlan>;
}

/** Everything the emulator persists. */
export interface State {
  apiKeys: Record<string, number>; // key -> user id
  callerId: number;
  users: User[];
  groups: Group[];
  projects: Project[];
  jobs: Job[];
  workflows: Workflow[];
  nextWorkflowId: number;
  nextFileId: number;
  /** Absent in a state file written before git was served: read as empty (store.ts). */
  gitRepos: GitRepo[];
  executions: Execution[];
  nextExecutionId: number;
  nextRunId: number;
}
