// What the progress line of a long wait says, and how the checks read a run's inputs.
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import type { CivisClient, WireExecution } from "../../../../../provider/client";
import { check, diff } from "../../../../../provider/resources/execution/resource";
import { duration, progressLine, waitForRun } from "../../../../../provider/resources/execution/wait";

const run = (tasks: Array<[string, string]>, mistralState = "running") =>
  ({ id: 501, mistralState, tasks: tasks.map(([name, s]) => ({ name, mistralState: s })) }) as unknown as WireExecution;

describe("WorkflowExecution: the wait's progress line", () => {
  it("says how long, how many tasks succeeded, and each running task with how long it runs", () => {
    const since = new Map([["load", 10_000]]);
    assert.equal(
      progressLine(
        12,
        run([
          ["extract", "success"],
          ["load", "running"],
        ]),
        250_000,
        since,
        100_000,
      ),
      "workflow 12, execution 501: running for 4m 10s; 1 task succeeded; load running for 1m 30s",
    );
    assert.match(
      progressLine(12, run([["a", "success"]], "paused"), 5000, new Map(), 0),
      /; paused \(resume it in Civis\)$/,
    );
  });

  it("the engine's cancel ends a wait at once, saying the run goes on in Civis", async () => {
    const cancel = new AbortController();
    // A client whose run never ends: only the cancel can stop the wait, 100 ms into a 20 s back-off.
    const client = { getExecution: () => Promise.resolve(run([["extract", "running"]])) } as unknown as CivisClient;
    setTimeout(() => cancel.abort(), 100);
    const started = Date.now();
    await assert.rejects(
      waitForRun(client, 12, run([]), {
        timeoutMs: 3_600_000,
        pollStartMs: 20_000,
        say: () => undefined,
        signal: cancel.signal,
      }),
      /workflow 12, execution 501: the wait was cancelled; the run goes on in Civis/,
    );
    assert.ok(Date.now() - started < 5_000, "not after the 20 s back-off, let alone the hour");
  });

  it("durations in seconds, minutes, hours", () => {
    assert.deepEqual([duration(4_400), duration(61_000), duration(3_725_000)], ["4s", "1m 1s", "1h 2m"]);
  });
});

describe("WorkflowExecution: check and diff", () => {
  it("names each bad input with its fix", () => {
    const { failures } = check({ workflowId: "12", wait: "always", timeoutMinutes: 0, includedTasks: [], input: 3 });
    assert.deepEqual(
      failures.map((f) => f.reason),
      [
        'workflowId must be a whole number of at least 1, not "12"',
        "includedTasks must be a non-empty list of task names, not a list",
        "input must be an object of the workflow's input values, not number 3",
        'wait must be "success", "finish" or "none", not "always"',
        "timeoutMinutes must be a number of minutes above 0 and at most 1440, not number 0",
      ],
    );
  });

  it("a change of any input but cancelOnDelete replaces (a new run); cancelOnDelete is in place", () => {
    const olds = { workflowId: 12, triggers: { definition: "a" }, wait: "success" as const };
    assert.deepEqual(diff(olds, { ...olds, triggers: { definition: "b" } }), {
      changes: ["triggers"],
      replaces: ["triggers"],
    });
    assert.deepEqual(diff(olds, { ...olds, wait: "finish" }), { changes: ["wait"], replaces: ["wait"] });
    assert.deepEqual(diff(olds, { ...olds, cancelOnDelete: true }), { changes: ["cancelOnDelete"], replaces: [] });
    assert.deepEqual(diff(olds, olds), { changes: [], replaces: [] });
  });
});
