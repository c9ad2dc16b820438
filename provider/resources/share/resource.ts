/**
 * The WorkflowShare resource: one permission level on a workflow for the principals it names,
 * additive (other shares are left alone).
 */
import { CivisApiError, type SharedWith } from "../../client";
import { fail } from "../../core/checks";
import { PRINCIPAL_KINDS, type PrincipalKind } from "../../core/model";
import { checkFields, diffFields } from "../../core/schema";
import type { Context, Findings, Grant, ResourceModule } from "../resource";
import { isUnknown } from "../../core/unknown";
import { dependencyWarnings } from "../access/dependencies";
import { applyPlan, type Applied, type ApplyOptions, type Terms } from "../access/apply";
import { shareGrants, shareRevokes, type ShareSpec } from "../access/plan";
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

/**
 * At the preview: for a create, the workflow it names exists and is not archived; and for each
 * user who gains access (all it names at a create, those added at an update), what the workflow
 * runs that they have no permission on (`access/dependencies.ts`).
 */
export async function preview(ctx: Context, inputs: ShareInputs, olds?: Record<string, unknown>): Promise<Findings> {
  const found = await previewAttached(ctx, inputs, olds);
  if (found.problems.length || typeof inputs.workflowId !== "number" || !Array.isArray(inputs.userIds)) return found;
  const before = olds && Array.isArray(olds.userIds) ? (olds.userIds as unknown[]) : [];
  const gaining = inputs.userIds.filter((u) => typeof u === "number" && !isUnknown(u) && !before.includes(u));
  return {
    problems: [],
    warnings: [...found.warnings, ...(await dependencyWarnings(ctx.previewReads, inputs.workflowId, gaining))],
  };
}

/**
 * The share's grants (`shareGrants`, the access plan of its own principals): one PUT per
 * principal kind. All or nothing: if a grant fails, what the others granted is revoked. On a
 * workflow this run adopted, one GET first: principals already at the level are not granted
 * again (none at all: no write).
 */
export async function create(ctx: Context, inputs: ShareInputs) {
  const { client, ledger } = ctx;
  const there = ledger.adopted.has(inputs.workflowId) ? (await client.access(inputs.workflowId)).list : undefined;
  const toGrant = shareGrants(inputs, undefined, there);
  let ownerIds: number[];
  try {
    const applied = await applyPlan(client, inputs.workflowId, { grants: toGrant, revokes: [] }, options(inputs));
    ownerIds = ownersFound(inputs, applied);
  } catch (e) {
    const granted = (kind: PrincipalKind) => toGrant.find((g) => g.kind === kind)?.ids;
    const level = inputs.permissionLevel;
    const undo = { permissionLevel: level, userIds: granted("users"), groupIds: granted("groups") };
    await revoke(ctx, inputs.workflowId, { permissionLevel: level }, undo);
    throw e;
  }
  const id = shareId(inputs);
  const outs: ShareOutputs = { ...inputs, ownerIds };
  ledger.written.add(inputs.workflowId);
  ledger.granted(`WorkflowShare ${id}`, grants(outs));
  return { id, outs };
}

/** The share's terms for what failed: `userIds`, `groupIds`. */
const TERMS: Terms = {
  property: (kind) => (kind === "users" ? "userIds" : "groupIds"),
  removed: "is no longer named",
  fix: "Name it again, or revoke it in Civis",
};

/** The grants' e-mail fields, sent only when the program gives them. */
const options = (inputs: ShareInputs): ApplyOptions => ({
  sendSharedEmail: inputs.sendSharedEmail,
  shareEmailBody: inputs.shareEmailBody,
  terms: TERMS,
  refusedRevokeWarns: true,
});

/** Users granted a lower level who stay owners are the workflow's creator: remember them. */
function ownersFound(inputs: ShareInputs, applied: Applied, known: number[] = []): number[] {
  const owners = new Set(known);
  if (inputs.permissionLevel !== "manage") {
    for (const g of applied.granted.filter((x) => x.kind === "users")) {
      for (const u of g.ids) if (g.access.list.manage.users.includes(u)) owners.add(u);
    }
  }
  return [...owners].sort((a, b) => a - b);
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
  const kept = (olds.ownerIds ?? []).filter((u) => idsOf(news, "users").includes(u));
  const toGrant = shareGrants(news, olds);
  const applied = await applyPlan(ctx.client, news.workflowId, { grants: toGrant, revokes: [] }, options(news));
  await revoke(ctx, news.workflowId, news, olds, olds.ownerIds);
  const outs: ShareOutputs = { ...news, ownerIds: ownersFound(news, applied, kept) };
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
  const owners = props.ownerIds ?? [];
  const warnings = idsOf(props, "users")
    .filter((u) => owners.includes(u))
    .map((u) => `user ${u} owns workflow ${props.workflowId}; an owner's access is never revoked`);
  const mine = (kind: PrincipalKind) =>
    idsOf(props, kind).filter(
      (p) => !ctx.ledger.grantedByOthers(`WorkflowShare ${id}`, { workflowId: props.workflowId, kind, id: p }),
    );
  const gone = { permissionLevel: props.permissionLevel };
  const named = { ...props, userIds: mine("users"), groupIds: mine("groups") };
  return [...warnings, ...(await revoke(ctx, props.workflowId, gone, named, owners))];
}

/**
 * Revokes what `olds` named and `news` does not (`shareRevokes`), after one GET of the shares,
 * so a principal another share has just moved to another level keeps that access. Nothing to
 * revoke: no request. 404 (already revoked, or the workflow gone) is success; 403 on a user
 * means the owner, reported as a warning.
 */
async function revoke(
  ctx: Context,
  workflowId: number,
  news: ShareSpec,
  olds: ShareSpec,
  owners: number[] = [],
): Promise<string[]> {
  const removed = (kind: PrincipalKind) =>
    idsOf(olds, kind).filter((p) => !idsOf(news, kind).includes(p) && !(kind === "users" && owners.includes(p)));
  if (removed("users").length === 0 && removed("groups").length === 0) return [];
  let live: SharedWith;
  try {
    live = await ctx.client.access(workflowId);
  } catch (e) {
    if (e instanceof CivisApiError && e.isGone) return [];
    throw e;
  }
  const revokes = shareRevokes(news, olds, live.list, owners);
  const options: ApplyOptions = { terms: TERMS, refusedRevokeWarns: true };
  return (await applyPlan(ctx.client, workflowId, { grants: [], revokes }, options)).warnings;
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
