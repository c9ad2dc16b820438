// The emulator runs workflows as their definitions say: tasks follow on-success / on-error /
// on-complete, states move through the spec's values, failures are named, and cancel, resume,
// retry, concurrency, the task subset, reverse workflows, listing and the runs' own rate limit
// behave as written in emulator/README.md.
import { after, before, beforeEach, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { call, withEmulator, type Emulator } from "../support/emulator";

const FLOW = `version: "2.0"
etl:
  tasks:
    extract:
      action: civis.run_job
      input: {job_id: 1234}
      on-success: [load]
      on-error: [alert]
    load:
      action: std.noop
      on-complete: [report]
    report: {action: std.noop}
    alert: {action: std.noop}
`;

describe("emulator: executions", () => {
  let emu: Emulator;
  before(async () => (emu = await withEmulator()));
  after(async () => emu?.close());
  beforeEach(async () => {
    await fetch(`${emu.url}/_emulator/reset`, { method: "POST" });
    await options({ taskPlans: {}, runTimeScale: 10, runRateLimit: { limit: 100, windowMs: 300_000 } });
  });

  const options = (o: object) =>
    fetch(`${emu.url}/_emulator/options`, { method: "POST", body: JSON.stringify(o) }).then((r) => r.json());
  const workflow = async (definition = FLOW, extra: object = {}) =>
    (await call(emu, "POST", "/workflows/", { name: "Runs", definition, ...extra })).body.id as number;
  const start = (id: number, body: object = {}) => call(emu, "POST", `/workflows/${id}/executions`, body);
  const get = async (id: number, e: number) => (await call(emu, "GET", `/workflows/${id}/executions/${e}`)).body;
  /** The execution once it is no longer running (at most 5 s). */
  const finished = async (id: number, e: number) => {
    for (let i = 0; i < 100; i++) {
      const x = await get(id, e);
      if (x.state !== "running") return x;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`execution ${e} still running`);
  };
  const states = (x: { tasks: Array<{ name: string; mistralState: string }> }) =>
    Object.fromEntries(x.tasks.map((t) => [t.name, t.mistralState]));

  it("runs the tasks in the order the transitions say; the workflow's state and last execution follow", async () => {
    // A second for extract, so the reads below find it running even on a loaded machine.
    await options({ taskPlans: { extract: { durationMs: 10_000 } } });
    const id = await workflow();
    const r = await start(id);
    assert.equal(r.status, 201);
    assert.deepEqual(
      [r.body.state, r.body.mistralState, states(r.body)],
      ["running", "running", { extract: "running" }],
    );
    assert.equal((await call(emu, "GET", `/workflows/${id}`)).body.state, "running");
    const done = await finished(id, r.body.id);
    assert.deepEqual([done.state, done.mistralState], ["succeeded", "success"]);
    assert.deepEqual(states(done), { extract: "success", load: "success", report: "success" }, "alert never ran");
    const extract = done.tasks.find((t: { name: string }) => t.name === "extract");
    assert.deepEqual([extract.runs.length, extract.runs[0].jobId, extract.runs[0].state], [1, 1234, "succeeded"]);
    assert.ok(done.finishedAt >= done.startedAt);
    const w = (await call(emu, "GET", `/workflows/${id}`)).body;
    assert.deepEqual([w.state, w.lastExecutionId], ["succeeded", r.body.id]);
  });

  it("a failed task without on-error fails the execution, naming it and its state info; retry reruns it", async () => {
    await options({ taskPlans: { load: { failures: 1, stateInfo: "relation staging.leads does not exist" } } });
    const id = await workflow();
    const e = (await start(id)).body.id;
    const failed = await finished(id, e);
    assert.deepEqual([failed.state, failed.mistralState], ["failed", "error"]);
    assert.equal(
      failed.mistralStateInfo,
      "Failure caused by error in tasks: load\n\n  load -> relation staging.leads does not exist",
    );
    assert.equal(states(failed).report, "success", "on-complete still runs");
    const task = await call(emu, "GET", `/workflows/${id}/executions/${e}/tasks/load`);
    assert.deepEqual(
      [task.body.mistralState, task.body.mistralStateInfo],
      ["error", "relation staging.leads does not exist"],
    );
    assert.equal((await call(emu, "GET", `/workflows/${id}`)).body.state, "failed");
    const retry = await call(emu, "POST", `/workflows/${id}/executions/${e}/retry`, {});
    assert.equal(retry.status, 202);
    assert.equal(retry.body.state, "running");
    assert.equal((await finished(id, e)).state, "succeeded", "the second attempt succeeds");
    const again = await call(emu, "POST", `/workflows/${id}/executions/${e}/retry`, { taskName: "load" });
    assert.equal(again.status, 400);
  });

  it("a failure handled by on-error does not fail the execution; a plan by job id reaches the task", async () => {
    await options({ taskPlans: { "job:1234": { outcome: "error" } } });
    const id = await workflow();
    const done = await finished(id, (await start(id)).body.id);
    assert.equal(done.state, "succeeded");
    assert.deepEqual(states(done), { extract: "error", alert: "success" });
    const extract = done.tasks.find((t: { name: string }) => t.name === "extract");
    assert.match(extract.mistralStateInfo, /^Job 1234 run \d+ failed$/);
    assert.equal(extract.runs[0].state, "failed");
  });

  it("cancel stops a running execution and its running task; cancelling it again changes nothing", async () => {
    await options({ taskPlans: { extract: { durationMs: 600_000 } } });
    const id = await workflow();
    const e = (await start(id)).body.id;
    const c = await call(emu, "POST", `/workflows/${id}/executions/${e}/cancel`);
    assert.equal(c.status, 202);
    assert.deepEqual(
      [c.body.state, c.body.mistralState, states(c.body)],
      ["cancelled", "cancelled", { extract: "cancelled" }],
    );
    const again = await call(emu, "POST", `/workflows/${id}/executions/${e}/cancel`);
    assert.deepEqual([again.status, again.body.finishedAt], [202, c.body.finishedAt]);
    assert.equal((await call(emu, "GET", `/workflows/${id}`)).body.state, "cancelled");
  });

  it("the pause command pauses the execution until resumed; resuming what is not paused is refused", async () => {
    const id = await workflow(
      `version: "2.0"\np:\n  tasks:\n    a: {action: std.noop, on-success: [pause, b]}\n    b: {action: std.noop}\n`,
    );
    const e = (await start(id)).body.id;
    await new Promise((r) => setTimeout(r, 200));
    const paused = await get(id, e);
    assert.deepEqual([paused.mistralState, paused.state], ["paused", "running"]);
    assert.equal((await call(emu, "POST", `/workflows/${id}/executions/${e}/resume`)).status, 202);
    assert.equal((await finished(id, e)).state, "succeeded");
    assert.equal((await call(emu, "POST", `/workflows/${id}/executions/${e}/resume`)).status, 400);
  });

  it("a workflow without concurrent executions refuses a second start while one runs, naming it", async () => {
    await options({ taskPlans: { extract: { durationMs: 600_000 } } });
    const id = await workflow(FLOW, { allowConcurrentExecutions: false });
    const first = (await start(id)).body.id;
    const second = await start(id);
    assert.equal(second.status, 409);
    assert.match(second.body.errorDescription, new RegExp(`execution ${first} is running`));
  });

  it("includedTasks runs only those tasks; a name not a task is a 400; an archived workflow does not run", async () => {
    const id = await workflow();
    const done = await finished(id, (await start(id, { includedTasks: ["load", "report"] })).body.id);
    assert.deepEqual(states(done), { load: "success", report: "success" });
    assert.deepEqual(done.includedTasks, ["load", "report"]);
    const bad = await start(id, { includedTasks: ["lod"] });
    assert.equal(bad.status, 400);
    assert.match(bad.body.errorDescription, new RegExp(`lod is not a task of workflow ${id}$`));
    await call(emu, "PUT", `/workflows/${id}/archive`, { status: true });
    assert.equal((await start(id)).status, 400);
  });

  it("a reverse workflow runs what the target task requires, then the target", async () => {
    const id = await workflow(
      'version: "2.0"\nr:\n  type: reverse\n  tasks:\n    a: {action: std.noop}\n' +
        "    b: {action: std.noop, requires: [a]}\n    c: {action: std.noop}\n",
    );
    const done = await finished(id, (await start(id, { targetTask: "b", input: { day: "2026-12-01" } })).body.id);
    assert.deepEqual(states(done), { a: "success", b: "success" });
    assert.deepEqual(done.input, { day: "2026-12-01" });
  });

  it("runs on a faster clock: a task of a minute ends in a tenth of a second at runTimeScale 600", async () => {
    await options({ runTimeScale: 600, taskPlans: { extract: { durationMs: 60_000 } } });
    const id = await workflow();
    const started = Date.now();
    await finished(id, (await start(id)).body.id);
    assert.ok(Date.now() - started < 2000);
  });

  it("lists executions newest first, paginated; starting runs has a limit of its own", async () => {
    await options({ runRateLimit: { limit: 3, windowMs: 300_000 } });
    const id = await workflow();
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) ids.push((await start(id)).body.id);
    const over = await start(id);
    assert.equal(over.status, 429);
    assert.ok(Number(over.headers.get("retry-after")) >= 1);
    const page = await call(emu, "GET", `/workflows/${id}/executions?limit=2`);
    assert.equal(page.status, 200, "reads are not counted against the runs' limit");
    assert.deepEqual(
      page.body.map((x: { id: number }) => x.id),
      [ids[2], ids[1]],
    );
    assert.equal(page.headers.get("x-pagination-total-entries"), "3");
    const asc = await call(emu, "GET", `/workflows/${id}/executions?order_dir=asc&limit=2&page_num=2`);
    assert.deepEqual(
      asc.body.map((x: { id: number }) => x.id),
      [ids[2]],
    );
  });
});
