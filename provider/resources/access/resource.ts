/**
 * The WorkflowAccess resource: the whole access list of a workflow, authoritative. After `up`
 * the workflow is shared with exactly the listed users and groups at the listed levels, plus
 * two users that are never revoked or lowered: the workflow's owner (its author) and the API
 * user (revoking itself would lock Pulumi out). The set arithmetic is `plan.ts`.
 */
import type { CivisClient, WireMe, WireShareIndex, WireWorkflow } from "../../client";
import { applyPlan, restore, revoke } from "./apply";
import { preflight, preflightUpdate, workflowProblem } from "./preview";
import { CivisApiError } from "../../client";
import { checkInteger, checkKnownKeys, checkOptional, describe, fail, isPlainObject, type Failures } from "../../core/checks";
import { asListed, byKind, fromKinds, levelsOf, fromShareIndex, planAccess, type AccessList, type AccessPlan, type Kept, type Kind, type LevelLists } from "./plan";
import { readAttached } from "../workflowStatus";
import { PERMISSION_LEVELS, type PermissionLevel } from "../../core/model";
import type { Claim, Claimed, ResourceModule } from "../resource";
import { isUnknown } from "../../core/unknown";
import { deepEqual } from "../../core/values";

// ---------------------------------------------------------------------------------------------
// Types

const INPUTS = ["workflowId", "users", "groups", "sendSharedEmail", "shareEmailBody"] as const;
const KINDS = ["users", "groups"] as const;

export interface AccessInputs {
  workflowId: number;
  /** Users by level; only levels that name someone, each list sorted. `{}`: no user but the two kept. */
  users: LevelLists;
  groups: LevelLists;
  /** Whether Civis e-mails the principals it grants access to. Absent: false. */
  sendSharedEmail?: boolean;
  shareEmailBody?: string;
}

export interface AccessOutputs extends AccessInputs {
  /** The workflow's author: Civis keeps them an owner; never revoked or lowered. */
  ownerId: number;
  /** The API user: never revoked or lowered. */
  apiUserId: number;
}

// ---------------------------------------------------------------------------------------------
// check

/** Ids positive whole numbers, one level per principal, at least one of users / groups. */
export function check(news: Record<string, unknown>) {
  const failures: Failures = [];
  const inputs: Record<string, unknown> = { ...news };
  checkKnownKeys(news, INPUTS, "", failures);
  if (!isUnknown(news.workflowId)) checkInteger(news.workflowId, "workflowId", failures);
  if (news.users == null && news.groups == null) {
    failures.push(fail("users", "give users, groups, or both: each principals by level, e.g. users: { read: [101] }; an empty {} means nobody but the workflow's owner and the API user"));
  }
  for (const kind of KINDS) {
    const value = news[kind];
    if (value == null) inputs[kind] = {};
    else if (!isUnknown(value)) inputs[kind] = checkLevels(value, kind, failures) ?? value;
  }
  checkOptional(news.sendSharedEmail, "boolean", "sendSharedEmail", failures);
  checkOptional(news.shareEmailBody, "string", "shareEmailBody", failures);
  return { inputs: inputs as unknown as AccessInputs, failures, warnings: [] as string[] };
}

/** One kind's principals by level, canonical (empty levels dropped, ids sorted), or undefined when bad. */
function checkLevels(value: unknown, kind: Kind, failures: Failures): LevelLists | undefined {
  const noun = kind.slice(0, -1);
  if (!isPlainObject(value)) {
    failures.push(fail(kind, `${kind} must be ${noun} ids by level, e.g. { read: [101], manage: [103] }, not ${describe(value)}`));
    return undefined;
  }
  const before = failures.length;
  checkKnownKeys(value, PERMISSION_LEVELS, kind, failures);
  const out: LevelLists = {};
  const seen = new Map<number, PermissionLevel>();
  for (const level of PERMISSION_LEVELS) {
    const ids = value[level];
    const property = `${kind}.${level}`;
    if (ids == null) continue;
    if (!Array.isArray(ids)) {
      failures.push(fail(property, `${property} must be a list of ${noun} ids, not ${describe(ids)}`));
      continue;
    }
    if (ids.some(isUnknown)) return undefined; // known at `up`; checked then
    ids.forEach((id, i) => checkInteger(id, `${property}[${i}]`, failures));
    for (const id of new Set(ids.filter((id, i) => ids.indexOf(id) !== i))) {
      failures.push(fail(property, `${property} lists ${noun} ${id} more than once; list it once`));
    }
    for (const id of new Set(ids as number[])) {
      const other = seen.get(id);
      if (other) failures.push(fail(property, `${noun} ${id} is listed under ${kind}.${other} and ${property}; give each ${noun} one level`));
      else seen.set(id, level);
    }
    if (ids.length) out[level] = [...new Set(ids as number[])].sort((a, b) => a - b);
  }
  return failures.length === before ? out : undefined;
}

// ---------------------------------------------------------------------------------------------
// diff

/** A new workflow replaces; the lists and the e-mail fields change in place. */
export function diff(olds: Partial<AccessOutputs>, news: AccessInputs) {
  const changes: string[] = INPUTS.filter((k) => isUnknown(news[k]) || !deepEqual(olds[k] ?? canonicalAbsent(k), news[k] ?? canonicalAbsent(k)));
  return { changes, replaces: changes.filter((k) => k === "workflowId") };
}
const canonicalAbsent = (k: string) => (k === "users" || k === "groups" ? {} : null);

// ---------------------------------------------------------------------------------------------
// create

/**
 * Reads the API user, the workflow (its owner) and its shares, then makes the list so with the
 * fewest writes. All or nothing: when a write fails, the shares are put back as they were found.
 */
