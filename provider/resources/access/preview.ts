/**
 * What a WorkflowAccess preview can tell from reads, so the reviewer approves what `up` will do:
 * problems (the workflow cannot be managed; the list would lower its owner or the API user) and
 * warnings on the resource (the principals that taking over an existing list revokes; a list
 * changed in Civis since the last refresh, which the diff cannot show; principals Civis counts
 * but does not list to the API user).
 */
import type { CivisClient, SharedWith } from "../../client";
import { accessList, PRINCIPAL_KINDS } from "../../core/model";
import type { AccessList, LevelLists, PermissionLevel, PrincipalKind } from "../../core/model";
import { hasUnknown, isUnknown } from "../../core/unknown";
import { isPlainObject } from "../../core/values";
import type { Findings } from "../resource";
import { checkedWorkflow } from "../workflowStatus";
import { dependencyWarnings } from "./dependencies";
import { asListed, levelsOf, planAccess, type AccessPlan, type Kept } from "./plan";

/** The inputs a preview reads: each list may still hold values not known yet. */
interface PreviewInputs {
  workflowId: number;
  users: LevelLists;
  groups: LevelLists;
}

/** What managing who may see a workflow needs of it: the API user at manage. */
export const MANAGING = { property: "workflowId", managing: "managing who may see it" };

/**
 * At the preview of a create: as below, and what taking over an existing workflow's list changes
 * (not for a workflow this run has just created or written: there is nothing to take over).
 */
export async function previewCreate(
  client: CivisClient,
  inputs: PreviewInputs,
  written: ReadonlySet<number> = new Set(),
): Promise<Findings> {
  const found = await keptProblems(client, inputs);
  const kept = found.kept;
  if (!kept || found.problems.length || typeof inputs.workflowId !== "number")
    return { problems: found.problems, warnings: [] };
  const wanted = knownList(inputs);
  if (!wanted) return { problems: [], warnings: [] };
  // A workflow this run has just made or written has nothing to take over: all it lists gain access.
  if (written.has(inputs.workflowId)) {
    const everyone = [...levelsOf(wanted, "users").keys()].filter((u) => !isKept(u, kept));
    return { problems: [], warnings: await dependencyWarnings(client, inputs.workflowId, everyone) };
  }
  const access = await client.access(inputs.workflowId);
  const changes = describePlan(planAccess(access.list, wanted, kept), access.list);
  return {
    problems: [],
    warnings: [
      `takes over the access list of workflow ${inputs.workflowId}: ${changes || "it already matches the program"}`,
      ...unseen(inputs.workflowId, access),
      ...(await dependencyWarnings(client, inputs.workflowId, gaining(wanted, access.list))),
    ],
  };
}

/** The users of `wanted` who have no access in `live` now. */
function gaining(wanted: AccessList, live: AccessList): number[] {
  const has = levelsOf(live, "users");
  return [...levelsOf(wanted, "users").keys()].filter((u) => !has.has(u));
}

const isKept = (user: number, kept: Kept) => user === kept.ownerId || user === kept.apiUserId;

/**
 * At the preview of an update: as below, and, when Civis's list has changed since the state was
 * last written (a web-app change not refreshed), what changed: `up` plans from Civis's list, so
 * it undoes that too, which the diff (state against program) does not show.
 */
export async function previewUpdate(
  client: CivisClient,
  inputs: PreviewInputs,
  olds: Record<string, unknown>,
): Promise<Findings> {
  const found = await keptProblems(client, inputs);
  if (!found.kept || found.problems.length || typeof inputs.workflowId !== "number")
    return { problems: found.problems, warnings: [] };
  const kept = found.kept;
  const stored = accessList(olds.users as LevelLists, olds.groups as LevelLists);
  const access = await client.access(inputs.workflowId);
  // The owner and the API user are kept, so not in the state unless the program names them.
  const live = asListed(access.list, stored, kept);
  const drift = describeDrift(stored, live);
  const said = drift
    ? [
        `workflow ${inputs.workflowId}'s access changed in Civis since the last refresh (${drift}); up makes it the ` +
          `program's list again. Run pulumi refresh to see it in the diff`,
      ]
    : [];
  const wanted = knownList(inputs);
  const newcomers = wanted ? await dependencyWarnings(client, inputs.workflowId, gaining(wanted, access.list)) : [];
  return { problems: [], warnings: [...said, ...unseen(inputs.workflowId, access), ...newcomers] };
}

