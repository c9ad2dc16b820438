/**
 * Carrying out an access plan (`plan.ts`) against the API, for the access list and for a share:
 * grants first, one PUT per level and kind, then revokes, one DELETE per principal; each failure
 * named in the program's terms (the property, the principal, the workflow). And undoing a create
 * that failed halfway.
 */
import { CivisApiError, type CivisClient, type ShareRequest, type SharedWith } from "../../client";
import type { AccessList, PermissionLevel, PrincipalKind } from "../../core/model";
import { planAccess, type AccessPlan, type Kept } from "./plan";

/** What the grants say besides the level, sent as given (an access list sends `sendSharedEmail: false` by default). */
export interface ShareOptions {
  sendSharedEmail?: boolean;
  shareEmailBody?: string;
}

/** How a resource names what failed: its property for a kind (and level), a removed principal, the fix. */
export interface Terms {
  property(kind: PrincipalKind, level?: PermissionLevel): string;
  removed: string;
  fix: string;
}

/** The access list's terms: `users.read`. */
export const LIST_TERMS: Terms = {
  property: (kind, level) => (level ? `${kind}.${level}` : kind),
  removed: "is not listed",
  fix: "List it at the level it has, or revoke it in Civis",
};

export interface ApplyOptions extends ShareOptions {
  terms?: Terms;
  /** A revoke Civis refuses with 403 (a user who owns the workflow) is a warning, not a failure. */
  refusedRevokeWarns?: boolean;
}

/** What applying said: each grant's answer (who holds what afterwards) and the warnings. */
export interface Applied {
  granted: Array<{ kind: PrincipalKind; ids: number[]; access: SharedWith }>;
  warnings: string[];
}

/** Grants first (one PUT per level and kind), then revokes (one DELETE per principal). */
export async function applyPlan(
  client: CivisClient,
  workflowId: number,
  p: Pick<AccessPlan, "grants" | "revokes">,
  options: ApplyOptions = {},
): Promise<Applied> {
  const terms = options.terms ?? LIST_TERMS;
  const applied: Applied = { granted: [], warnings: [] };
  for (const g of p.grants) {
    const share: ShareRequest = { permissionLevel: g.level };
    if (options.sendSharedEmail !== undefined) share.sendSharedEmail = options.sendSharedEmail;
    if (options.shareEmailBody !== undefined) share.shareEmailBody = options.shareEmailBody;
    const access = await grant(client, workflowId, g.kind, g.ids, share, terms);
    applied.granted.push({ kind: g.kind, ids: g.ids, access });
  }
  for (const r of p.revokes) {
    try {
      await client.revoke(workflowId, r.kind, r.id);
    } catch (e) {
      if (!(e instanceof CivisApiError)) throw e;
      const noun = `${r.kind.slice(0, -1)} ${r.id}`;
      if (options.refusedRevokeWarns && e.status === 403) {
        applied.warnings.push(`${noun} was not revoked from workflow ${workflowId}: ${e.description}`);
        continue;
      }
      throw new Error(
        `${terms.property(r.kind)}: ${noun} ${terms.removed}, and could not be revoked from workflow ` +
          `${workflowId}: Civis answered ${e.status ?? ""} ${e.slug}: ${e.description}. ${terms.fix}`,
        { cause: e },
      );
    }
  }
  return applied;
}

/**
 * One PUT for the principals of a level. When Civis refuses the list (an id it does not know:
 * there is no read of a user or group to ask first), each is granted alone, so that the error
 * names exactly the principals that failed.
 */
async function grant(
  client: CivisClient,
  workflowId: number,
  kind: PrincipalKind,
  ids: number[],
  share: ShareRequest,
  terms: Terms,
): Promise<SharedWith> {
  const put = (some: number[]) => client.grant(workflowId, kind, some, share);
  // What Civis answers for an id it does not know; a 403 (the API user may not share) is not about one id.
  const refused = (e: unknown): e is CivisApiError =>
    e instanceof CivisApiError && (e.status === 400 || e.status === 404 || e.status === 422);
  try {
    return await put(ids);
  } catch (e) {
    if (!refused(e)) throw e;
    if (ids.length === 1) throw grantError(kind, ids, share, workflowId, e, terms);
  }
  const failed: Array<[number, CivisApiError]> = [];
  let last: SharedWith | undefined;
  for (const id of ids) {
    try {
      last = await put([id]);
    } catch (e) {
      if (!refused(e)) throw e;
      failed.push([id, e]);
    }
  }
  if (failed.length === 0 && last) return last;
  throw grantError(
    kind,
    failed.map(([id]) => id),
    share,
    workflowId,
    failed[0][1],
    terms,
  );
}

function grantError(
  kind: PrincipalKind,
  ids: number[],
  share: ShareRequest,
  workflowId: number,
  e: CivisApiError,
  terms: Terms,
): Error {
  const noun = ids.length === 1 ? kind.slice(0, -1) : kind;
  return new Error(
    `${terms.property(kind, share.permissionLevel)}: ${noun} ${ids.join(", ")} could not be given ` +
      `${share.permissionLevel} on workflow ${workflowId}: Civis answered ${e.status} ${e.slug}: ${e.description}. ` +
      `Check that ${ids.length === 1 ? "this id is" : "these ids are"} ${kind} Civis knows (there is no API read ` +
      "to check them at preview)",
  );
}

/** After a failed create: the shares as they were found (a best effort; the create's error is what is reported). */
export async function restore(client: CivisClient, workflowId: number, found: AccessList, kept: Kept): Promise<void> {
  const now = (await client.access(workflowId)).list;
  await applyPlan(client, workflowId, planAccess(now, found, kept), { sendSharedEmail: false });
}
