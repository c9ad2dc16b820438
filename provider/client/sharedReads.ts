import type { CivisClient } from "./api";
import type { WireWorkflow } from "./types";

/**
 * A refresh reads a workflow, its shares and its project links at about the same moment, and
 * each of them needs to know whether the workflow still lives (gone or archived drops it). This
 * view of the client lets them share one `GET /workflows/{id}`: a call for an id that is in
 * flight, or was answered less than `maxAgeMs` ago, gets the same answer. A failed call is not
 * kept. Only refresh reads use this view; anything that writes, or looks for what it wrote, asks
 * the API afresh.
 */
export function withSharedWorkflowReads(client: CivisClient, maxAgeMs = 60_000): CivisClient {
  const answers = new Map<number, { at: number; workflow: Promise<WireWorkflow> }>();
  const getWorkflow = (id: number): Promise<WireWorkflow> => {
    const kept = answers.get(id);
    if (kept && Date.now() - kept.at < maxAgeMs) return kept.workflow;
    const workflow = client.getWorkflow(id);
    answers.set(id, { at: Date.now(), workflow });
    workflow.catch(() => {
      if (answers.get(id)?.workflow === workflow) answers.delete(id);
    });
    return workflow;
  };
  return { ...client, getWorkflow };
}
