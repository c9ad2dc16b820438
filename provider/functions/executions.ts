/**
 * The execution lookups (`getWorkflowExecutions`, `getWorkflowExecution`): a workflow's runs as
 * Civis lists them, newest first, and one run with its tasks. Reads only.
 */
import type { CivisClient, WireExecution, WireExecutionSummary } from "../client";
import { workflowUrl } from "../resources/execution/resource";

/** A run of a workflow. */
export interface ExecutionInfo {
  executionId: number;
  workflowId: number;
  /** queued, running, succeeded, failed or cancelled (the workflow's words). */
  state: string;
  /** Civis's (Mistral's): running, paused, success, error or cancelled. */
  mistralState: string;
  /** What Civis says of how it ended (the failed tasks), or null. */
  stateInfo: string | null;
  /** Who started it. */
  user: { id: number; name: string };
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** The workflow's page in the Civis web app. */
  url: string;
}

/** A run with its tasks (`getWorkflowExecution`). */
export interface ExecutionDetail extends ExecutionInfo {
  tasks: Array<{ name: string; state: string; stateInfo: string | null }>;
  input: Record<string, unknown>;
  includedTasks: string[];
}

export interface ExecutionFilter {
  /** Only runs in this state (the workflow's words, e.g. "failed"). Default: any. */
  state?: string;
  /** At most this many, newest first. Default 20; ignored with `all`. */
  limit?: number;
  /** Every run (every page). Default false. */
  all?: boolean;
}

/** The workflow's runs, newest first: as many pages as the filter needs. */
export async function lookupExecutions(
  client: CivisClient,
  workflowId: number,
  filter: ExecutionFilter = {},
): Promise<ExecutionInfo[]> {
  const limit = filter.all ? Infinity : (filter.limit ?? 20);
  const found: ExecutionInfo[] = [];
  for (let pageNum = 1; found.length < limit; pageNum++) {
    const { items, totalPages } = await client.listExecutions(workflowId, { limit: 50, pageNum });
    for (const e of items) if (!filter.state || e.state === filter.state) found.push(infoOf(workflowId, e));
    if (pageNum >= totalPages || items.length === 0) break;
  }
  return found.slice(0, limit);
}

/** One run with its tasks: one read. */
export async function lookupExecution(
  client: CivisClient,
  workflowId: number,
  executionId: number,
): Promise<ExecutionDetail> {
  const e: WireExecution = await client.getExecution(workflowId, executionId);
  return {
    ...infoOf(workflowId, e),
    tasks: e.tasks.map((t) => ({ name: t.name, state: t.mistralState, stateInfo: t.mistralStateInfo || null })),
    input: e.input ?? {},
    includedTasks: e.includedTasks ?? [],
  };
}

function infoOf(workflowId: number, e: WireExecutionSummary): ExecutionInfo {
  return {
    executionId: e.id,
    workflowId,
    state: e.state,
    mistralState: e.mistralState,
    stateInfo: e.mistralStateInfo || null,
    user: { id: e.user.id, name: e.user.name },
    createdAt: e.createdAt,
    startedAt: e.startedAt,
    finishedAt: e.finishedAt,
    url: workflowUrl(workflowId),
  };
}
