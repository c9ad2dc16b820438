// adoptWorkflowId against the emulator: no POST, one GET, one PATCH of what differs; what
// cannot be adopted says why; shares and project links already there send no write.
import { after, before, beforeEach, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { createClient, type CivisClient } from "../../../../../provider/client";
import { contextOf } from "../../../../support/context";
import { DEFAULT_SCHEDULE } from "../../../../../provider/core/model";
import * as workflow from "../../../../../provider/resources/workflow/resource";
import * as share from "../../../../../provider/resources/share/resource";
import * as project from "../../../../../provider/resources/project";
import { DEFAULT_API_KEY, requests, withEmulator, type Emulator } from "../../../../support/emulator";

const DEF = 'version: "2.0"\nwf:\n  tasks:\n    a: {action: std.noop}\n';
const config = (emu: Emulator, apiKey = DEFAULT_API_KEY) => ({
  apiKey,
  endpoint: `${emu.url}/`,
  maxRetries: 2,
  requestTimeoutMs: 2000,
  retryBaseMs: 5,
});

describe("adoptWorkflowId", () => {
  let emu: Emulator;
  let client: CivisClient;
  before(async () => {
    emu = await withEmulator();
    client = createClient(config(emu));
  });
  after(async () => emu?.close());
  beforeEach(() => emu.log.clear());
  const existing = (hours: number[]) =>
    client.createWorkflow({
      name: "Legacy export",
      definition: DEF,
      schedule: { scheduled: true, scheduledHours: hours },
    });
  const program = (id: number, hours: number[]) => ({
    name: "Legacy export",
    definition: DEF,
    schedule: { ...DEFAULT_SCHEDULE, scheduled: true, scheduledHours: hours },
    adoptWorkflowId: id,
  });

  it("takes the workflow over with a GET and one PATCH of just the fields that differ", async () => {
    const w = await existing([4]);
    emu.log.clear();
    const ctx = contextOf(client);
    const made = await workflow.create(ctx, program(w.id, [5]));
    assert.equal(made.id, String(w.id));
    assert.ok(ctx.ledger.adopted.has(w.id), "the ledger says the run adopted it");
    assert.deepEqual(requests(emu), [`GET /workflows/${w.id}`, `PATCH /workflows/${w.id}`]);
    assert.deepEqual(Object.keys(emu.log.entries()[1].body as object), ["schedule"]);
    assert.deepEqual(made.outs.schedule!.scheduledHours, [5], "state and Civis agree");
    assert.equal(
      emu.context.store.state.workflows.length,
      emu.context.store.state.nextWorkflowId - 1001,
      "no workflow was created",
    );
  });

  it("sends nothing but the GET when the workflow already matches", async () => {
    const w = await existing([6]);
    emu.log.clear();
    await workflow.create(contextOf(client), program(w.id, [6]));
    assert.deepEqual(requests(emu), [`GET /workflows/${w.id}`]);
  });

  it("at preview, says what it takes over and what will change", async () => {
    const w = await existing([4]);
    const { problems, warnings } = await workflow.preview(contextOf(client), program(w.id, [5]));
    assert.deepEqual(problems, []);
    assert.deepEqual(warnings, [
      `takes over workflow ${w.id} ("Legacy export"); it will change schedule.scheduledHours: [4] => [5]`,
    ]);
  });

  it("refuses a workflow that is gone, archived, or not the API user's to manage", async () => {
    const problem = async (id: number) => (await workflow.preview(contextOf(client), program(id, [5]))).problems.join();
    assert.match(
      await problem(99999),
      /adoptWorkflowId 99999: workflow 99999 does not exist or the API user cannot see it; check adoptWorkflowId/,
    );
    const archived = await existing([1]);
    await client.archiveWorkflow(archived.id, true);
    assert.match(await problem(archived.id), new RegExp(`workflow ${archived.id} is archived`));
    const colleague = createClient(config(emu, "emulator-colleague-key"));
    const theirs = await colleague.createWorkflow({ name: "Theirs" });
    await colleague.shareUsers(theirs.id, [1], { permissionLevel: "read" });
    assert.match(await problem(theirs.id), /the API user has read on workflow \d+; adopting needs manage/);
    await assert.rejects(workflow.create(contextOf(client), program(theirs.id, [5])), /adopting needs manage/);
  });

  it("a field fixed at creation that differs cannot be adopted", async () => {
    const w = await existing([4]);
    const { problems } = await workflow.preview(contextOf(client), { ...program(w.id, [4]), hidden: true });
    assert.match(problems.join(), /hidden is fixed at creation and workflow \d+ has false/);
  });

  it("adoptWorkflowId is history afterwards: changing or removing it is no change", () => {
    const stored = {
      workflowId: 7,
      name: "n",
      definition: DEF,
      valid: true,
      validationErrors: null,
      nextExecutionAt: null,
    };
    assert.deepEqual(workflow.diff(stored, { name: "n", definition: DEF, adoptWorkflowId: 8 }).changes, []);
    assert.deepEqual(workflow.diff(stored, { name: "n", definition: DEF }).changes, []);
  });

  it("shares and project links the adopted workflow already has send no write", async () => {
    const w = await existing([4]);
    await client.shareUsers(w.id, [101], { permissionLevel: "read" });
    await client.addToProject(w.id, 42);
    emu.log.clear();
    const ctx = contextOf(client);
    ctx.ledger.adopted.add(w.id);
    await share.create(ctx, { workflowId: w.id, userIds: [101], permissionLevel: "read" });
    await project.create(ctx, { workflowId: w.id, projectId: 42 });
    assert.deepEqual(requests(emu), [`GET /workflows/${w.id}/shares`, `GET /workflows/${w.id}/projects`]);
    await share.create(ctx, { workflowId: w.id, userIds: [101, 102], permissionLevel: "read" });
    assert.equal(emu.log.entries().at(-1)!.path, `/workflows/${w.id}/shares/users`);
    assert.deepEqual(
      (emu.log.entries().at(-1)!.body as { userIds: number[] }).userIds,
      [102],
      "only the one not there yet",
    );
  });
});
