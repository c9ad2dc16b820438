/**
 * The WorkflowAccess resource: the whole access list of a workflow, authoritative. After `up`
 * the workflow is shared with exactly the listed users and groups at the listed levels, plus
 * two users that are never revoked or lowered: the workflow's owner (its author) and the API
 * user (revoking itself would lock Pulumi out). The set arithmetic is `plan.ts`.
 */
import { CivisApiError, type SharedWith, type WireMe, type WireWorkflow } from "../../client";
import { fail } from "../../core/checks";
import { accessList, PERMISSION_LEVELS, PRINCIPAL_KINDS, type AccessList } from "../../core/model";
import { checkFields, diffFields } from "../../core/schema";
import { deepEqual } from "../../core/values";
import type { Context, Grant, ResourceModule } from "../resource";
import { readAttached, usableWorkflow } from "../workflowStatus";
import { applyPlan, LIST_TERMS, restore } from "./apply";
import { FIELDS, type AccessInputs, type AccessOutputs } from "./fields";
import { asListed, byKind, levelsOf, planAccess, type AccessPlan, type Kept } from "./plan";
import { MANAGING, previewCreate, previewUpdate } from "./preview";

export { FIELDS, type AccessInputs, type AccessOutputs };

// ---------------------------------------------------------------------------------------------
// fields: see fields.ts

// ---------------------------------------------------------------------------------------------
// check

/** Ids positive whole numbers, one level per principal, at least one of users / groups. */
export function check(news: Record<string, unknown>) {
  const { inputs, failures, warnings } = checkFields(FIELDS, news);
  if (news.users == null && news.groups == null) {
    failures.push(
      fail(
        "users",
        "give users, groups, or both: each principals by level, e.g. users: { read: [101] }; an empty {} means " +
          "nobody but the workflow's owner and the API user",
      ),
    );
  }
  return { inputs: inputs as unknown as AccessInputs, failures, warnings };
}

// ---------------------------------------------------------------------------------------------
// diff

/** A new workflow replaces; the lists and the e-mail fields change in place. */
export const diff = (olds: Partial<AccessOutputs>, news: AccessInputs) => diffFields(FIELDS, olds, news);

// ---------------------------------------------------------------------------------------------
// create

/** At preview: the workflow can be managed, the list lowers no one kept, and what taking over or drift changes. */
export function preview(ctx: Context, inputs: AccessInputs, olds?: Record<string, unknown>) {
  return olds
    ? previewUpdate(ctx.previewReads, inputs, olds)
    : previewCreate(ctx.previewReads, inputs, ctx.ledger.written);
}

/**
 * Reads the API user, the workflow (its owner) and its shares, then makes the list so with the
 * fewest writes. All or nothing: when a write fails, the shares are put back as they were found.
 */
export async function create(ctx: Context, inputs: AccessInputs) {
  const { client } = ctx;
  const workflowId = inputs.workflowId;
  // Read together; the workflow's own problem (gone, archived, not ours to manage) is the one said.
  const [workflow, me, access] = await Promise.allSettled([
    usableWorkflow(client, workflowId, MANAGING),
    client.me(),
    client.access(workflowId),
  ]).then(
    (all) =>
      all.map((r) => {
        if (r.status === "rejected") throw r.reason;
        return r.value;
      }) as [WireWorkflow, WireMe, SharedWith],
  );
  const kept: Kept = { ownerId: workflow.user.id, apiUserId: me.id };
  try {
    await applyPlan(client, workflowId, plan(access.list, wanted(inputs), kept, workflowId), emails(inputs));
  } catch (e) {
    await restore(client, workflowId, access.list, kept).catch(() => undefined);
    throw e;
  }
  const id = `${workflowId}/access`;
  const outs: AccessOutputs = { ...inputs, ownerId: kept.ownerId, apiUserId: kept.apiUserId };
  ctx.ledger.written.add(workflowId);
  ctx.ledger.granted(`WorkflowAccess ${id}`, grants(outs));
  return { id, outs };
}

const wanted = (inputs: AccessInputs) => accessList(inputs.users, inputs.groups);

