/**
 * `pulumi import` of a share, by `<workflowId>/<level>` (e.g. `1004/read`): the users and groups
 * that have that level on the workflow now, as the program's `userIds` / `groupIds`.
 */
import { isPermissionLevel } from "../../core/model";
import type { Context } from "../resource";
import { liveWorkflow, readAttached } from "../workflowStatus";
import type { ShareOutputs } from "./fields";
import { read } from "./resource";

export async function importShare(ctx: Context, id: string) {
  const [idText, level] = id.split("/");
  if (!/^\d+$/.test(idText) || !isPermissionLevel(level))
    throw new Error(`a WorkflowShare's id is <workflowId>/<level>, e.g. 1004/read, not ${JSON.stringify(id)}`);
  const workflowId = Number(idText);
  const [workflow, access] = await Promise.all([
    liveWorkflow(ctx.refreshReads, workflowId),
    readAttached(ctx.refreshReads, workflowId, () => ctx.refreshReads.access(workflowId)),
  ]);
  if (!workflow || !access) return undefined;
  const { users, groups } = access.list[level];
  if (!users.length && !groups.length) throw new Error(`workflow ${workflowId} is shared with nobody at ${level}`);
  const props: ShareOutputs = {
    workflowId,
    permissionLevel: level,
    ...(users.length && { userIds: [...users].sort((a, b) => a - b) }),
    ...(groups.length && { groupIds: [...groups].sort((a, b) => a - b) }),
    // The owner, named at manage, is counted as granted and never revoked (as a create records it).
    ownerIds: users.includes(workflow.user.id) ? [workflow.user.id] : [],
  };
  return read(ctx, id, props);
}
