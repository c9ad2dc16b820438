// The Workflow resource's whole life through the real engine: every field, in-place updates,
// replacements, semantic definition diffs, drift from the web app, removal of fields.
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { REPO } from "../../scripts/engine";
import type { Workflow } from "../../emulator/types";
import { TestStack } from "../support/stack";

const PROGRAM_DIR = path.join(REPO, "test", "e2e", "programs", "workflow");
const PROGRAM = path.join(REPO, "dist", "test", "e2e", "programs", "workflow", "index.js");

const DEFINITION = `version: "2.0"
etl:
  tasks:
    load:
      action: civis.run_job
      input: {job_id: 1234}
      on-success: [score]
    score:
      action: civis.run_job
      input: {job_id: 1235}
`;
const FULL = {
  name: "Everything",
  description: "All the fields",
  definition: DEFINITION,
  schedule: { scheduled: true, scheduledDays: [5, 1], scheduledHours: [6], scheduledMinutes: [30] },
  timeZone: "America/New_York",
  allowConcurrentExecutions: false,
  notifications: {
    failureEmailAddresses: ["data@example.com"],
    urls: ["https://hooks.example.com/civis"],
    successOn: false,
  },
};

describe("Workflow lifecycle", () => {
  let stack: TestStack;
  let id: number;
  const up = (wf: Record<string, unknown>, op: "up" | "preview" = "up", options?: Record<string, unknown>) =>
    stack.ok(op, { env: { PULUMI_CIVIS_TEST_ARGS: JSON.stringify({ workflows: { wf } }) }, options });
  const live = () => stack.emulator.context.store.state.workflows.find((w) => w.id === id)!;

  before(async () => {
    stack = await TestStack.create({ name: "wf-life", workDir: PROGRAM_DIR, program: PROGRAM });
  });
  after(async () => stack?.close());

  it("creates with every field in one POST", async () => {
    const r = await up(FULL);
    // The key is checked once per run that creates or updates (at preview, that is where it counts).
    assert.deepEqual(r.requests, ["GET /users/me", "POST /workflows"]);
    id = (r.outputs!.wf as { workflowId: number }).workflowId;
    const w = live();
    assert.equal(w.name, "Everything");
    assert.equal(w.definition, DEFINITION, "the definition is sent as written");
    assert.deepEqual(w.schedule.scheduledDays, [1, 5]);
    assert.equal(w.timeZone, "America/New_York");
    assert.equal(w.allowConcurrentExecutions, false);
    assert.deepEqual(w.notifications.failureEmailAddresses, ["data@example.com"]);
    assert.equal(w.notifications.successOn, false);
    assert.equal(w.valid, true);
  });

  it("preview then shows no changes, and so does a reordered schedule list", async () => {
    const r = await up({ ...FULL, schedule: { ...FULL.schedule, scheduledDays: [1, 5] } }, "preview", {
      expectNoChanges: true,
    });
    assert.deepEqual(r.requests, []);
  });

  it("a formatting-only definition edit is no change", async () => {
    const restyled = DEFINITION.replace(/"2.0"/, "'2.0'").replace(
      "input: {job_id: 1234}",
      "input:\n        job_id: 1234",
    );
    const reformatted = `# the nightly job\n${restyled}`;
    const r = await up({ ...FULL, definition: reformatted }, "preview", { expectNoChanges: true });
    assert.deepEqual(r.changes, { same: 2 });
  });

  const updates: Array<[string, Record<string, unknown>, (w: Workflow) => void]> = [
    ["name", { name: "Renamed" }, (w) => assert.equal(w.name, "Renamed")],
    ["description", { description: "New words" }, (w) => assert.equal(w.description, "New words")],
    ["definition", { definition: DEFINITION.replace("1235", "1236") }, (w) => assert.match(w.definition, /1236/)],
    [
      "schedule",
      { schedule: { scheduled: true, scheduledDaysOfMonth: [1], scheduledHours: [2] } },
      (w) => assert.deepEqual(w.schedule.scheduledDaysOfMonth, [1]),
    ],
    ["timeZone", { timeZone: "UTC" }, (w) => assert.equal(w.timeZone, "UTC")],
    [
      "allowConcurrentExecutions",
      { allowConcurrentExecutions: true },
      (w) => assert.equal(w.allowConcurrentExecutions, true),
    ],
    [
      "notifications",
      { notifications: { successEmailAddresses: ["ok@example.com"] } },
      (w) => assert.deepEqual(w.notifications.successEmailAddresses, ["ok@example.com"]),
    ],
  ];
  let current: Record<string, unknown> = FULL;
  for (const [field, change, verify] of updates) {
    it(`updates ${field} in place with one PATCH of that field`, async () => {
      current = { ...current, ...change };
      const r = await up(current);
      assert.deepEqual(r.changes, { same: 1, update: 1 });
      assert.deepEqual(r.requests, ["GET /users/me", `PATCH /workflows/${id}`]);
      assert.deepEqual(Object.keys(r.entries[1].body as object), [field]);
      verify(live());
    });
  }

  it("an out-of-band rename shows on refresh and up puts it back", async () => {
    await fetch(`${stack.emulator.url}/_emulator/workflows/${id}`, {
      method: "PATCH",
      body: JSON.stringify({ name: "Edited in the web app" }),
    });
    const refresh = await stack.ok("refresh", {
      env: { PULUMI_CIVIS_TEST_ARGS: JSON.stringify({ workflows: { wf: current } }) },
    });
    assert.deepEqual(refresh.requests, [`GET /workflows/${id}`]);
    assert.equal(refresh.changes!.update, 1, "refresh records the drift");
    const r = await up(current);
    assert.deepEqual(r.requests, ["GET /users/me", `PATCH /workflows/${id}`]);
    assert.deepEqual(r.entries[1].body, { name: "Renamed" });
    assert.equal(live().name, "Renamed");
  });

  it("removing optional fields puts the server's defaults back, and the next preview is clean", async () => {
    const bare = { name: "Renamed", definition: current.definition };
    const r = await up(bare);
    assert.deepEqual(r.requests, ["GET /users/me", `PATCH /workflows/${id}`]);
    const w = live();
    assert.equal(w.description, null);
    assert.equal(w.schedule.scheduled, null);
    assert.deepEqual(w.schedule.scheduledDaysOfMonth, []);
    assert.deepEqual(w.notifications.successEmailAddresses, []);
    assert.equal(w.timeZone, "America/Chicago", "the author's default time zone");
    assert.equal(w.allowConcurrentExecutions, true);
    await up(bare, "preview", { expectNoChanges: true });
    current = bare;
  });

  it("hidden replaces the workflow: a new one is created, the old one archived", async () => {
    const old = id;
    const r = await up({ ...current, hidden: true });
    assert.equal(r.changes!.replace, 1);
    assert.deepEqual(
      r.requests.map((q) => q.replace(/\d+/, "N")),
      ["GET /users/me", "POST /workflows", "PUT /workflows/N/archive"],
    );
    id = (r.outputs!.wf as { workflowId: number }).workflowId;
    assert.notEqual(id, old);
    assert.equal(live().hidden, true);
    assert.equal(stack.emulator.context.store.state.workflows.find((w) => w.id === old)!.archived, true);
  });

  it("fromJobChain replaces too, and makes the definition from the chain", async () => {
    const r = await up({ name: "From chain", fromJobChain: 1234 });
    assert.equal(r.changes!.replace, 1);
    id = (r.outputs!.wf as { workflowId: number }).workflowId;
    assert.match(live().definition, /job_1235/);
    await up({ name: "From chain", fromJobChain: 1234 }, "preview", { expectNoChanges: true });
    const again = await up({ name: "From chain", fromJobChain: 1235 });
    assert.equal(again.changes!.replace, 1);
    id = (again.outputs!.wf as { workflowId: number }).workflowId;
  });

  it("an out-of-band archive drops the workflow on refresh; up creates a new one", async () => {
    const args = { name: "From chain", fromJobChain: 1235 };
    await fetch(`${stack.emulator.url}/_emulator/workflows/${id}`, {
      method: "PATCH",
      body: JSON.stringify({ archived: true }),
    });
    const refresh = await stack.ok("refresh", {
      env: { PULUMI_CIVIS_TEST_ARGS: JSON.stringify({ workflows: { wf: args } }) },
    });
    assert.equal(refresh.changes!.delete, 1);
    assert.equal(stack.resources("pulumi-nodejs:dynamic/civis:Workflow").length, 0);
    const r = await up(args);
    assert.deepEqual(r.requests, ["GET /users/me", "POST /workflows"]);
    assert.notEqual((r.outputs!.wf as { workflowId: number }).workflowId, id);
    id = (r.outputs!.wf as { workflowId: number }).workflowId;
  });

  it("bad input fails at preview with the property and the fix, before any API call", async () => {
    const r = await stack.run("preview", {
      env: {
        PULUMI_CIVIS_TEST_ARGS: JSON.stringify({
          workflows: { wf: { name: "x", schedule: { scheduledHours: [25] } } },
        }),
      },
    });
    assert.equal(r.ok, false);
    assert.match(r.error!, /schedule\.scheduledHours\[0\] must be a whole number from 0 to 23, not number 25/);
    assert.deepEqual(r.requests, []);
  });

  it("an unknown action is a warning naming the workflow, not an error", async () => {
    const def = DEFINITION.replace(
      "civis.run_job\n      input: {job_id: 1235}",
      "acme.custom_action\n      input: {job_id: 1235}",
    );
    const r = await up({ name: "From chain", definition: def }, "preview");
    assert.match(
      r.log,
      new RegExp(
        /warning: civis:Workflow "From chain": definition: /.source +
          /etl\.tasks\.score\.action "acme\.custom_action" is not an action Civis is known to run/.source,
      ),
    );
  });

  it("an API failure reads as the request and the server's words, without a stack", async () => {
    stack.emulator.faults.add({ method: "PATCH", path: "/workflows/\\d+", status: 500 });
    const r = await stack.run("up", {
      env: {
        PULUMI_CIVIS_TEST_ARGS: JSON.stringify({ workflows: { wf: { name: "Renamed again", fromJobChain: 1235 } } }),
      },
    });
    assert.equal(r.ok, false);
    assert.match(
      r.log,
      new RegExp(`Civis API: PATCH /workflows/${id} failed: 500 internal_server_error: The server answered 500\\.`),
    );
    assert.doesNotMatch(r.log, /node_modules\/axios|at .*request\.js/);
    assert.doesNotMatch(r.log, /emulator-api-key/);
  });

  it("destroy archives (no DELETE) and the workflow stays readable as archived", async () => {
    const r = await stack.ok("destroy");
    assert.ok(
      r.requests.every((q) => /^PUT \/workflows\/\d+\/archive$/.test(q)),
      r.requests.join(),
    );
    assert.ok(stack.emulator.context.store.state.workflows.every((w) => w.archived));
  });
});