export async function create(client: CivisClient, inputs: AccessInputs) {
  const workflowId = inputs.workflowId;
  // Read together; the workflow's own problem (gone, archived, not ours to manage) is the one said.
  const [workflow, me, index] = await Promise.allSettled([workflowToShare(client, workflowId), client.me(), client.getShares(workflowId)])
    .then((all) => all.map((r) => {
      if (r.status === "rejected") throw r.reason;
      return r.value;
    }) as [WireWorkflow, WireMe, WireShareIndex]);
  const kept: Kept = { ownerId: workflow.user.id, callerId: me.id };
  const found = fromShareIndex(index);
  try {
    await applyPlan(client, workflowId, plan(found, wanted(inputs), kept, workflowId), inputs);
  } catch (e) {
    await restore(client, workflowId, found, kept).catch(() => undefined);
    throw e;
  }
  return { id: `${workflowId}/access`, outs: { ...inputs, ownerId: kept.ownerId, apiUserId: kept.callerId } as AccessOutputs };
}

async function workflowToShare(client: CivisClient, workflowId: number): Promise<WireWorkflow> {
  const problem = await workflowProblem(client, workflowId);
  if (typeof problem === "string") throw new Error(problem);
  return problem;
}

const wanted = (inputs: AccessInputs) => fromKinds(inputs.users, inputs.groups);

function plan(live: AccessList, want: AccessList, kept: Kept, workflowId: number): AccessPlan {
  const p = planAccess(live, want, kept);
  if (p.problems.length) throw new Error(`workflow ${workflowId}: ${p.problems.join("; ")}`);
  return p;
}

// ---------------------------------------------------------------------------------------------
// read

/**
 * The whole list as Civis has it (one GET of the shares, with the workflow's GET that a refresh
 * shares with the Workflow resource), so that a principal added or revoked in the web app shows
 * in the next preview as a change that `up` undoes. The owner and the API user show only where
 * the program lists them: they are kept whatever the list says. Gone or archived drops it.
 */
export async function read(client: CivisClient, id: string, props: AccessOutputs) {
  const index = await readAttached(client, props.workflowId, () => client.getShares(props.workflowId));
  if (!index) return undefined;
  const live = asListed(fromShareIndex(index), fromKinds(props.users, props.groups), { ownerId: props.ownerId, callerId: props.apiUserId });
  const { users, groups } = byKind(live);
  const next: AccessOutputs = { ...props, users, groups };
  const { ownerId: _o, apiUserId: _a, ...inputs } = next;
  return { id, props: next, inputs: inputs as AccessInputs };
}

// ---------------------------------------------------------------------------------------------
// update

/**
 * Plans from the shares as Civis has them now (one GET), so a write that failed halfway in an
 * earlier run is finished, not repeated. A change of only the e-mail fields calls no API.
 */
export async function update(client: CivisClient, _id: string, olds: AccessOutputs, news: AccessInputs) {
  if (deepEqual(olds.users, news.users) && deepEqual(olds.groups, news.groups)) return { ...news, ownerId: olds.ownerId, apiUserId: olds.apiUserId } as AccessOutputs;
  const [me, index] = await Promise.all([client.me(), client.getShares(news.workflowId)]);
  const outs = { ...news, ownerId: olds.ownerId, apiUserId: me.id } as AccessOutputs;
  await applyPlan(client, news.workflowId, plan(fromShareIndex(index), wanted(news), { ownerId: olds.ownerId, callerId: me.id }, news.workflowId), news);
  return outs;
}

// ---------------------------------------------------------------------------------------------
// delete

/**
 * Revokes every principal of the list that still has access, except the owner and the API user,
 * and those another resource of this run has just granted (`claimed`: a ManagedWorkflow that
 * moved to `WorkflowShare`s). Already revoked is success; a workflow gone has nothing to revoke.
 */
export async function remove(client: CivisClient, _id: string, props: AccessOutputs, claimed: Claimed = () => false): Promise<string[]> {
  let live: AccessList;
  try {
    live = fromShareIndex(await client.getShares(props.workflowId));
  } catch (e) {
    if (e instanceof CivisApiError && e.isGone) return [];
    throw e;
  }
  const warnings: string[] = [];
  for (const kind of KINDS) {
    const has = levelsOf(live, kind);
    for (const id of PERMISSION_LEVELS.flatMap((l) => props[kind]?.[l] ?? [])) {
      if (!has.has(id)) continue;
      if (kind === "users" && (id === props.ownerId || id === props.apiUserId)) {
        warnings.push(`user ${id} is ${id === props.ownerId ? "the owner of" : "the API user on"} workflow ${props.workflowId}; kept, not revoked`);
        continue;
      }
      if (claimed(props.workflowId, kind, id)) continue;
      try {
        await revoke(client, props.workflowId, kind, id);
      } catch (e) {
        if (!(e instanceof CivisApiError && e.status === 403)) throw e;
        warnings.push(`${kind.slice(0, -1)} ${id} was not revoked from workflow ${props.workflowId}: ${e.description}`);
      }
    }
  }
  return warnings;
}

/** The principals this list grants, for the runtime's record of what this run manages. */
export function claims(outs: AccessOutputs): Claim[] {
  return KINDS.flatMap((kind) => PERMISSION_LEVELS.flatMap((l) => (outs[kind]?.[l] ?? []).map((id) => ({ workflowId: outs.workflowId, kind, id }))));
}

export const WorkflowAccess: ResourceModule<AccessInputs, AccessOutputs> = {
  check, preflight, preflightUpdate, diff, create, read, update, remove, claims,
};
