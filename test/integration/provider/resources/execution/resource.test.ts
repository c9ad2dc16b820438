// WorkflowExecution against the emulator, which runs the workflow: the requests a start and its
// wait make, a failed run named task by task, the three waits, a timeout with and without cancel,
// a start whose answer was lost found and not made twice, a 429 retried, one run at a time, the
// preview's reads, refresh, and delete.
import { after, before, beforeEach, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { createClient, type CivisClient } from "../../../../../provider/client";
import * as execution from "../../../../../provider/resources/execution/resource";
import { contextOf } from "../../../../support/context";
import { DEFAULT_API_KEY, requests, withEmulator, type Emulator } from "../../../../support/emulator";

const FLOW = `version: "2.0"
etl:
  tasks:
    extract: {action: std.noop, on-success: [load]}
    load: {action: std.noop}
`;

describe("WorkflowExecution against the emulator", () => {
  let emu: Emulator;
  let client: CivisClient;
  let wf: number;
  before(async () => {
    emu = await withEmulator();
    client = createClient({
      apiKey: DEFAULT_API_KEY,
      endpoint: `${emu.url}/`,
      maxRetries: 3,
      requestTimeoutMs: 2000,
      retryBaseMs: 5,
    });
  });
  after(async () => emu?.close());
  beforeEach(async () => {
    Object.assign(emu.context.options, { taskPlans: {}, runTimeScale: 10 });
    wf = (await client.createWorkflow({ name: "Nightly", definition: FLOW })).id;
    emu.log.clear();
  });
  const runs = () => emu.context.store.state.executions.filter((e) => e.workflowId === wf);
  const lines: string[] = [];
  const ctx = () => ({ ...contextOf(client), say: (l: string) => lines.push(l) });

  it("create starts one run and waits for it: a POST, then GETs; the outputs say how it went", async () => {
    const { id, outs } = await execution.create(ctx(), { workflowId: wf });
    assert.equal(runs().length, 1);
    assert.equal(id, String(runs()[0].id));
    const r = requests(emu);
    assert.equal(r[0], `POST /workflows/${wf}/executions`);
    assert.ok(r.slice(1).every((x) => x === `GET /workflows/${wf}/executions/${id}`));
    assert.deepEqual([outs.executionId, outs.state], [Number(id), "succeeded"]);
    assert.deepEqual(
      outs.tasks.map((t) => [t.name, t.state]),
      [
        ["extract", "success"],
        ["load", "success"],
      ],
    );
    assert.equal(outs.url, `https://platform.civisanalytics.com/spa/#/workflows/${wf}`);
    assert.ok(outs.startedAt && outs.finishedAt);
  });

  it("a failed run fails the create, naming the workflow, the run, each failed task and a link", async () => {
    emu.context.options.taskPlans = { load: { outcome: "error", stateInfo: "relation staging.leads does not exist" } };
    const e = runs().length;
    await assert.rejects(execution.create(ctx(), { workflowId: wf }), (err: Error) => {
      const run = runs()[e].id;
      assert.equal(
        err.message,
        `workflow ${wf} ("Nightly"), execution ${run} failed: task load: relation staging.leads does not exist; ` +
          `see https://platform.civisanalytics.com/spa/#/workflows/${wf} (execution ${run}); the next up runs it again`,
      );
      return true;
    });
  });

  it('wait "finish" records the failure and goes on; wait "none" only starts it', async () => {
    emu.context.options.taskPlans = { load: { outcome: "error" } };
    const finish = await execution.create(ctx(), { workflowId: wf, wait: "finish" });
    assert.equal(finish.outs.state, "failed");
    assert.equal(finish.outs.tasks.find((t) => t.name === "load")?.stateInfo, "Task load failed");
    emu.log.clear();
    const none = await execution.create(ctx(), { workflowId: wf, wait: "none" });
    assert.equal(none.outs.state, "running");
    assert.deepEqual(requests(emu), [`POST /workflows/${wf}/executions`]);
  });

  it("past timeoutMinutes the create fails and the run goes on, or is cancelled with cancelOnTimeout", async () => {
    emu.context.options.taskPlans = { extract: { durationMs: 3_600_000 } };
    await assert.rejects(
      execution.create(ctx(), { workflowId: wf, timeoutMinutes: 0.005 }),
      /not finished after timeoutMinutes 0\.005; it goes on in Civis \(https:\/\/platform\.civisanalytics\.com\/spa/,
    );
    assert.equal(runs().at(-1)!.mistralState, "running");
    await assert.rejects(
      execution.create(ctx(), { workflowId: wf, timeoutMinutes: 0.005, cancelOnTimeout: true }),
      /cancelled \(cancelOnTimeout\)/,
    );
    assert.equal(runs().at(-1)!.mistralState, "cancelled");
  });

  it("a start whose answer was lost is found, not made again; a 429 is retried", async () => {
    emu.faults.add({ method: "POST", path: "/workflows/\\d+/executions", drop: "after" });
    const found = await execution.create(ctx(), { workflowId: wf, wait: "none", input: { day: 1 } });
    assert.equal(runs().length, 1);
    assert.equal(found.outs.executionId, runs()[0].id);
    emu.faults.add({ method: "POST", path: "/workflows/\\d+/executions", status: 429, retryAfter: 0 });
    await execution.create(ctx(), { workflowId: wf, wait: "none" });
    assert.equal(runs().length, 2);
  });

  it("a workflow that runs one at a time: the error names the running execution", async () => {
    await client.patchWorkflow(wf, { allowConcurrentExecutions: false });
    emu.context.options.taskPlans = { extract: { durationMs: 3_600_000 } };
    const first = await execution.create(ctx(), { workflowId: wf, wait: "none" });
    await assert.rejects(
      execution.create(ctx(), { workflowId: wf }),
      new RegExp(`workflow ${wf} runs one execution at a time .* execution ${first.id} is running`),
    );
  });

  it("preview reads the workflow once: a task that is not one, or an archived workflow, is a problem", async () => {
    const found = await execution.preview(ctx(), { workflowId: wf, includedTasks: ["load", "lod"] });
    assert.deepEqual(found.problems, [
      `includedTasks[1] names "lod", which is not a task of workflow ${wf}; its tasks: extract, load`,
    ]);
    assert.deepEqual(requests(emu), [`GET /workflows/${wf}`]);
    await client.archiveWorkflow(wf, true);
    const archived = await execution.preview(ctx(), { workflowId: wf });
    assert.match(archived.problems[0], /is archived/);
  });

  it("refresh reads the run; delete cancels only a running one with cancelOnDelete", async () => {
    emu.context.options.taskPlans = { extract: { durationMs: 3_600_000 } };
    const made = await execution.create(ctx(), { workflowId: wf, wait: "none" });
    const read = await execution.read(ctx(), made.id, made.outs);
    assert.equal(read?.props.state, "running");
    // What the engine gets back must cross its wire: no undefined anywhere.
    assert.deepEqual(read?.inputs, { workflowId: wf, wait: "none" });
    await execution.remove(ctx(), made.id, made.outs);
    assert.equal(runs().at(-1)!.mistralState, "running", "a run is history: delete leaves it");
    await execution.remove(ctx(), made.id, { ...made.outs, cancelOnDelete: true });
    assert.equal(runs().at(-1)!.mistralState, "cancelled");
  });
});
