/**
 * The WorkflowShare resource: one permission level on a workflow for the principals it names,
 * additive (other shares are left alone).
 */
import { CivisApiError, type ShareRequest, type SharedWith } from "../../client";
import { fail } from "../../core/checks";
import { PRINCIPAL_KINDS, type PermissionLevel, type PrincipalKind } from "../../core/model";
import { checkFields, diffFields } from "../../core/schema";
import type { Context, Grant, ResourceModule } from "../resource";
import { previewAttached, readAttached } from "../workflowStatus";
import { FIELDS, idsOf, type ShareInputs, type ShareOutputs } from "./fields";

export { FIELDS, type ShareInputs, type ShareOutputs };

// ---------------------------------------------------------------------------------------------
// fields: see fields.ts

// ---------------------------------------------------------------------------------------------
// check

export function check(news: Record<string, unknown>) {
  const { inputs, failures, warnings } = checkFields(FIELDS, news);
  if (news.userIds == null && news.groupIds == null) {
    failures.push(
      fail("userIds", "name at least one principal: give userIds, groupIds, or both, each a non-empty list of ids"),
    );
  }
  return { inputs: inputs as unknown as ShareInputs, failures, warnings };
}

// ---------------------------------------------------------------------------------------------
// diff

export const diff = (olds: Partial<ShareOutputs>, news: ShareInputs) => diffFields(FIELDS, olds, news);

// ---------------------------------------------------------------------------------------------
// create

/** At the preview of a create: the workflow it names exists and is not archived. */
export const preview = previewAttached;

/**
 * One PUT per principal kind. All or nothing: if the groups fail, the users just granted are
 * revoked. On a workflow this run adopted, one GET first: principals already at the level are
 * not granted again (none at all: no write).
 */
export async function create(ctx: Context, inputs: ShareInputs) {
  const { client, ledger } = ctx;
  const ownerIds = new Set<number>();
  let users = idsOf(inputs, "users");
  let groups = idsOf(inputs, "groups");
  if (ledger.adopted.has(inputs.workflowId)) {
    const there = (await client.access(inputs.workflowId)).list[inputs.permissionLevel];
    users = users.filter((u) => !there.users.includes(u));
    groups = groups.filter((g) => !there.groups.includes(g));
  }
  if (users.length) noteOwners(await grant(ctx, inputs, "users", users), inputs, users, ownerIds);
  if (groups.length) {
    try {
      await grant(ctx, inputs, "groups", groups);
    } catch (e) {
      await revokeAtLevel(ctx, inputs.workflowId, inputs.permissionLevel, {
        users: users.filter((u) => !ownerIds.has(u)),
        groups: [],
      });
      throw e;
    }
  }
  const id = shareId(inputs);
  const outs: ShareOutputs = { ...inputs, ownerIds: [...ownerIds].sort((a, b) => a - b) };
  ledger.written.add(inputs.workflowId);
  ledger.granted(`WorkflowShare ${id}`, grants(outs));
  return { id, outs };
}

function grant(ctx: Context, inputs: ShareInputs, kind: PrincipalKind, ids: number[]): Promise<SharedWith> {
  const share: ShareRequest = { permissionLevel: inputs.permissionLevel };
  if (inputs.sendSharedEmail !== undefined) share.sendSharedEmail = inputs.sendSharedEmail;
  if (inputs.shareEmailBody !== undefined) share.shareEmailBody = inputs.shareEmailBody;
  return ctx.client.grant(inputs.workflowId, kind, ids, share);
}

/** Users granted a lower level who stay owners are the workflow's creator: remember them. */
function noteOwners(access: SharedWith, inputs: ShareInputs, users: number[], into: Set<number>): void {
  if (inputs.permissionLevel === "manage") return;
  for (const u of users) if (access.list.manage.users.includes(u)) into.add(u);
}

// ---------------------------------------------------------------------------------------------
// read

/**
 * One GET of the shares (with the workflow's own GET, which a refresh shares with the Workflow
 * resource). A named principal no longer at this level (revoked or moved out of band) leaves the
 * stored list, so the next preview shows it and `up` grants it again. The workflow gone or
 * archived drops the share from state.
 */
export async function read(ctx: Context, id: string, props: ShareOutputs) {
  const client = ctx.refreshReads;
  const access = await readAttached(client, props.workflowId, () => client.access(props.workflowId));
  if (!access) return undefined;
  const level = access.list[props.permissionLevel];
  const owners = access.list.manage.users;
  const keep = (kind: PrincipalKind) =>
    idsOf(props, kind).filter(
      (p) => level[kind].includes(p) || (kind === "users" && props.ownerIds?.includes(p) && owners.includes(p)),
    );
  const next: ShareOutputs = { ...props };
  if (props.userIds) next.userIds = keep("users");
  if (props.groupIds) next.groupIds = keep("groups");
  const { ownerIds: _owners, ...inputs } = next;
  return { id, props: next, inputs: inputs };
}

