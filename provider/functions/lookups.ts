/**
 * Reading workflows for a program (`civis.getWorkflow`, `civis.getWorkflows`) and for the
 * generator (`pulumi-civis import`): every field of the workflow, with its shares by level and
 * its project ids. Reads only; the API key is in no result.
 */
import { CivisApiError, isArchived, type CivisClient, type SharedWith, type WireWorkflow } from "../client";
import { PERMISSION_LEVELS, type AccessList } from "../core/model";
import { ANSWERED, FIELDS, type AnsweredValues } from "../resources/workflow/fields";
import { fromGitWire, type GitSource } from "../resources/workflow/git";

/**
 * A workflow as Civis has it: every field of the Workflow's table that Civis answers (as
 * `Workflow` keeps it: the definition's text byte for byte, the schedule and notifications with
 * every field), what Civis computes, who may see it and which projects hold it.
 */
export interface WorkflowInfo extends AnsweredValues {
  id: number;
  archived: boolean;
  valid: boolean | null;
  validationErrors: string | null;
  nextExecutionAt: string | null;
  author: { id: number; name: string };
  /** The API user's own permission on it. */
  myPermissionLevel: string;
  createdAt: string;
  updatedAt: string;
  /** Principals by level, sorted; the owners (the author among them) under `manage`. */
  shares: AccessList;
  projectIds: number[];
  /** The git file it runs, where the reader asked (`pulumi-civis import`); null: none. */
  git?: GitSource | null;
}

export interface WorkflowFilter {
  /** Workflows whose name contains this text (case-insensitive). */
  nameContains?: string;
  /** A user id, or "me" for the API user. */
  author?: number | "me";
  /** Archived workflows instead of live ones. Default false. */
  archived?: boolean;
  /** Hidden workflows instead of listed ones. Default false. */
  hidden?: boolean;
}

export async function lookupWorkflow(client: CivisClient, id: number): Promise<WorkflowInfo> {
  const [w, access, projects] = await Promise.all([client.getWorkflow(id), client.access(id), client.listProjects(id)]);
  return infoOf(
    w,
    access,
    projects.map((p) => p.id),
  );
}

/** Every page of the list, filtered, then each match read whole. */
export async function lookupWorkflows(
  client: CivisClient,
  filter: WorkflowFilter = {},
  onProgress?: (done: number, of: number) => void,
): Promise<WorkflowInfo[]> {
  const author = filter.author === "me" ? (await client.me()).id : filter.author;
  const ids: number[] = [];
  for (let pageNum = 1; ; pageNum++) {
    const { items, totalPages } = await client.listWorkflows({
      author,
      archived: filter.archived ? "true" : "false",
      hidden: filter.hidden === true,
      order: "created_at",
      orderDir: "asc",
      limit: 50,
      pageNum,
    });
    const needle = filter.nameContains?.toLowerCase();
    ids.push(...items.filter((w) => !needle || w.name.toLowerCase().includes(needle)).map((w) => w.id));
    if (pageNum >= totalPages || items.length === 0) break;
  }
  const found: WorkflowInfo[] = [];
  for (const id of ids) {
    found.push(await lookupWorkflow(client, id));
    onProgress?.(found.length, ids.length);
  }
  return found;
}

function infoOf(w: WireWorkflow, access: SharedWith, projectIds: number[]): WorkflowInfo {
  const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);
  const shares = Object.fromEntries(
    PERMISSION_LEVELS.map((l) => [l, { users: sorted(access.list[l].users), groups: sorted(access.list[l].groups) }]),
  );
  const fields = Object.fromEntries(ANSWERED.map((f) => [f, FIELDS[f].fromWire(w, {}) ?? null])) as AnsweredValues;
  return {
    ...fields,
    id: w.id,
    archived: isArchived(w),
    valid: w.valid,
    validationErrors: w.validationErrors,
    nextExecutionAt: w.nextExecutionAt,
    author: { id: w.user.id, name: w.user.name },
    myPermissionLevel: w.myPermissionLevel,
    createdAt: w.createdAt,
    updatedAt: w.updatedAt,
    shares: shares as AccessList,
    projectIds: sorted(projectIds),
  };
}

/** The git file workflow `id` runs (every field filled in), or null when it is attached to none: one read. */
export async function lookupGitFile(client: CivisClient, id: number): Promise<GitSource | null> {
  try {
    return fromGitWire(await client.gitFile(id));
  } catch (e) {
    if (e instanceof CivisApiError && e.isGone) return null;
    throw e;
  }
}

/** One object a workflow runs, as `getWorkflowDependencies` answers it. */
export interface DependencyInfo {
  /** Civis's type of the object, e.g. "JobTypes::PythonDocker". */
  objectType: string;
  /** The readable type, e.g. "scripts/python3". */
  type: string;
  id: number;
  /** Null when the API user cannot read the object. */
  name: string | null;
  /** With a user: that user's own level on it (not through groups); null when none, or not shareable. */
  permissionLevel: string | null;
  /** Whether the API user can share it. */
  shareable: boolean;
}

/** What workflow `id` runs, with `userId`'s own level on each when given: one read. */
export async function lookupDependencies(client: CivisClient, id: number, userId?: number): Promise<DependencyInfo[]> {
  return (await client.dependencies(id, userId)).map((d) => ({
    objectType: d.objectType,
    type: d.fcoType ?? d.objectType,
    id: d.id,
    name: d.name,
    permissionLevel: d.permissionLevel,
    shareable: d.shareable ?? false,
  }));
}