/** An access list e-mails no one unless it says so. */
const emails = (inputs: AccessInputs) => ({
  sendSharedEmail: inputs.sendSharedEmail ?? false,
  shareEmailBody: inputs.shareEmailBody,
});

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
export async function read(ctx: Context, id: string, props: AccessOutputs) {
  const client = ctx.refreshReads;
  const access = await readAttached(client, props.workflowId, () => client.access(props.workflowId));
  if (!access) return undefined;
  const live = asListed(access.list, accessList(props.users, props.groups), {
    ownerId: props.ownerId,
    apiUserId: props.apiUserId,
  });
  const { users, groups } = byKind(live);
  const next: AccessOutputs = { ...props, users, groups };
  const { ownerId: _o, apiUserId: _a, ...inputs } = next;
  return { id, props: next, inputs: inputs };
}

// ---------------------------------------------------------------------------------------------
// update

/**
 * Plans from the shares as Civis has them now (one GET, with the workflow's for its owner), so a
 * write that failed halfway in an earlier run is finished, not repeated. A change of only the
 * e-mail fields calls no API.
 */
export async function update(ctx: Context, id: string, olds: AccessOutputs, news: AccessInputs) {
  const { client } = ctx;
  let outs: AccessOutputs = { ...news, ownerId: olds.ownerId, apiUserId: olds.apiUserId };
  if (!deepEqual(olds.users, news.users) || !deepEqual(olds.groups, news.groups)) {
    // The owner read again: a Workflow's ownerId may have transferred it since the list was made.
    const [me, access, workflow] = await Promise.all([
      client.me(),
      client.access(news.workflowId),
      client.getWorkflow(news.workflowId),
    ]);
    outs = { ...outs, ownerId: workflow.user.id, apiUserId: me.id };
    const kept: Kept = { ownerId: workflow.user.id, apiUserId: me.id };
    await applyPlan(client, news.workflowId, plan(access.list, wanted(news), kept, news.workflowId), emails(news));
  }
  ctx.ledger.granted(`WorkflowAccess ${id}`, grants(outs));
  return outs;
}

// ---------------------------------------------------------------------------------------------
// delete

/**
 * Revokes every principal of the list that still has access, except the owner and the API user,
 * and those another resource of this run has just granted (a ManagedWorkflow that moved to
 * `WorkflowShare`s). Already revoked is success; a workflow gone has nothing to revoke.
 */
export async function remove(ctx: Context, id: string, props: AccessOutputs): Promise<string[]> {
  const { client, ledger } = ctx;
  let live: AccessList;
  try {
    live = (await client.access(props.workflowId)).list;
  } catch (e) {
    if (e instanceof CivisApiError && e.isGone) return [];
    throw e;
  }
  const warnings: string[] = [];
  const revokes: AccessPlan["revokes"] = [];
  for (const kind of PRINCIPAL_KINDS) {
    const has = levelsOf(live, kind);
    for (const principal of PERMISSION_LEVELS.flatMap((l) => props[kind]?.[l] ?? [])) {
      if (!has.has(principal)) continue;
      if (kind === "users" && (principal === props.ownerId || principal === props.apiUserId)) {
        const who = principal === props.ownerId ? "the owner of" : "the API user on";
        warnings.push(`user ${principal} is ${who} workflow ${props.workflowId}; kept, not revoked`);
        continue;
      }
      if (!ledger.grantedByOthers(`WorkflowAccess ${id}`, { workflowId: props.workflowId, kind, id: principal }))
        revokes.push({ kind, id: principal });
    }
  }
  const applied = await applyPlan(
    client,
    props.workflowId,
    { grants: [], revokes },
    {
      refusedRevokeWarns: true,
      terms: {
        ...LIST_TERMS,
        removed: "is on the access list being deleted",
        fix: "Revoke it in Civis, or run up again",
      },
    },
  );
  return [...warnings, ...applied.warnings];
}

/** The principals this list grants, for the ledger of what this run manages. */
export function grants(outs: AccessOutputs): Grant[] {
  return PRINCIPAL_KINDS.flatMap((kind) =>
    PERMISSION_LEVELS.flatMap((l) => (outs[kind]?.[l] ?? []).map((id) => ({ workflowId: outs.workflowId, kind, id }))),
  );
}

type Module = ResourceModule<AccessInputs, AccessOutputs>;
const OPERATIONS = { check, diff, preview, create, read, update, remove };
export const WorkflowAccess: Module = { fields: FIELDS, computed: ["ownerId", "apiUserId"], ...OPERATIONS };
