// The refresh view of the client: one GET /workflows/{id} serves every read that needs it.
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { withSharedWorkflowReads, type CivisClient, type WireWorkflow } from "../../../../provider/client";

/** A client whose getWorkflow counts its calls and answers as told. */
function counting(answer: (id: number, call: number) => Promise<WireWorkflow>) {
  const calls: number[] = [];
  const client = { getWorkflow: (id: number) => answer(id, calls.push(id)) } as unknown as CivisClient;
  return { client, calls };
}
const wf = (id: number) => ({ id, name: `w${id}` }) as WireWorkflow;

describe("withSharedWorkflowReads", () => {
  it("concurrent and recent reads of one workflow make one call; other ids their own", async () => {
    const { client, calls } = counting((id) => Promise.resolve(wf(id)));
    const shared = withSharedWorkflowReads(client);
    const [a, b] = await Promise.all([shared.getWorkflow(1), shared.getWorkflow(1)]);
    assert.equal(a, b);
    await shared.getWorkflow(1);
    await shared.getWorkflow(2);
    assert.deepEqual(calls, [1, 2]);
  });

  it("a failed read is not kept: the next read asks again", async () => {
    const { client, calls } = counting((id, n) =>
      n === 1 ? Promise.reject(new Error("503")) : Promise.resolve(wf(id)),
    );
    const shared = withSharedWorkflowReads(client);
    await assert.rejects(shared.getWorkflow(1), /503/);
    assert.equal((await shared.getWorkflow(1)).id, 1);
    assert.deepEqual(calls, [1, 1]);
  });

  it("an answer older than maxAgeMs is asked again", async () => {
    const { client, calls } = counting((id) => Promise.resolve(wf(id)));
    const shared = withSharedWorkflowReads(client, 0);
    await shared.getWorkflow(1);
    await new Promise((r) => setTimeout(r, 2));
    await shared.getWorkflow(1);
    assert.deepEqual(calls, [1, 1]);
  });
});
