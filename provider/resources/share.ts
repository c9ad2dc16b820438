/**
 * The WorkflowShare resource: one permission level on a workflow for the principals it names,
 * additive (other shares are left alone).
 */
import type { CivisClient, ShareRequest, WireShareIndex } from "../client";
import { CivisApiError } from "../client";
import { checkInteger, checkKnownKeys, checkOptional, describe, fail, type Failures } from "../core/checks";
import { readAttached, referencedWorkflowProblems } from "./workflowStatus";
import { isPermissionLevel, PERMISSION_LEVELS, type PermissionLevel } from "../core/model";
import type { Claim, Claimed, ResourceModule } from "./resource";
import { isUnknown } from "../core/unknown";
import { deepEqual } from "../core/values";

// ---------------------------------------------------------------------------------------------
// Types

const INPUTS = ["workflowId", "userIds", "groupIds", "permissionLevel", "sendSharedEmail", "shareEmailBody"] as const;

export interface ShareInputs {
  workflowId: number;
  /** Sorted, without duplicates; absent when the program names no users. */
  userIds?: number[];
  groupIds?: number[];
  permissionLevel: PermissionLevel;
  sendSharedEmail?: boolean;
  shareEmailBody?: string;
}

export interface ShareOutputs extends ShareInputs {
  /**
   * Named users the server kept as owners when granted this level (the workflow's creator):
   * they count as granted and are never revoked.
   */
  ownerIds: number[];
}

type Kind = "users" | "groups";
const idsOf = (p: Partial<ShareInputs>, kind: Kind) => (kind === "users" ? p.userIds : p.groupIds) ?? [];

// ---------------------------------------------------------------------------------------------
// check

export function check(news: Record<string, unknown>) {
  const failures: Failures = [];
  const inputs: Record<string, unknown> = { ...news };
  checkKnownKeys(news, INPUTS, "", failures);
  if (!isUnknown(news.workflowId)) checkInteger(news.workflowId, "workflowId", failures);
  if (!isUnknown(news.permissionLevel) && !isPermissionLevel(news.permissionLevel)) {
    const levels = PERMISSION_LEVELS.map((l) => JSON.stringify(l));
    failures.push(fail("permissionLevel", `permissionLevel must be ${levels.slice(0, -1).join(", ")} or ${levels.at(-1)}, not ${describe(news.permissionLevel)}`));
  }
  let named = false;
  for (const [property, kind] of [["userIds", "user"], ["groupIds", "group"]] as const) {
    const value = news[property];
    if (value === undefined || value === null) {
      delete inputs[property];
      continue;
    }
    named = true;
    if (isUnknown(value)) continue;
    const ids = checkIds(value, property, kind, failures);
    if (ids) inputs[property] = ids;
  }
  if (!named) {
    failures.push(fail("userIds", "name at least one principal: give userIds, groupIds, or both, each a non-empty list of ids"));
  }
  checkOptional(news.sendSharedEmail, "boolean", "sendSharedEmail", failures);
  checkOptional(news.shareEmailBody, "string", "shareEmailBody", failures);
  return { inputs: inputs as unknown as ShareInputs, failures, warnings: [] as string[] };
}

function checkIds(value: unknown, property: string, kind: string, failures: Failures): number[] | undefined {
  if (!Array.isArray(value) || value.length === 0) {
    failures.push(fail(property, `${property} must be a non-empty list of ${kind} ids; leave it out to name no ${kind}s`));
    return undefined;
  }
  let ok = true;
  value.forEach((v, i) => (ok = checkInteger(v, `${property}[${i}]`, failures) && ok));
  const dupes = [...new Set(value.filter((v, i) => value.indexOf(v) !== i))];
  if (dupes.length) {
    failures.push(fail(property, `${property} lists ${dupes.join(", ")} more than once; list each ${kind} once`));
    ok = false;
  }
  return ok ? [...(value as number[])].sort((a, b) => a - b) : undefined;
}

// ---------------------------------------------------------------------------------------------
// diff

export function diff(olds: Partial<ShareOutputs>, news: ShareInputs) {
  const changes: string[] = INPUTS.filter((k) => isUnknown(news[k]) || !deepEqual(olds[k] ?? null, news[k] ?? null));
  return { changes, replaces: changes.filter((k) => k === "workflowId") };
}

