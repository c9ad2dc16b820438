// A definition as a task graph, and what changed between two.
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { diffGraphs, taskGraph } from "../../../../provider/core/taskGraph";

const BEFORE = `version: "2.0"
nightly:
  tasks:
    extract: {action: civis.run_job, input: {job_id: 1}, on-success: [load], on-error: [alert]}
    load: {action: civis.run_job, input: {job_id: 2}, on-complete: [succeed]}
    alert: {action: std.echo}
`;
const AFTER = `version: "2.0"
nightly:
  tasks:
    extract: {action: civis.run_job, input: {job_id: 1}, on-success: [score]}
    score: {action: civis.run_job, input: {job_id: 3}, on-success: [load]}
    load: {action: civis.run_job, input: {job_id: 20}, on-complete: [succeed]}
`;

describe("task graph", () => {
  it("reads tasks with their actions and transitions by kind; engine commands are ends", () => {
    assert.deepEqual(taskGraph(BEFORE), {
      workflow: "nightly",
      tasks: [
        { name: "extract", action: "civis.run_job", body: { action: "civis.run_job", input: { job_id: 1 } } },
        { name: "load", action: "civis.run_job", body: { action: "civis.run_job", input: { job_id: 2 } } },
        { name: "alert", action: "std.echo", body: { action: "std.echo" } },
      ],
      edges: [
        { from: "extract", to: "load", kind: "on-success" },
        { from: "extract", to: "alert", kind: "on-error" },
        { from: "load", to: "succeed", kind: "on-complete" },
      ],
    });
    assert.equal(taskGraph("not: [valid"), undefined);
  });

  it("a reverse workflow's requires points from the required task", () => {
    const g = taskGraph(
      'version: "2.0"\nr:\n  type: reverse\n  tasks:\n' +
        "    a: {action: std.noop}\n    b: {action: std.noop, requires: [a]}\n",
    );
    assert.deepEqual(g?.edges, [{ from: "a", to: "b", kind: "requires" }]);
  });

  it("the diff marks tasks added, removed and changed, and transitions added and removed", () => {
    const d = diffGraphs(taskGraph(BEFORE), taskGraph(AFTER));
    assert.deepEqual(
      d.tasks.map((t) => `${t.name} ${t.change}`),
      ["extract same", "score added", "load changed", "alert removed"],
    );
    assert.deepEqual(
      d.edges.map((e) => `${e.from} ${e.kind} ${e.to} ${e.change}`),
      [
        "extract on-success score added",
        "score on-success load added",
        "load on-complete succeed same",
        "extract on-success load removed",
        "extract on-error alert removed",
      ],
    );
    assert.ok(
      diffGraphs(undefined, taskGraph(AFTER)).tasks.every((t) => t.change === "added"),
      "a new workflow",
    );
  });
});
