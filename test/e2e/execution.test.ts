// Runs on deploy through the real engine: a ManagedWorkflow with runOnDeploy runs its workflow
// on the first up, not on an unrelated edit, again on a definition edit; a failing task fails the
// up with the text a user reads (README copies it); a standalone WorkflowExecution re-runs on a
// trigger change only, times out with and without cancel, survives a 429 and a lost answer on its
// start without a second run, and a run past 30 s says where it is while up waits.
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { REPO } from "../../scripts/engine";
import { pushCommit } from "../support/emulator";
import { TestStack } from "../support/stack";

const MANAGED_DIR = path.join(REPO, "test", "e2e", "programs", "managed");
const MANAGED = path.join(REPO, "dist", "test", "e2e", "programs", "managed", "index.js");
const WORKFLOW_DIR = path.join(REPO, "test", "e2e", "programs", "workflow");
const WORKFLOW = path.join(REPO, "dist", "test", "e2e", "programs", "workflow", "index.js");
const flow = (second: string) =>
  'version: "2.0"\nnightly:\n  tasks:\n' +
  `    extract: {action: std.noop, on-success: [${second}]}\n    ${second}: {action: std.noop}\n`;

describe("run on deploy: ManagedWorkflow runOnDeploy", () => {
  let stack: TestStack;
  before(async () => {
    stack = await TestStack.create({ name: "run-on-deploy", workDir: MANAGED_DIR, program: MANAGED });
    Object.assign(stack.emulator.context.options, { runTimeScale: 20 });
  });
  after(async () => stack?.close());
  const args = (extra: object) => ({
    PULUMI_CIVIS_TEST_ARGS: JSON.stringify({
      managed: { nightly: { name: "Nightly", definition: flow("load"), runOnDeploy: true, ...extra } },
    }),
  });
  const runs = () => stack.emulator.context.store.state.executions;

  it("the first up creates the workflow and runs it once, waiting for success", async () => {
    const up = await stack.ok("up", { env: args({}) });
    const out = up.outputs!.nightly as { workflowId: number; run: { id: number; state: string } };
    assert.equal(runs().length, 1);
    assert.deepEqual(out.run, { id: runs()[0].id, state: "succeeded" });
    assert.equal(runs()[0].workflowId, out.workflowId);
    const again = await stack.ok("preview", { env: args({}), options: { expectNoChanges: true } });
    assert.deepEqual(again.requests, []);
  });

  it("an unrelated edit runs nothing; a definition edit runs it again", async () => {
    await stack.ok("up", { env: args({ description: "the nightly load" }) });
    assert.equal(runs().length, 1, "a description is not what the workflow runs");
    const preview = await stack.ok("preview", { env: args({ definition: flow("score") }), options: { diff: true } });
    assert.match(preview.log, /\+-\s*civis:WorkflowExecution: \(replace\)|nightly-run/);
    await stack.ok("up", { env: args({ definition: flow("score") }) });
    assert.equal(runs().length, 2);
    assert.deepEqual(
      runs()[1].tasks.map((t) => t.name),
      ["extract", "score"],
      "the run runs the new definition",
    );
  });

  it("a failing task fails the up, naming the workflow, the run, the task with Civis's words, and a link", async () => {
    stack.emulator.context.options.taskPlans = {
      load: { outcome: "error", stateInfo: "relation staging.leads does not exist" },
    };
    const r = await stack.run("up", { env: args({ definition: flow("load") }) });
    assert.equal(r.ok, false);
    const run = runs().at(-1)!;
    assert.match(
      r.log,
      new RegExp(
        `workflow ${run.workflowId} \\("Nightly"\\), execution ${run.id} failed: task load: relation staging\\.leads ` +
          `does not exist; see https://platform\\.civisanalytics\\.com/spa/#/workflows/${run.workflowId} ` +
          `\\(execution ${run.id}\\); the next up runs it again`,
      ),
    );
    console.log(
      `--- a failed run, as up prints it ---\n${r.log
        .split("\n")
        .filter((l) => /error|failed/.test(l))
        .join("\n")}`,
    );
    stack.emulator.context.options.taskPlans = {};
    await stack.ok("up", { env: args({ definition: flow("load") }) });
    assert.equal(runs().at(-1)!.mistralState, "success", "the next up ran it again");
    await stack.ok("destroy", { env: args({ definition: flow("load") }) });
  });
});