// ---------------------------------------------------------------------------------------------
// create

/**
 * One PUT per principal kind. All or nothing: if the groups fail, the users just granted are
 * revoked. On a workflow this run adopted, one GET first: principals already at the level are
 * not granted again (none at all: no write).
 */
export async function create(client: CivisClient, inputs: ShareInputs, _config?: unknown, adopted: (workflowId: number) => boolean = () => false) {
  const ownerIds = new Set<number>();
  let users = idsOf(inputs, "users");
  let groups = idsOf(inputs, "groups");
  if (adopted(inputs.workflowId)) {
    const there = levelSet(await client.getShares(inputs.workflowId), inputs.permissionLevel);
    users = users.filter((u) => !there.users.has(u));
    groups = groups.filter((g) => !there.groups.has(g));
  }
  if (users.length) noteOwners(await grant(client, inputs, "users", users), inputs, users, ownerIds);
  if (groups.length) {
    try {
      await grant(client, inputs, "groups", groups);
    } catch (e) {
      await revokeAtLevel(client, inputs.workflowId, inputs.permissionLevel, { users: users.filter((u) => !ownerIds.has(u)), groups: [] });
      throw e;
    }
  }
  return { id: shareId(inputs), outs: { ...inputs, ownerIds: [...ownerIds].sort((a, b) => a - b) } as ShareOutputs };
}

function grant(client: CivisClient, inputs: ShareInputs, kind: Kind, ids: number[]): Promise<WireShareIndex> {
  const share: ShareRequest = { permissionLevel: inputs.permissionLevel };
  if (inputs.sendSharedEmail !== undefined) share.sendSharedEmail = inputs.sendSharedEmail;
  if (inputs.shareEmailBody !== undefined) share.shareEmailBody = inputs.shareEmailBody;
  return kind === "users" ? client.shareUsers(inputs.workflowId, ids, share) : client.shareGroups(inputs.workflowId, ids, share);
}

/** Users granted a lower level who stay owners are the workflow's creator: remember them. */
function noteOwners(index: WireShareIndex, inputs: ShareInputs, users: number[], into: Set<number>): void {
  if (inputs.permissionLevel === "manage") return;
  const owners = new Set(index.owners.users.map((u) => u.id));
  for (const u of users) if (owners.has(u)) into.add(u);
}

// ---------------------------------------------------------------------------------------------
// read

/**
 * One GET of the shares (with the workflow's own GET, which a refresh shares with the Workflow
 * resource). A named principal no longer at this level (revoked or moved out of band) leaves the
 * stored list, so the next preview shows it and `up` grants it again. The workflow gone or
 * archived drops the share from state.
 */
export async function read(client: CivisClient, id: string, props: ShareOutputs) {
  const index = await readAttached(client, props.workflowId, () => client.getShares(props.workflowId));
  if (!index) return undefined;
  const level = levelSet(index, props.permissionLevel);
  const owners = index.owners.users.map((u) => u.id);
  const keep = (kind: Kind) => idsOf(props, kind).filter((p) =>
    level[kind].has(p) || (kind === "users" && props.ownerIds?.includes(p) && owners.includes(p)));
  const next: ShareOutputs = { ...props };
  if (props.userIds) next.userIds = keep("users");
  if (props.groupIds) next.groupIds = keep("groups");
  const { ownerIds: _owners, ...inputs } = next;
  return { id, props: next, inputs: inputs as ShareInputs };
}

function levelSet(index: WireShareIndex, level: PermissionLevel) {
  const set = level === "read" ? index.readers : level === "write" ? index.writers : index.owners;
  return { users: new Set(set.users.map((u) => u.id)), groups: new Set(set.groups.map((g) => g.id)) };
}

// ---------------------------------------------------------------------------------------------
// update

/**
 * A level change grants every named principal the new level; otherwise only the added ones are
 * granted. Principals no longer named are revoked. A change of only the e-mail fields calls no API.
 */
