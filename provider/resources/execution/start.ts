/**
 * Starting a run without ever starting two. Civis counts starts against a lower rate limit of
 * their own: a 429 is retried by the client (Civis did not start it). Any other answer whose fate
 * is unknown (a timeout, a connection lost after sending, a 502/504) is never simply sent again:
 * first the run it may have started is looked for, as Workflow creates do.
 */
import { CivisApiError, type CivisClient, type ExecutionCreate, type WireExecution } from "../../client";
import { deepEqual } from "../../core/values";

export interface StartOptions {
  /** Executions this run started or found already: never taken twice. */
  taken: Set<number>;
  /** How long a request that timed out may still land on the server (the request timeout). */
  lateLandingMs: number;
  clockSkewMs: number;
}

/** The started (or found) run; POSTs at most four times, each after a look found nothing. */
export async function startWithoutDuplicates(
  client: CivisClient,
  workflowId: number,
  body: ExecutionCreate,
  opts: StartOptions,
): Promise<WireExecution> {
  for (let attempt = 0; ; attempt++) {
    const sentAt = Date.now();
    try {
      const e = await client.startExecution(workflowId, body);
      opts.taken.add(e.id);
      return e;
    } catch (e) {
      if (!(e instanceof CivisApiError) || !e.mayHaveBeenApplied || attempt >= 3) throw e;
      const found = await findStarted(client, workflowId, body, opts, sentAt, e.timedOut ? opts.lateLandingMs : 1000);
      if (found) {
        opts.taken.add(found.id);
        return found;
      }
      // Civis's own 500 says the start failed: not sent again. A gateway's word says nothing.
      if (e.status === 500) throw e;
    }
  }
}

/** The API user's run of this workflow that a lost request started, newest first; looks again until `forMs` passed. */
async function findStarted(
  client: CivisClient,
  workflowId: number,
  body: ExecutionCreate,
  opts: StartOptions,
  sentAt: number,
  forMs: number,
): Promise<WireExecution | undefined> {
  const me = await client.me();
  const since = sentAt - opts.clockSkewMs;
  const deadline = Date.now() + forMs;
  for (let wait = 200; ; wait = Math.min(wait * 2, 2000)) {
    for (let pageNum = 1; ; pageNum++) {
      const { items, totalPages } = await client.listExecutions(workflowId, { limit: 50, pageNum });
      for (const s of items) {
        if (s.user.id !== me.id || opts.taken.has(s.id) || Date.parse(s.createdAt) < since) continue;
        const e = await client.getExecution(workflowId, s.id);
        const tasks = (list: string[] | null | undefined) => [...(list ?? [])].sort();
        if (deepEqual(tasks(e.includedTasks), tasks(body.includedTasks)) && deepEqual(e.input ?? {}, body.input ?? {}))
          return e;
      }
      const oldest = items.at(-1);
      if (pageNum >= totalPages || !oldest || Date.parse(oldest.createdAt) < since) break;
    }
    if (Date.now() + wait > deadline) return undefined;
    await new Promise((r) => setTimeout(r, wait));
  }
}
