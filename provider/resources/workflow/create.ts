/**
 * Creating a workflow without ever leaving a duplicate. A POST whose fate is unknown (a timeout,
 * a connection lost after sending, a 502/504) is never simply sent again: first the workflow it
 * may have created is looked for and taken over. The same look serves adoption
 * (`civis:adoptExisting`), the recovery after a killed `up`.
 */
import { CivisApiError, type CivisClient, type WireWorkflow, type WorkflowCreate } from "../../client";
import { sameDefinition } from "../../core/definition";

export interface CreateOptions {
  /** Take over a live workflow of the API user's with the same name and definition instead of creating one. */
  adoptExisting?: boolean;
  /** How long a request that timed out may still land on the server (the request timeout). */
  lateLandingMs?: number;
  /** Clock difference tolerated between this machine and Civis when matching creation times. */
  clockSkewMs?: number;
  /** Workflows this run created or took over already (the ledger's): never taken over twice. */
  taken: Set<number>;
}

/**
 * The created (or adopted) workflow; POSTs at most four times, each after a look found nothing.
 * `warnings` name a same-named workflow that adoption passed over for its different definition.
 */
export async function createWithoutDuplicates(
  client: CivisClient,
  body: WorkflowCreate,
  opts: CreateOptions,
): Promise<{ workflow: WireWorkflow; warnings: string[] }> {
  const warnings: string[] = [];
  const passedOver: number[] = [];
  const wanted: Wanted = {
    name: body.name,
    definition: body.definition ?? undefined,
    hidden: body.hidden === true,
    anyDefinition: body.fromJobChain !== undefined,
  };
  const adopted = opts.adoptExisting ? await findCreated(client, wanted, opts.taken, 0, 0, passedOver) : undefined;
  if (opts.adoptExisting && !adopted && passedOver.length) {
    warnings.push(
      `adoptExisting: workflow ${passedOver.join(", ")} has the name ${JSON.stringify(body.name)} ` +
        "but another definition, so it was not taken over and a new workflow is created; " +
        `to take it over, write adoptWorkflowId: ${passedOver[0]}`,
    );
  }
  const w = adopted ?? (await postUntilKnown(client, () => client.createWorkflow(body), wanted, opts));
  opts.taken.add(w.id);
  return { workflow: w, warnings };
}

/**
 * A clone of `source` (POST .../clone), with the same care: a clone whose answer was lost is
 * found by its definition and creation time (its name is the server's to choose).
 */
export async function cloneWithoutDuplicates(
  client: CivisClient,
  source: WireWorkflow,
  params: { cloneSchedule: boolean; cloneNotifications: boolean },
  opts: CreateOptions,
): Promise<WireWorkflow> {
  const wanted: Wanted = { definition: source.definition ?? "", hidden: source.hidden === true };
  const w = await postUntilKnown(client, () => client.cloneWorkflow(source.id, params), wanted, opts);
  opts.taken.add(w.id);
  return w;
}

/** What a workflow made by a lost request looks like: its name (any, if absent), definition and hidden flag. */
interface Wanted {
  name?: string;
  definition?: string;
  hidden: boolean;
  /** Made from a job chain: its definition is the server's to write. */
  anyDefinition?: boolean;
}

async function postUntilKnown(
  client: CivisClient,
  post: () => Promise<WireWorkflow>,
  wanted: Wanted,
  opts: CreateOptions,
): Promise<WireWorkflow> {
  for (let attempt = 0; ; attempt++) {
    const sentAt = Date.now();
    try {
      return await post();
    } catch (e) {
      if (!(e instanceof CivisApiError) || !e.mayHaveBeenApplied || attempt >= 3) throw e;
      // A timed-out request may still be applied a little later: keep looking for that long.
      const found = await findCreated(
        client,
        wanted,
        opts.taken,
        sentAt - (opts.clockSkewMs ?? 10_000),
        e.timedOut ? (opts.lateLandingMs ?? 0) : 1000,
      );
      if (found) return found;
      // A 500 is Civis's own word that the work failed: it is not sent again (a POST is re-sent
      // only when Civis certainly did not process it). A gateway's 502/504 or a lost connection
      // says nothing, and the look found nothing, so the POST goes again.
      if (e.status === 500) throw e;
    }
  }
}

/**
 * The API user's live workflow that a lost request made: as `wanted` (name, definition, hidden
 * flag), created at or after `since`, not already taken; newest first, every page. Looks again
 * until `forMs` has passed.
 */
async function findCreated(
  client: CivisClient,
  wanted: Wanted,
  taken: ReadonlySet<number>,
  since: number,
  forMs = 0,
  passedOver: number[] = [],
): Promise<WireWorkflow | undefined> {
  const me = await client.me();
  const deadline = Date.now() + forMs;
  for (let wait = 200; ; wait = Math.min(wait * 2, 2000)) {
    // Newest first, until the workflows are older than `since`: the order allows no later match.
    for (let pageNum = 1; ; pageNum++) {
      const { items, totalPages } = await client.listWorkflows({
        author: me.id,
        archived: "false",
        hidden: wanted.hidden,
        order: "created_at",
        orderDir: "desc",
        limit: 50,
        pageNum,
      });
      for (const summary of items) {
        const named = wanted.name === undefined || summary.name === wanted.name;
        if (!named || taken.has(summary.id) || Date.parse(summary.createdAt) < since) continue;
        const w = await client.getWorkflow(summary.id);
        if (wanted.anyDefinition || sameDefinition(w.definition ?? "", wanted.definition ?? "")) return w;
        if (!passedOver.includes(w.id)) passedOver.push(w.id);
      }
      const oldest = items.at(-1);
      if (pageNum >= totalPages || !oldest || Date.parse(oldest.createdAt) < since) break;
    }
    if (Date.now() + wait > deadline) return undefined;
    await new Promise((r) => setTimeout(r, wait));
  }
}