// ---------------------------------------------------------------------------------------------
// update

/**
 * A level change grants every named principal the new level; otherwise only the added ones are
 * granted. Principals no longer named are revoked. A change of only the e-mail fields calls no API.
 */
export async function update(ctx: Context, id: string, olds: ShareOutputs, news: ShareInputs) {
  const ownerIds = new Set((olds.ownerIds ?? []).filter((u) => idsOf(news, "users").includes(u)));
  const levelChanged = olds.permissionLevel !== news.permissionLevel;
  const removed: Record<PrincipalKind, number[]> = { users: [], groups: [] };
  for (const kind of PRINCIPAL_KINDS) {
    const before = new Set(idsOf(olds, kind));
    const after = idsOf(news, kind);
    const toGrant = levelChanged ? after : after.filter((p) => !before.has(p));
    if (toGrant.length) {
      const access = await grant(ctx, news, kind, toGrant);
      if (kind === "users") noteOwners(access, news, toGrant, ownerIds);
    }
    removed[kind] = [...before].filter((p) => !after.includes(p) && !(kind === "users" && olds.ownerIds?.includes(p)));
  }
  await revokeAtLevel(ctx, news.workflowId, olds.permissionLevel, removed);
  const outs: ShareOutputs = { ...news, ownerIds: [...ownerIds].sort((a, b) => a - b) };
  ctx.ledger.granted(`WorkflowShare ${id}`, grants(outs));
  return outs;
}

// ---------------------------------------------------------------------------------------------
// delete

/**
 * Revokes exactly the principals this resource names, never an owner it found; already revoked
 * is success. Principals another resource of this run has just granted (a ManagedWorkflow that
 * moved to an access list, or to another level) keep that access.
 */
export async function remove(ctx: Context, id: string, props: ShareOutputs): Promise<string[]> {
  const warnings: string[] = [];
  const owners = props.ownerIds ?? [];
  for (const u of idsOf(props, "users").filter((x) => owners.includes(x))) {
    warnings.push(`user ${u} owns workflow ${props.workflowId}; an owner's access is never revoked`);
  }
  const mine = (kind: PrincipalKind) =>
    idsOf(props, kind).filter(
      (p) => !ctx.ledger.grantedByOthers(`WorkflowShare ${id}`, { workflowId: props.workflowId, kind, id: p }),
    );
  const toRevoke = { users: mine("users").filter((u) => !owners.includes(u)), groups: mine("groups") };
  warnings.push(...(await revokeAtLevel(ctx, props.workflowId, props.permissionLevel, toRevoke)));
  return warnings;
}

/**
 * Revokes the principals that still hold `level`: one GET of the shares first, so a principal
 * another share has just moved to another level keeps that access. 404 (already revoked, or
 * the workflow is gone) is success; 403 on a user means the owner, reported as a warning.
 */
async function revokeAtLevel(
  ctx: Context,
  workflowId: number,
  level: PermissionLevel,
  ids: Record<PrincipalKind, number[]>,
): Promise<string[]> {
  if (ids.users.length === 0 && ids.groups.length === 0) return [];
  let live: SharedWith;
  try {
    live = await ctx.client.access(workflowId);
  } catch (e) {
    if (e instanceof CivisApiError && e.isGone) return [];
    throw e;
  }
  const warnings: string[] = [];
  for (const kind of PRINCIPAL_KINDS) {
    for (const p of ids[kind].filter((x) => live.list[level][kind].includes(x))) {
      try {
        await ctx.client.revoke(workflowId, kind, p);
      } catch (e) {
        if (!(e instanceof CivisApiError && e.status === 403 && kind === "users")) throw e;
        warnings.push(`user ${p} was not revoked from workflow ${workflowId}: ${e.description}`);
      }
    }
  }
  return warnings;
}

function shareId(inputs: ShareInputs): string {
  return `${inputs.workflowId}/${inputs.permissionLevel}`;
}

/** The principals this share grants, for the ledger of what this run manages. */
export function grants(outs: ShareOutputs): Grant[] {
  return PRINCIPAL_KINDS.flatMap((kind) => idsOf(outs, kind).map((id) => ({ workflowId: outs.workflowId, kind, id })));
}

type Module = ResourceModule<ShareInputs, ShareOutputs>;
const OPERATIONS = { check, diff, preview, create, read, update, remove };
export const WorkflowShare: Module = { fields: FIELDS, computed: ["ownerIds"], ...OPERATIONS };
