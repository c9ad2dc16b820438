// A Workflow's cloneFrom against the emulator: the clone, then the program's values in one
// PATCH; a lost answer found, not cloned twice; a source the API user cannot read fails the preview.
import { after, before, beforeEach, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { createClient, type CivisClient } from "../../../../../provider/client";
import * as workflow from "../../../../../provider/resources/workflow/resource";
import { Ledger } from "../../../../../provider/resources/context";
import { DEFAULT_API_KEY, requests, withEmulator, type Emulator } from "../../../../support/emulator";
import { contextOf } from "../../../../support/context";

const DEF = 'version: "2.0"\nsource:\n  tasks:\n    a: {action: std.noop}\n';

describe("Workflow cloneFrom against the emulator", () => {
  let emu: Emulator;
  let client: CivisClient;
  let source: number;
  const ledger = new Ledger();
  before(async () => {
    emu = await withEmulator();
    client = createClient({
      apiKey: DEFAULT_API_KEY,
      endpoint: `${emu.url}/`,
      maxRetries: 2,
      requestTimeoutMs: 500,
      retryBaseMs: 5,
    });
    source = (
      await client.createWorkflow({
        name: "Template",
        definition: DEF,
        schedule: { scheduled: true, scheduledHours: [4] },
        notifications: { failureEmailAddresses: ["t@example.com"] },
      })
    ).id;
  });
  after(async () => emu?.close());
  beforeEach(() => {
    emu.faults.clear();
    emu.log.clear();
  });
  const stored = (id: number) => emu.context.store.state.workflows.find((w) => w.id === id)!;
  const clones = () => emu.context.store.state.workflows.filter((w) => w.definition === DEF && w.id !== source);

  it("a GET of the source, the clone, and one PATCH with the program's name; the schedule when asked", async () => {
    const { id, outs } = await workflow.create(contextOf(client, {}, ledger), {
      name: "From template",
      cloneFrom: { workflowId: source, schedule: true },
    });
    assert.deepEqual(requests(emu), [
      `GET /workflows/${source}`,
      `POST /workflows/${source}/clone`,
      `PATCH /workflows/${id}`,
    ]);
    assert.deepEqual(emu.log.entries()[1].body, { cloneSchedule: true, cloneNotifications: false });
    assert.deepEqual(emu.log.entries()[2].body, { name: "From template" });
    const w = stored(Number(id));
    assert.deepEqual([w.name, w.definition, w.schedule.scheduledHours], ["From template", DEF, [4]]);
    assert.deepEqual(w.notifications.failureEmailAddresses, [], "notifications not asked for");
    assert.deepEqual(outs.cloneFrom, { workflowId: source, schedule: true });
    assert.deepEqual(
      workflow.diff(outs, { name: "From template", cloneFrom: { workflowId: source, schedule: true } }),
      {
        changes: [],
        replaces: [],
      },
    );
    assert.deepEqual(workflow.diff(outs, { name: "From template", cloneFrom: { workflowId: source } }), {
      changes: ["cloneFrom"],
      replaces: ["cloneFrom"],
    });
  });

  it("a clone whose answer was lost is found by its definition, not made twice", async () => {
    const before = clones().length;
    emu.faults.add({ method: "POST", path: "/workflows/\\d+/clone", drop: "after" });
    const { id } = await workflow.create(contextOf(client, {}, ledger), {
      name: "Lost answer",
      cloneFrom: { workflowId: source },
    });
    assert.equal(clones().length, before + 1);
    assert.equal(stored(Number(id)).name, "Lost answer");
    assert.equal(requests(emu).filter((r) => r.endsWith("/clone")).length, 1);
  });

  it("a source the API user cannot read fails the preview, naming cloneFrom.workflowId", async () => {
    const found = await workflow.preview(contextOf(client), { name: "x", cloneFrom: { workflowId: 987654 } });
    assert.deepEqual(found.problems, [
      "cloneFrom.workflowId 987654: workflow 987654 does not exist or the API user cannot see it; " +
        "check cloneFrom.workflowId",
    ]);
  });
});
