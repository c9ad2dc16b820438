/**
 * Is the workflow there, archived, and may the API user manage it: asked in one way, said in one
 * way, by every resource that names a workflow (a refresh, a preview, a create, an adoption).
 */
import { CivisApiError, isArchived, type CivisClient, type WireWorkflow } from "../client";
import type { Context } from "./context";
import type { Findings } from "./resource";

export type WorkflowStatus =
  { id: number; state: "gone" } | { id: number; state: "archived" | "live"; workflow: WireWorkflow };

/** One GET. Gone (404) and not visible to the API user are the same answer in Civis. */
export async function workflowStatus(client: CivisClient, id: number): Promise<WorkflowStatus> {
  try {
    const workflow = await client.getWorkflow(id);
    return { id, state: isArchived(workflow) ? "archived" : "live", workflow };
  } catch (e) {
    if (e instanceof CivisApiError && e.isGone) return { id, state: "gone" };
    throw e;
  }
}

/** The workflow as Civis has it, or undefined when it is gone or archived: both mean "no longer there". */
export async function liveWorkflow(client: CivisClient, id: number): Promise<WireWorkflow | undefined> {
  const s = await workflowStatus(client, id);
  return s.state === "live" ? s.workflow : undefined;
}

/** How a resource uses the workflow it names: the property that names it, and what it does with it. */
export interface WorkflowUse {
  /** The property that names the workflow, e.g. `workflowId` or `adoptWorkflowId`. */
  property: string;
  /** With manage: what needs it, e.g. "managing who may see it". */
  managing?: string;
}

/** Why the workflow cannot be used so, phrased with the fix; undefined when it can. */
export function workflowProblem(s: WorkflowStatus, use: WorkflowUse): string | undefined {
  const lead = use.property === "workflowId" ? "" : `${use.property} ${s.id}: `;
  if (s.state === "gone")
    return `${lead}workflow ${s.id} does not exist or the API user cannot see it; check ${use.property}`;
  if (s.state === "archived") {
    return `${lead}workflow ${s.id} is archived; ${
      use.property === "workflowId"
        ? "check workflowId, or restore the workflow in Civis"
        : `restore it in Civis, or leave ${use.property} out to create a new one`
    }`;
  }
  const level = s.workflow.myPermissionLevel;
  if (use.managing && level !== "manage") {
    return (
      `${lead}the API user has ${level} on workflow ${s.id}; ${use.managing} needs manage: ` +
      `ask its owner (user ${s.workflow.user.id}) to share it at manage`
    );
  }
  return undefined;
}

/** One GET: the workflow when it can be used so, or why it cannot (for a preview to say). */
export async function checkedWorkflow(
  client: CivisClient,
  id: number,
  use: WorkflowUse,
): Promise<{ workflow: WireWorkflow } | { problem: string }> {
  const s = await workflowStatus(client, id);
  const problem = workflowProblem(s, use);
  // A gone workflow always has a problem; the state check only narrows the type.
  return problem !== undefined || s.state === "gone" ? { problem: problem ?? "" } : { workflow: s.workflow };
}

/** The workflow when it can be used so; else an error that says why (for a create or an update). */
export async function usableWorkflow(client: CivisClient, id: number, use: WorkflowUse): Promise<WireWorkflow> {
  const found = await checkedWorkflow(client, id, use);
  if ("problem" in found) throw new Error(found.problem);
  return found.workflow;
}

/**
 * Runs a refresh read of something attached to a workflow (its shares, its project links) next
 * to the workflow's own read, concurrently. The workflow gone or archived drops it from state
 * (undefined), as the workflow itself is dropped. In a refresh the host hands reads a client that
 * shares one `GET /workflows/{id}` between the workflow and everything attached to it.
 */
export async function readAttached<T>(
  client: CivisClient,
  workflowId: number,
  read: () => Promise<T>,
): Promise<T | undefined> {
  const [lives, result] = await Promise.allSettled([liveWorkflow(client, workflowId), read()]);
  if (lives.status === "fulfilled" && !lives.value) return undefined;
  if (result.status === "rejected") {
    if (result.reason instanceof CivisApiError && result.reason.isGone) return undefined;
    throw result.reason;
  }
  if (lives.status === "rejected") throw lives.reason;
  return result.value;
}

/**
 * The preview of something attached to a workflow (a share, a project link): at a create, the
 * workflow it names exists and is not archived. A workflow not known yet (one this update
 * creates), or one this run has just written, is not read.
 */
export async function previewAttached(
  ctx: Context,
  inputs: { workflowId: unknown },
  olds?: Record<string, unknown>,
): Promise<Findings> {
  const { workflowId } = inputs;
  if (olds || typeof workflowId !== "number" || ctx.ledger.written.has(workflowId))
    return { problems: [], warnings: [] };
  const problem = workflowProblem(await workflowStatus(ctx.previewReads, workflowId), { property: "workflowId" });
  return { problems: problem ? [problem] : [], warnings: [] };
}