/**
 * Civis lists only the principals the API user can see, and counts them all: the difference is
 * access that no list of ours can show or revoke, which an audit needs to know of.
 */
function unseen(workflowId: number, access: SharedWith): string[] {
  const listed = (kind: PrincipalKind) => Object.values(access.list).reduce((n, level) => n + level[kind].length, 0);
  const users = access.totals.users - listed("users");
  const groups = access.totals.groups - listed("groups");
  if (users <= 0 && groups <= 0) return [];
  const what = [
    users > 0 ? `${users} user${users > 1 ? "s" : ""}` : "",
    groups > 0 ? `${groups} group${groups > 1 ? "s" : ""}` : "",
  ]
    .filter(Boolean)
    .join(" and ");
  return [
    `workflow ${workflowId} is also shared with ${what} the API user cannot see: Civis does not list them, so this ` +
      `access list can neither show nor revoke them; ask a Civis admin who they are`,
  ];
}

/**
 * The workflow can be managed by the API user, and the list lowers neither its owner nor the API
 * user. For a workflow this run creates, the API user will be its author (manage).
 */
async function keptProblems(client: CivisClient, inputs: PreviewInputs): Promise<{ problems: string[]; kept?: Kept }> {
  const me = await client.me();
  let kept: Kept = { ownerId: me.id, apiUserId: me.id };
  let apiUserHas: PermissionLevel = "manage";
  if (typeof inputs.workflowId === "number") {
    const found = await checkedWorkflow(client, inputs.workflowId, MANAGING);
    if ("problem" in found) return { problems: [found.problem] };
    kept = { ownerId: found.workflow.user.id, apiUserId: me.id };
    apiUserHas = found.workflow.myPermissionLevel as PermissionLevel;
  }
  if (!isPlainObject(inputs.users)) return { problems: [], kept };
  const has = accessList();
  has[apiUserHas].users.push(kept.apiUserId);
  if (kept.ownerId !== kept.apiUserId) has.manage.users.push(kept.ownerId);
  // The known ids of each level: one not known yet is checked at `up`.
  const listed = Object.fromEntries(
    Object.entries(inputs.users).map(([l, ids]) => [l, Array.isArray(ids) ? ids.filter((id) => !isUnknown(id)) : []]),
  );
  const where =
    typeof inputs.workflowId === "number" ? `workflow ${inputs.workflowId}` : "the workflow this update creates";
  return { problems: planAccess(has, accessList(listed), kept).problems.map((p) => `${where}: ${p}`), kept };
}

/** The list when every value of it is known. */
function knownList(inputs: PreviewInputs): AccessList | undefined {
  const known = (v: unknown) => isPlainObject(v) && !hasUnknown(v) && Object.values(v).every(Array.isArray);
  return known(inputs.users) && known(inputs.groups) ? accessList(inputs.users, inputs.groups) : undefined;
}

const noun = (kind: PrincipalKind) => kind.slice(0, -1);

/** "gives user 101 write (has read), group 8 read; revokes user 103 (write)", or "" for nothing. */
export function describePlan(plan: AccessPlan, live: AccessList): string {
  const gives = plan.grants.flatMap((g) =>
    g.ids.map((id) => {
      const has = levelsOf(live, g.kind).get(id);
      return `${noun(g.kind)} ${id} ${g.level}${has ? ` (has ${has})` : ""}`;
    }),
  );
  const revokes = plan.revokes.map((r) => `${noun(r.kind)} ${r.id} (${levelsOf(live, r.kind).get(r.id)})`);
  return [gives.length ? `gives ${gives.join(", ")}` : "", revokes.length ? `revokes ${revokes.join(", ")}` : ""]
    .filter(Boolean)
    .join("; ");
}

/** "user 103 was given write, user 102 was revoked", or "" when Civis has what the state says. */
function describeDrift(stored: AccessList, live: AccessList): string {
  const said: string[] = [];
  for (const kind of PRINCIPAL_KINDS) {
    const before = levelsOf(stored, kind);
    const now = levelsOf(live, kind);
    for (const [id, level] of now) {
      const was = before.get(id);
      if (!was) said.push(`${noun(kind)} ${id} was given ${level}`);
      else if (was !== level) said.push(`${noun(kind)} ${id} was moved from ${was} to ${level}`);
    }
    for (const id of before.keys()) if (!now.has(id)) said.push(`${noun(kind)} ${id} was revoked`);
  }
  return said.join(", ");
}
