// Per-stack defaults through the real engine: civis:namePrefix and civis:schedules (provider
// config) apply to every workflow of the stack, show in previews, count as drift on refresh, and
// change in place.
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { REPO } from "../../scripts/engine";
import { TestStack } from "../support/stack";

const PROGRAM_DIR = path.join(REPO, "test", "e2e", "programs", "workflow");
const PROGRAM = path.join(REPO, "dist", "test", "e2e", "programs", "workflow", "index.js");
const env = {
  PULUMI_CIVIS_TEST_ARGS: JSON.stringify({
    workflows: { nightly: { name: "Nightly", schedule: { scheduled: true, scheduledHours: [2] } } },
  }),
};
const config = (namePrefix: string, schedules: string) => ({
  "civis:namePrefix": { value: namePrefix },
  "civis:schedules": { value: schedules },
});

describe("per-stack defaults: civis:namePrefix and civis:schedules", () => {
  let stack: TestStack;
  let id: number;
  before(async () => {
    stack = await TestStack.create({ name: "stack-defaults", workDir: PROGRAM_DIR, program: PROGRAM });
  });
  after(async () => stack?.close());
  const live = () => stack.emulator.context.store.state.workflows.find((w) => w.id === id)!;

  it("a bad setting fails the preview, naming it, before any request", async () => {
    const r = await stack.run("preview", { env, config: config("", "off") });
    assert.equal(r.ok, false);
    assert.match(r.log, /civis:schedules \/ CIVIS_SCHEDULES must be "paused"/);
    assert.deepEqual(r.requests, []);
  });

  it("a dev stack: the name prefixed, the schedule kept but paused, and the preview says so", async () => {
    const preview = await stack.ok("preview", { env, config: config("[dev] ", "paused"), options: { diff: true } });
    assert.match(preview.log, /name\s*: "\[dev\] Nightly"/);
    assert.match(preview.log, /schedule: not scheduled in this stack, whose civis:schedules is paused/);
    const up = await stack.ok("up", { env });
    id = (up.outputs!.nightly as { workflowId: number }).workflowId;
    assert.equal(live().name, "[dev] Nightly");
    assert.deepEqual([live().schedule.scheduled, live().schedule.scheduledHours], [false, [2]]);
    const again = await stack.ok("preview", { env, options: { expectNoChanges: true } });
    assert.deepEqual(again.requests, []);
  });

  it("a rename in the web app shows on refresh as live => program, and up puts the prefixed name back", async () => {
    await fetch(`${stack.emulator.url}/_emulator/workflows/${id}`, {
      method: "PATCH",
      body: JSON.stringify({ name: "Nightly", schedule: { scheduled: true, scheduledHours: [2] } }),
    });
    await stack.ok("refresh", { env });
    const preview = await stack.ok("preview", { env, options: { diff: true } });
    assert.match(preview.log, /name\s*: "Nightly" => "\[dev\] Nightly"/);
    assert.match(preview.log, /scheduled\s*: true => false/);
    await stack.ok("up", { env });
    assert.deepEqual([live().name, live().schedule.scheduled], ["[dev] Nightly", false]);
  });

  it("a workflow made from a scheduled job chain is made unscheduled too, and the preview says so", async () => {
    const withChain = {
      PULUMI_CIVIS_TEST_ARGS: JSON.stringify({
        workflows: {
          ...JSON.parse(env.PULUMI_CIVIS_TEST_ARGS).workflows,
          chain: { name: "Chain", fromJobChain: 1234 },
        },
      }),
    };
    const preview = await stack.ok("preview", { env: withChain });
    assert.match(preview.log, /the job chain's schedule is not copied/);
    const up = await stack.ok("up", { env: withChain });
    const chainId = (up.outputs!.chain as { workflowId: number }).workflowId;
    const chain = stack.emulator.context.store.state.workflows.find((w) => w.id === chainId)!;
    assert.match(chain.definition, /job_1235/);
    assert.equal(chain.schedule.scheduled, false, "job 1234 runs on a schedule; this stack's workflows do not");
    await stack.ok("preview", { env: withChain, options: { expectNoChanges: true } });
    await stack.ok("up", { env });
    assert.equal(chain.archived, true);
  });

  it("another prefix and schedules as programmed: one update in place, no replace", async () => {
    const preview = await stack.ok("preview", {
      env,
      config: config("[staging] ", "program"),
      options: { diff: true },
    });
    assert.deepEqual(preview.changes, { same: 1, update: 1 });
    assert.match(preview.log, /name\s*: "\[dev\] Nightly" => "\[staging\] Nightly"/);
    const up = await stack.ok("up", { env });
    assert.deepEqual(up.requests, ["GET /users/me", `PATCH /workflows/${id}`]); // the key checked, once per run
    assert.deepEqual([live().id, live().name, live().schedule.scheduled], [id, "[staging] Nightly", true]);
    await stack.ok("destroy", { env });
    assert.equal(live().archived, true);
  });
});
