/**
 * `pulumi import` of a workflow's whole access list, by `<workflowId>/access` (or the workflow id):
 * everyone it is shared with now, by kind and level, but the owner and the API user, which the
 * list keeps whatever it says.
 */
import type { Context } from "../resource";
import { liveWorkflow } from "../workflowStatus";
import { read } from "./resource";

export async function importAccess(ctx: Context, id: string) {
  const match = /^(\d+)(\/access)?$/.exec(id);
  if (!match)
    throw new Error(`a WorkflowAccess's id is <workflowId>/access, e.g. 1004/access, not ${JSON.stringify(id)}`);
  const workflowId = Number(match[1]);
  const [workflow, me] = await Promise.all([liveWorkflow(ctx.refreshReads, workflowId), ctx.client.me()]);
  if (!workflow) return undefined;
  const listed = { read: [], write: [], manage: [] };
  const props = { workflowId, users: listed, groups: listed, ownerId: workflow.user.id, apiUserId: me.id };
  return read(ctx, `${workflowId}/access`, props);
}