export async function update(client: CivisClient, id: string, olds: ShareOutputs, news: ShareInputs) {
  const ownerIds = new Set((olds.ownerIds ?? []).filter((u) => idsOf(news, "users").includes(u)));
  const levelChanged = olds.permissionLevel !== news.permissionLevel;
  const removed = { users: [] as number[], groups: [] as number[] };
  for (const kind of ["users", "groups"] as const) {
    const before = new Set(idsOf(olds, kind));
    const after = idsOf(news, kind);
    const toGrant = levelChanged ? after : after.filter((p) => !before.has(p));
    if (toGrant.length) {
      const index = await grant(client, news, kind, toGrant);
      if (kind === "users") noteOwners(index, news, toGrant, ownerIds);
    }
    removed[kind] = [...before].filter((p) => !after.includes(p) && !(kind === "users" && olds.ownerIds?.includes(p)));
  }
  await revokeAtLevel(client, news.workflowId, olds.permissionLevel, removed);
  return { ...news, ownerIds: [...ownerIds].sort((a, b) => a - b) } as ShareOutputs;
}

// ---------------------------------------------------------------------------------------------
// delete

/** Revokes exactly the principals this resource names, never an owner it found; already revoked is success. */
export async function remove(client: CivisClient, _id: string, props: ShareOutputs, claimed: Claimed = () => false): Promise<string[]> {
  const warnings: string[] = [];
  const owners = props.ownerIds ?? [];
  for (const u of idsOf(props, "users").filter((x) => owners.includes(x))) {
    warnings.push(`user ${u} owns workflow ${props.workflowId}; an owner's access is never revoked`);
  }
  // Principals another resource of this run has just granted (a ManagedWorkflow that moved to
  // an access list, or to another level) keep that access.
  const mine = (kind: Kind) => idsOf(props, kind).filter((p) => !claimed(props.workflowId, kind, p));
  const toRevoke = { users: mine("users").filter((u) => !owners.includes(u)), groups: mine("groups") };
  warnings.push(...(await revokeAtLevel(client, props.workflowId, props.permissionLevel, toRevoke)));
  return warnings;
}

/**
 * Revokes the principals that still hold `level`: one GET of the shares first, so a principal
 * another share has just moved to another level keeps that access. 404 (already revoked, or
 * the workflow is gone) is success; 403 on a user means the owner, reported as a warning.
 */
async function revokeAtLevel(client: CivisClient, workflowId: number, level: PermissionLevel, ids: Record<Kind, number[]>): Promise<string[]> {
  if (ids.users.length === 0 && ids.groups.length === 0) return [];
  let live: ReturnType<typeof levelSet>;
  try {
    live = levelSet(await client.getShares(workflowId), level);
  } catch (e) {
    if (e instanceof CivisApiError && e.isGone) return [];
    throw e;
  }
  const warnings: string[] = [];
  for (const kind of ["users", "groups"] as const) {
    for (const p of ids[kind].filter((x) => live[kind].has(x))) {
      try {
        await (kind === "users" ? client.revokeUser(workflowId, p) : client.revokeGroup(workflowId, p));
      } catch (e) {
        if (e instanceof CivisApiError && e.isGone) continue;
        if (e instanceof CivisApiError && e.status === 403 && kind === "users") {
          warnings.push(`user ${p} was not revoked from workflow ${workflowId}: ${e.description}`);
          continue;
        }
        throw e;
      }
    }
  }
  return warnings;
}

function shareId(inputs: ShareInputs): string {
  return `${inputs.workflowId}/${inputs.permissionLevel}`;
}

/** At the preview of a create: the workflow it names exists and is not archived. */
export const preflight = async (client: CivisClient, inputs: ShareInputs, knownLive: (workflowId: number) => boolean) =>
  ({ problems: await referencedWorkflowProblems(client, inputs.workflowId, knownLive), warnings: [] as string[] });

/** The principals this share grants, for the runtime's record of what this run manages. */
export function claims(outs: ShareOutputs): Claim[] {
  return (["users", "groups"] as const).flatMap((kind) => idsOf(outs, kind).map((id) => ({ workflowId: outs.workflowId, kind, id })));
}

export const WorkflowShare: ResourceModule<ShareInputs, ShareOutputs> = { check, preflight, diff, create, read, update, remove, claims };
