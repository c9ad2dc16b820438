// Reading a workflow's runs against the emulator, which runs them: newest first, a state filter,
// a limit or every page, and one run with its tasks.
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { createClient, type CivisClient } from "../../../../provider/client";
import { lookupExecution, lookupExecutions } from "../../../../provider/functions/executions";
import { DEFAULT_API_KEY, requests, withEmulator, type Emulator } from "../../../support/emulator";

const FLOW = 'version: "2.0"\nx:\n  tasks:\n    a: {action: std.noop, on-success: [b]}\n    b: {action: std.noop}\n';

describe("execution lookups", () => {
  let emu: Emulator;
  let client: CivisClient;
  let wf: number;
  const started: number[] = [];
  before(async () => {
    emu = await withEmulator();
    emu.context.options.runTimeScale = 100;
    client = createClient({
      apiKey: DEFAULT_API_KEY,
      endpoint: `${emu.url}/`,
      maxRetries: 2,
      requestTimeoutMs: 2000,
      retryBaseMs: 5,
    });
    wf = (await client.createWorkflow({ name: "Runs", definition: FLOW })).id;
    // 55 runs: more than a page of 50; every fifth fails at b.
    for (let i = 0; i < 55; i++) {
      emu.context.options.taskPlans = i % 5 === 0 ? { b: { outcome: "error", stateInfo: "no rows" } } : {};
      started.push((await client.startExecution(wf, i === 0 ? { input: { day: 1 } } : {})).id);
    }
    await new Promise((r) => setTimeout(r, 100)); // every run ends (3 ms per task at this scale)
    emu.log.clear();
  });
  after(async () => emu?.close());

  it("lists runs newest first: 20 by default, a limit, every page, a state", async () => {
    const first = await lookupExecutions(client, wf);
    assert.deepEqual(
      first.map((e) => e.executionId),
      started.slice(-20).reverse(),
    );
    assert.deepEqual(requests(emu), [`GET /workflows/${wf}/executions`]);
    assert.equal((await lookupExecutions(client, wf, { limit: 3 })).length, 3);
    const all = await lookupExecutions(client, wf, { all: true });
    assert.equal(all.length, 55);
    const failed = await lookupExecutions(client, wf, { state: "failed", all: true });
    assert.deepEqual(
      failed.map((e) => e.executionId),
      started.filter((_, i) => i % 5 === 0).reverse(),
    );
    assert.match(failed[0].stateInfo ?? "", /^Failure caused by error in tasks: b/);
    assert.equal(failed[0].url, `https://platform.civisanalytics.com/spa/#/workflows/${wf}`);
  });

  it("reads one run with its tasks, input and subset", async () => {
    const run = await lookupExecution(client, wf, started[0]);
    assert.deepEqual([run.state, run.input, run.includedTasks], ["failed", { day: 1 }, []]);
    assert.deepEqual(run.tasks, [
      { name: "a", state: "success", stateInfo: null },
      { name: "b", state: "error", stateInfo: "no rows" },
    ]);
  });
});