describe("run on deploy: a ManagedWorkflow kept in git", () => {
  let stack: TestStack;
  const repoUrl = "https://git.example.com/data/runs.git";
  before(async () => {
    stack = await TestStack.create({ name: "run-git", workDir: MANAGED_DIR, program: MANAGED });
    Object.assign(stack.emulator.context.options, { runTimeScale: 20 });
    await pushCommit(stack.emulator, { repoUrl, files: { "n.yml": flow("load") }, message: "Add" });
  });
  after(async () => stack?.close());
  const env = {
    PULUMI_CIVIS_TEST_ARGS: JSON.stringify({
      managed: { nightly: { name: "Nightly", git: { repoUrl, path: "n.yml" }, runOnDeploy: true } },
    }),
  };
  const runs = () => stack.emulator.context.store.state.executions;

  it("runs once at create, again when up checks out a newer commit of its branch, not otherwise", async () => {
    await stack.ok("up", { env });
    assert.equal(runs().length, 1);
    await stack.ok("up", { env });
    assert.equal(runs().length, 1, "nothing changed: no run");
    await pushCommit(stack.emulator, { repoUrl, files: { "n.yml": flow("score") }, message: "Score" });
    await stack.ok("refresh", { env });
    await stack.ok("up", { env });
    assert.equal(runs().length, 2, "the newer commit was checked out and run");
    assert.deepEqual(
      runs()[1].tasks.map((t) => t.name),
      ["extract", "score"],
    );
  });
});

describe("run on deploy: a WorkflowExecution of its own", () => {
  let stack: TestStack;
  let wf: number;
  before(async () => {
    stack = await TestStack.create({ name: "execution", workDir: WORKFLOW_DIR, program: WORKFLOW });
  });
  after(async () => stack?.close());
  const args = (run: object) => ({
    PULUMI_CIVIS_TEST_ARGS: JSON.stringify({
      workflows: { nightly: { name: "Nightly", definition: flow("load") } },
      executions: { deploy: { of: "nightly", ...run } },
    }),
  });
  const runs = () => stack.emulator.context.store.state.executions;

  it("a run past 30 s says where it is while up waits; an unchanged up starts nothing; refresh reads it", async () => {
    stack.emulator.context.options.taskPlans = { extract: { durationMs: 40_000 } };
    const up = await stack.ok("up", { env: args({ triggers: { release: 1 } }) });
    wf = runs()[0].workflowId;
    assert.match(
      up.log,
      new RegExp(
        `civis:WorkflowExecution: workflow ${wf}, execution ${runs()[0].id}: running for 3\\ds; ` +
          "0 tasks succeeded; extract running for \\d+s",
      ),
    );
    console.log(
      `--- a long run, as up shows it ---\n${up.log
        .split("\n")
        .filter((l) => /running for/.test(l))
        .join("\n")}`,
    );
    stack.emulator.context.options.taskPlans = {};
    await stack.ok("up", { env: args({ triggers: { release: 1 } }) });
    assert.equal(runs().length, 1);
    const refresh = await stack.ok("refresh", { env: args({ triggers: { release: 1 } }) });
    assert.ok(refresh.requests.includes(`GET /workflows/${wf}/executions/${runs()[0].id}`), "refresh reads the run");
    await stack.ok("preview", { env: args({ triggers: { release: 1 } }), options: { expectNoChanges: true } });
  });

  it("a trigger change runs it again; a 429 and a lost answer on the start make no second run", async () => {
    stack.emulator.faults.add({ method: "POST", path: "/workflows/\\d+/executions", status: 429, retryAfter: 1 });
    stack.emulator.faults.add({ method: "POST", path: "/workflows/\\d+/executions", drop: "after" });
    await stack.ok("up", { env: args({ triggers: { release: 2 } }) });
    assert.equal(runs().length, 2, "one run for the trigger change, whatever the faults");
  });

  it("a timeout fails the up and leaves the run going, or cancels it with cancelOnTimeout", async () => {
    stack.emulator.context.options.taskPlans = { extract: { durationMs: 3_600_000 } };
    const left = await stack.run("up", { env: args({ triggers: { release: 3 }, timeoutMinutes: 0.05 }) });
    assert.equal(left.ok, false);
    assert.match(left.log, /not finished after timeoutMinutes 0\.05; it goes on in Civis/);
    assert.equal(runs().at(-1)!.mistralState, "running");
    const cancelled = await stack.run("up", {
      env: args({ triggers: { release: 4 }, timeoutMinutes: 0.05, cancelOnTimeout: true }),
    });
    assert.match(cancelled.log, /cancelled \(cancelOnTimeout\)/);
    assert.equal(runs().at(-1)!.mistralState, "cancelled");
    stack.emulator.context.options.taskPlans = {};
    await stack.ok("destroy", { env: args({ triggers: { release: 4 } }) });
    assert.equal(runs().at(-2)!.mistralState, "running", "destroy cancels nothing without cancelOnDelete");
  });
});
