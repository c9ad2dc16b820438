import { CivisApiError, isArchived, type CivisClient, type WireWorkflow } from "../client";

/** The workflow as Civis has it, or undefined when it is gone (404) or archived: both mean "no longer there". */
export async function liveWorkflow(client: CivisClient, workflowId: number): Promise<WireWorkflow | undefined> {
  try {
    const w = await client.getWorkflow(workflowId);
    return isArchived(w) ? undefined : w;
  } catch (e) {
    if (e instanceof CivisApiError && e.isGone) return undefined;
    throw e;
  }
}

/**
 * Whether the workflow that a share or a project link belongs to still lives. Gone (404) or
 * archived, the share or link drops from state on refresh, as the workflow itself does. In a
 * refresh the runtime hands reads a client that shares one `GET /workflows/{id}` between the
 * workflow and everything attached to it, so this costs no request of its own there.
 */
export async function workflowLives(client: CivisClient, workflowId: number): Promise<boolean> {
  return (await liveWorkflow(client, workflowId)) !== undefined;
}

/** Runs a read of something attached to a workflow next to the liveness check, concurrently. */
export async function readAttached<T>(client: CivisClient, workflowId: number, read: () => Promise<T>): Promise<T | undefined> {
  const [lives, result] = await Promise.allSettled([workflowLives(client, workflowId), read()]);
  if (lives.status === "fulfilled" && !lives.value) return undefined;
  if (result.status === "rejected") {
    if (result.reason instanceof CivisApiError && result.reason.isGone) return undefined;
    throw result.reason;
  }
  if (lives.status === "rejected") throw lives.reason;
  return result.value;
}

/**
 * Why a share or project link cannot be made on `workflowId`, or nothing: a read at preview,
 * so a wrong id fails before any write. An id not known yet (a workflow this update creates),
 * or one this process has just written, is not read.
 */
export async function referencedWorkflowProblems(
  client: CivisClient, workflowId: unknown, knownLive: (workflowId: number) => boolean,
): Promise<string[]> {
  if (typeof workflowId !== "number" || knownLive(workflowId)) return [];
  try {
    const w = await client.getWorkflow(workflowId);
    return isArchived(w) ? [`workflow ${workflowId} is archived; check workflowId, or restore the workflow in Civis`] : [];
  } catch (e) {
    if (e instanceof CivisApiError && e.isGone) {
      return [`workflow ${workflowId} does not exist or the API user cannot see it; check workflowId`];
    }
    throw e;
  }
}
