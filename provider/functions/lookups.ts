/**
 * Reading workflows for a program (`civis.getWorkflow`, `civis.getWorkflows`) and for the
 * generator (`pulumi-civis import`): every field of the workflow, with its shares by level and
 * its project ids. Reads only; the API key is in no result.
 */
import { isArchived, type CivisClient, type WireShareIndex, type WireWorkflow } from "../client";
import { DEFAULT_NOTIFICATIONS, DEFAULT_SCHEDULE, PERMISSION_LEVELS, type Notifications, type PermissionLevel, type Schedule } from "../core/model";

/** A workflow as Civis has it, with who may see it and which projects hold it. */
export interface WorkflowInfo {
  id: number;
  name: string;
  description: string | null;
  /** The YAML text, byte for byte. */
  definition: string;
  schedule: Schedule;
  timeZone: string;
  allowConcurrentExecutions: boolean;
  notifications: Notifications;
  hidden: boolean;
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
  shares: Record<PermissionLevel, { users: number[]; groups: number[] }>;
  projectIds: number[];
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
  const [w, shares, projects] = await Promise.all([client.getWorkflow(id), client.getShares(id), client.listProjects(id)]);
  return infoOf(w, shares, projects.map((p) => p.id));
}

/** Every page of the list, filtered, then each match read whole. */
export async function lookupWorkflows(client: CivisClient, filter: WorkflowFilter = {}, onProgress?: (done: number, of: number) => void): Promise<WorkflowInfo[]> {
  const author = filter.author === "me" ? (await client.me()).id : filter.author;
  const ids: number[] = [];
  for (let pageNum = 1; ; pageNum++) {
    const { items, totalPages } = await client.listWorkflows({
      author, archived: filter.archived ? "true" : "false", hidden: filter.hidden === true,
      order: "created_at", orderDir: "asc", limit: 50, pageNum,
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

function infoOf(w: WireWorkflow, index: WireShareIndex, projectIds: number[]): WorkflowInfo {
  const ids = (xs: Array<{ id: number }>) => xs.map((x) => x.id).sort((a, b) => a - b);
  const sets = { read: index.readers, write: index.writers, manage: index.owners };
  const shares = Object.fromEntries(PERMISSION_LEVELS.map((l) => [l, { users: ids(sets[l].users), groups: ids(sets[l].groups) }])) as WorkflowInfo["shares"];
  return {
    id: w.id, name: w.name, description: w.description ?? null, definition: w.definition ?? "",
    schedule: { ...DEFAULT_SCHEDULE, ...w.schedule } as Schedule, timeZone: w.timeZone,
    allowConcurrentExecutions: w.allowConcurrentExecutions, notifications: { ...DEFAULT_NOTIFICATIONS, ...w.notifications } as Notifications,
    hidden: w.hidden === true, archived: isArchived(w), valid: w.valid, validationErrors: w.validationErrors,
    nextExecutionAt: w.nextExecutionAt, author: { id: w.user.id, name: w.user.name }, myPermissionLevel: w.myPermissionLevel,
    createdAt: w.createdAt, updatedAt: w.updatedAt, shares, projectIds: [...projectIds].sort((a, b) => a - b),
  };
}
