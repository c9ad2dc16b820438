// Workflow create against the emulator when the POST's fate is unknown: never a duplicate.
import { after, before, beforeEach, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { createClient, type CivisClient } from "../../../../../provider/client";
import * as workflow from "../../../../../provider/resources/workflow/resource";
import { DEFAULT_SCHEDULE } from "../../../../../provider/core/model";
import { DEFAULT_API_KEY, requests, withEmulator, type Emulator } from "../../../../support/emulator";
import { until } from "../../../../support/until";
import { contextOf } from "../../../../support/context";
import { Ledger } from "../../../../../provider/resources/context";

const DEF = 'version: "2.0"\nwf:\n  tasks:\n    a: {action: std.noop}\n';

describe("Workflow create when the POST's fate is unknown", () => {
  let emu: Emulator;
  let client: CivisClient;
  before(async () => {
    emu = await withEmulator();
    client = createClient({
      apiKey: DEFAULT_API_KEY,
      endpoint: `${emu.url}/`,
      maxRetries: 3,
      requestTimeoutMs: 500,
      retryBaseMs: 5,
    });
  });
  after(async () => emu?.close());
  // One run's ledger for the file, as one provider process has: the workflows it made are never taken over again.
  const ledger = new Ledger();
  // No reset between cases: a reset reuses ids, and ids this run took are never taken over again.
  beforeEach(() => emu.faults.clear());
  const live = (name: string) => emu.context.store.state.workflows.filter((w) => w.name === name && !w.archived);

  const cases: Array<[string, object]> = [
    ["the connection dropped after the server applied it", { drop: "after" }],
    ["the connection dropped before the server saw it", { drop: "before" }],
    ["a 502 from a gateway", { status: 502 }],
    ["a 504 from a gateway", { status: 504 }],
    ["the answer came slower than the timeout", { delayMs: 800 }],
  ];
  for (const [what, fault] of cases) {
    it(`${what}: exactly one workflow`, async () => {
      const name = `once: ${what}`;
      emu.faults.add({ method: "POST", path: "/workflows", ...fault });
      const { id } = await workflow.create(contextOf(client, { requestTimeoutMs: 1500 }, ledger), {
        name,
        definition: DEF,
      });
      await emu.idle(); // a late request, if any, has landed
      assert.deepEqual(
        live(name).map((w) => String(w.id)),
        [id],
      );
    });
  }

  it("state keeps the properties the program sets and what Civis computes, nothing else", async () => {
    const { id, outs } = await workflow.create(contextOf(client, {}, ledger), {
      name: "kept",
      definition: DEF,
      timeZone: "UTC",
    });
    assert.deepEqual(Object.keys(outs).sort(), [
      "definition",
      "name",
      "nextExecutionAt",
      "timeZone",
      "valid",
      "validationErrors",
      "workflowId",
    ]);
    // Out of band: a property the program sets, and one it leaves to Civis.
    await client.patchWorkflow(Number(id), { timeZone: "America/Denver", allowConcurrentExecutions: false });
    const read = (await workflow.read(contextOf(client, {}, ledger), id, outs))!;
    assert.deepEqual(read.props, { ...outs, timeZone: "America/Denver" });
    assert.deepEqual(workflow.changedProperties(read.props, { name: "kept", definition: DEF, timeZone: "UTC" }), [
      "timeZone",
    ]);
    const updated = await workflow.update(contextOf(client, {}, ledger), id, read.props, {
      name: "kept",
      definition: DEF,
    });
    assert.equal("timeZone" in updated, false, "no longer set by the program, no longer kept");
  });

  it("does not take over a same-named workflow created before the request", async () => {
    const older = await client.createWorkflow({ name: "twin", definition: DEF });
    emu.faults.add({ method: "POST", path: "/workflows", drop: "before" });
    await until(() => Date.now() > Date.parse(older.createdAt), "the clock to pass the older one's creation time");
    // No skew tolerated stands for "older than the tolerated skew".
    const { id } = await workflow.create(contextOf(client, { requestTimeoutMs: 0, clockSkewMs: 0 }, ledger), {
      name: "twin",
      definition: DEF,
    });
    assert.notEqual(id, String(older.id));
    assert.equal(live("twin").length, 2);
  });

  it("adoptExisting takes over the caller's live workflow with the same name and definition", async () => {
    const existing = await client.createWorkflow({ name: "adopt me", definition: DEF });
    emu.log.clear();
    const { id } = await workflow.create(contextOf(client, { adoptExisting: true }, ledger), {
      name: "adopt me",
      definition: DEF,
    });
    assert.equal(id, String(existing.id));
    assert.ok(!requests(emu).includes("POST /workflows"));
    const other = await workflow.create(contextOf(client, { adoptExisting: true }, ledger), {
      name: "adopt me",
      definition: DEF.replace("noop", "echo"),
    });
    assert.notEqual(other.id, String(existing.id), "a different definition is not adopted");
  });

  it("a POST answered 500 is looked for but never sent again", async () => {
    emu.faults.add({ method: "POST", path: "/workflows", status: 500 });
    emu.log.clear();
    await assert.rejects(
      workflow.create(contextOf(client, {}, ledger), { name: "five hundred", definition: DEF }),
      /POST \/workflows\/? failed: 500/,
    );
    assert.equal(requests(emu).filter((r) => r === "POST /workflows").length, 1, "one POST only");
    assert.equal(live("five hundred").length, 0);
  });

  it("adoption applies the program's values that differ, so Civis and state agree", async () => {
    const existing = await client.createWorkflow({
      name: "adopt and fix",
      definition: DEF,
      schedule: { scheduled: true, scheduledHours: [4] },
    });
    emu.log.clear();
    const schedule = { ...DEFAULT_SCHEDULE, scheduled: true, scheduledHours: [5] };
    const { id, outs } = await workflow.create(contextOf(client, { adoptExisting: true }, ledger), {
      name: "adopt and fix",
      definition: DEF,
      schedule,
    });
    assert.equal(id, String(existing.id));
    assert.deepEqual(
      requests(emu).filter((r) => !r.startsWith("GET")),
      [`PATCH /workflows/${id}`],
    );
    assert.deepEqual(emu.log.entries().at(-1)!.body, { schedule });
    assert.deepEqual(emu.context.store.state.workflows.find((w) => w.id === existing.id)!.schedule.scheduledHours, [5]);
    assert.deepEqual(outs.schedule!.scheduledHours, [5]);
  });

  it("adoptExisting passes over a same-named workflow with another definition, and says so with its id", async () => {
    const other = await client.createWorkflow({ name: "named alike", definition: DEF.replace("noop", "echo") });
    const made = await workflow.create(contextOf(client, { adoptExisting: true }, ledger), {
      name: "named alike",
      definition: DEF,
    });
    assert.notEqual(made.id, String(other.id), "not taken over");
    assert.deepEqual(made.warnings, [
      `adoptExisting: workflow ${other.id} has the name "named alike" but another definition, ` +
        "so it was not taken over and a new workflow is created; " +
        `to take it over, write adoptWorkflowId: ${other.id}`,
    ]);
  });

  it("adoptExisting finds its workflow past the first page of 50", async () => {
    const existing = await client.createWorkflow({ name: "adopt me, page 2", definition: DEF });
    for (let i = 0; i < 55; i++) await client.createWorkflow({ name: `newer ${i}`, definition: DEF });
    const { id } = await workflow.create(contextOf(client, { adoptExisting: true }, ledger), {
      name: "adopt me, page 2",
      definition: DEF,
    });
    assert.equal(id, String(existing.id), "taken over, not duplicated");
  });

  it("a lost POST is found even when 50 newer workflows were created meanwhile", async () => {
    const name = "lost among many";
    // The POST is applied but its answer lost; before the provider looks, others are created.
    emu.faults.add({ method: "POST", path: "/workflows", drop: "after" });
    const others = (async () => {
      await until(() => live(name).length === 1, "the lost POST to land");
      for (let i = 0; i < 55; i++) await client.createWorkflow({ name: `meanwhile ${i}`, definition: DEF });
    })();
    const lookups: string[] = [];
    const slowList: CivisClient = {
      ...client,
      listWorkflows: async (q) => {
        await others;
        lookups.push(String(q.pageNum ?? 1));
        return client.listWorkflows(q);
      },
    };
    const { id } = await workflow.create(contextOf(slowList, { requestTimeoutMs: 0 }, ledger), {
      name,
      definition: DEF,
    });
    assert.deepEqual(
      live(name).map((w) => String(w.id)),
      [id],
      "exactly one, and it is the one found",
    );
    assert.ok(lookups.length >= 2, `read past the first page (pages ${lookups.join(", ")})`);
  });
});
