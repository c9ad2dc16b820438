import type { Notifications, PermissionLevel, State, User, Workflow } from "./types";
import { errorFor, notFound } from "./http";

/** Read access for the caller: the author, a user share, or a share with one of the caller's groups. */
export function permissionOf(state: State, w: Workflow, userId: number): PermissionLevel | undefined {
  const rank = { read: 1, write: 2, manage: 3 } as const;
  let best: PermissionLevel | undefined = w.userShares[String(userId)];
  const user = findUser(state, userId);
  for (const g of user?.groupIds ?? []) {
    const level = w.groupShares[String(g)];
    if (level && (!best || rank[level] > rank[best])) best = level;
  }
  return best;
}

/** The workflow if the caller may see it, at the given level; 404 otherwise, as Civis hides what you may not see. */
export function workflowFor(state: State, id: number, callerId: number, need: PermissionLevel = "read"): Workflow {
  const w = state.workflows.find((x) => x.id === id);
  const level = w && permissionOf(state, w, callerId);
  if (!w || !level) throw notFound();
  const rank = { read: 1, write: 2, manage: 3 } as const;
  if (rank[level] < rank[need]) {
    throw errorFor(403, `You need ${need} permission on workflow ${id}; you have ${level}.`);
  }
  return w;
}

export function findUser(state: State, id: number): User | undefined {
  return state.users.find((u) => u.id === id);
}

export function simpleUser(state: State, id: number) {
  const u = findUser(state, id);
  return {
    id,
    name: u?.name ?? "Unknown",
    username: u?.username ?? "unknown",
    initials: u?.initials ?? "??",
    online: false,
  };
}

export const DEFAULT_NOTIFICATIONS: Notifications = {
  urls: [],
  successEmailSubject: null,
  successEmailBody: null,
  successEmailAddresses: [],
  failureEmailAddresses: [],
  stallWarningMinutes: null,
  successOn: true,
  failureOn: true,
};

export function notificationsFrom(input: Record<string, unknown> | undefined | null): Notifications {
  const given = Object.fromEntries(Object.entries(input ?? {}).filter(([, v]) => v !== null && v !== undefined));
  return { ...DEFAULT_NOTIFICATIONS, ...(given as Partial<Notifications>) };
}

/**
 * The Workflow object of the spec. `archived` comes back as a boolean and `fileId` as an integer,
 * as on the live API.
 */
export function renderWorkflow(state: State, w: Workflow, callerId: number) {
  return {
    id: w.id,
    name: w.name,
    description: w.description,
    definition: w.definition,
    valid: w.valid,
    validationErrors: w.validationErrors,
    fileId: w.fileId,
    user: simpleUser(state, w.authorId),
    state: w.state,
    lastExecutionId: w.lastExecutionId,
    schedule: { ...w.schedule },
    allowConcurrentExecutions: w.allowConcurrentExecutions,
    timeZone: w.timeZone,
    nextExecutionAt: w.nextExecutionAt,
    notifications: { ...w.notifications },
    archived: w.archived,
    hidden: w.hidden,
    myPermissionLevel: permissionOf(state, w, callerId) ?? "read",
    createdAt: w.createdAt,
    updatedAt: w.updatedAt,
  };
}

/** The WorkflowSummary object of the spec, as `GET /workflows/` lists it. */
export function renderSummary(state: State, w: Workflow) {
  return {
    id: w.id,
    name: w.name,
    description: w.description,
    valid: w.valid,
    fileId: w.fileId,
    user: simpleUser(state, w.authorId),
    state: w.state,
    schedule: { ...w.schedule },
    allowConcurrentExecutions: w.allowConcurrentExecutions,
    timeZone: w.timeZone,
    nextExecutionAt: w.nextExecutionAt,
    archived: w.archived,
    createdAt: w.createdAt,
    updatedAt: w.updatedAt,
  };
}
