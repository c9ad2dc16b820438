/**
 * Carrying out an access plan (`plan.ts`) against the API: grants first, one PUT per level
 * and kind, then revokes, one DELETE per principal; each failure named in the program's terms
 * (the property, the principal, the workflow). And undoing a create that failed halfway.
 */
import { CivisApiError, type CivisClient, type ShareRequest } from "../../client";
import type { AccessList, PrincipalKind } from "../../core/model";
import { planAccess, type AccessPlan, type Kept } from "./plan";

/** What the grants say besides the level. `sendSharedEmail` absent: false. */
export interface ShareOptions {
  sendSharedEmail?: boolean;
  shareEmailBody?: string;
}

/** Grants first (one PUT per level and kind), then revokes (one DELETE per principal). */
export async function applyPlan(
  client: CivisClient,
  workflowId: number,
  p: AccessPlan,
  options: ShareOptions = {},
): Promise<void> {
  const share: ShareRequest = { permissionLevel: "read", sendSharedEmail: options.sendSharedEmail ?? false };
  if (options.shareEmailBody !== undefined) share.shareEmailBody = options.shareEmailBody;
  for (const g of p.grants) await grant(client, workflowId, g.kind, g.ids, { ...share, permissionLevel: g.level });
  for (const r of p.revokes) {
    try {
      await client.revoke(workflowId, r.kind, r.id);
    } catch (e) {
      if (!(e instanceof CivisApiError)) throw e;
      throw new Error(
        `${r.kind}: ${r.kind.slice(0, -1)} ${r.id} is not listed, and could not be revoked from workflow ` +
          `${workflowId}: Civis answered ${e.status ?? ""} ${e.slug}: ${e.description}. ` +
          "List it at the level it has, or revoke it in Civis",
        { cause: e },
      );
    }
  }
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
): Promise<void> {
  const put = (some: number[]) => client.grant(workflowId, kind, some, share);
  // What Civis answers for an id it does not know; a 403 (the API user may not share) is not about one id.
  const refused = (e: unknown): e is CivisApiError =>
    e instanceof CivisApiError && (e.status === 400 || e.status === 404 || e.status === 422);
  try {
    await put(ids);
    return;
  } catch (e) {
    if (!refused(e)) throw e;
    if (ids.length === 1) throw grantError(kind, ids, share, workflowId, e);
  }
  const failed: Array<[number, CivisApiError]> = [];
  for (const id of ids) {
    try {
      await put([id]);
    } catch (e) {
      if (!refused(e)) throw e;
      failed.push([id, e]);
    }
  }
  if (failed.length)
    throw grantError(
      kind,
      failed.map(([id]) => id),
      share,
      workflowId,
      failed[0][1],
    );
}

function grantError(
  kind: PrincipalKind,
  ids: number[],
  share: ShareRequest,
  workflowId: number,
  e: CivisApiError,
): Error {
  const noun = ids.length === 1 ? kind.slice(0, -1) : kind;
  return new Error(
    `${kind}.${share.permissionLevel}: ${noun} ${ids.join(", ")} could not be given ${share.permissionLevel} on ` +
      `workflow ${workflowId}: Civis answered ${e.status} ${e.slug}: ${e.description}. Check that ` +
      `${ids.length === 1 ? "this id is" : "these ids are"} ${kind} Civis knows (there is no API read to check them ` +
      `at preview)`,
  );
}

/** After a failed create: the shares as they were found (a best effort; the create's error is what is reported). */
export async function restore(client: CivisClient, workflowId: number, found: AccessList, kept: Kept): Promise<void> {
  const now = (await client.access(workflowId)).list;
  await applyPlan(client, workflowId, planAccess(now, found, kept));
}
