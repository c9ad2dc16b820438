// A Workflow's ownerId against the emulator: the transfer a create or update makes, what the
// preview says, the API user keeping manage, and an all-or-nothing create.
import { after, before, beforeEach, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { createClient, type CivisClient } from "../../../../../provider/client";
import * as workflow from "../../../../../provider/resources/workflow/resource";
import * as access from "../../../../../provider/resources/access/resource";
import { DEFAULT_API_KEY, requests, withEmulator, type Emulator } from "../../../../support/emulator";
import { contextOf } from "../../../../support/context";

describe("Workflow ownerId against the emulator", () => {
  let emu: Emulator;
  let client: CivisClient;
  before(async () => {
    emu = await withEmulator();
    client = createClient({
      apiKey: DEFAULT_API_KEY,
      endpoint: `${emu.url}/`,
      maxRetries: 1,
      requestTimeoutMs: 2000,
      retryBaseMs: 5,
    });
  });
  after(async () => emu?.close());
  beforeEach(() => {
    emu.faults.clear();
    emu.context.options.previousOwnerKeeps = "manage";
  });
  const stored = (id: number) => emu.context.store.state.workflows.find((w) => w.id === id)!;

  it("create: one POST, then one transfer with no e-mail and a read that the API user kept manage", async () => {
    await client.me();
    emu.log.clear();
    const { id, outs } = await workflow.create(contextOf(client), { name: "team-owned", ownerId: 103 });
    assert.deepEqual(requests(emu), [
      "POST /workflows",
      `PUT /workflows/${id}/transfer`,
      `GET /workflows/${id}/shares`,
    ]);
    assert.deepEqual(emu.log.entries()[1].body, { userId: 103, includeDependencies: false, sendEmail: false });
    assert.equal(outs.ownerId, 103);
    assert.equal(stored(Number(id)).authorId, 103);
    assert.equal(stored(Number(id)).userShares["1"], "manage", "the API user keeps manage");
  });

  it("update: only the owner changed is a GET and a transfer (no PATCH); transferDependencies is sent", async () => {
    const { id, outs } = await workflow.create(contextOf(client), { name: "moves", ownerId: 1 });
    emu.log.clear();
    const next = await workflow.update(contextOf(client), id, outs, {
      name: "moves",
      ownerId: 102,
      transferDependencies: true,
    });
    assert.deepEqual(requests(emu), [
      `GET /workflows/${id}`,
      `PUT /workflows/${id}/transfer`,
      `GET /workflows/${id}/shares`,
    ]);
    assert.equal((emu.log.entries()[1].body as { includeDependencies: boolean }).includeDependencies, true);
    assert.equal(next.ownerId, 102);
    // Dropping ownerId leaves the owner as it is; transferDependencies alone is no change.
    assert.deepEqual(workflow.diff(next, { name: "moves" }).changes, []);
    assert.deepEqual(workflow.diff(next, { name: "moves", ownerId: 102, transferDependencies: false }).changes, []);
  });

  it("a refresh reads the owner, so one changed in the web app is drift", async () => {
    const { id, outs } = await workflow.create(contextOf(client), { name: "drifts", ownerId: 1 });
    await client.transfer(Number(id), 101, false);
    const r = await workflow.read(contextOf(client), id, outs);
    assert.equal(r!.inputs.ownerId, 101);
    assert.deepEqual(workflow.diff(r!.props, { name: "drifts", ownerId: 1 }).changes, ["ownerId"]);
  });

  it("a transfer that leaves the API user without manage fails, saying who can share it back", async () => {
    emu.context.options.previousOwnerKeeps = "nothing";
    const { id, outs } = await workflow.create(contextOf(client), { name: "lost" });
    await assert.rejects(
      workflow.update(contextOf(client), id, outs, { name: "lost", ownerId: 103 }),
      new RegExp(
        "^Error: ownerId: workflow \\d+ now belongs to user 103, and Civis left the API user \\(user 1\\) " +
          "without access.*Ask user 103 to share it with user 1 at manage",
      ),
    );
  });

  it("create is all or nothing: a refused transfer archives the workflow it made", async () => {
    emu.faults.add({ method: "PUT", path: "/workflows/\\d+/transfer", status: 403 });
    await assert.rejects(
      workflow.create(contextOf(client), { name: "refused", ownerId: 103 }),
      /^Error: ownerId: workflow (\d+) could not be transferred from user 1 to user 103: Civis answered 403/,
    );
    const made = emu.context.store.state.workflows.filter((w) => w.name === "refused");
    assert.deepEqual(
      made.map((w) => w.archived),
      [true],
    );
  });

  it("the preview says from whom to whom and what the API user keeps; nothing when already the owner", async () => {
    const creating = await workflow.preview(contextOf(client), { name: "p", ownerId: 103 });
    assert.deepEqual(creating.warnings, [
      "ownerId: up transfers the workflow from the API user (user 1), who creates it, to user 103; " +
        "the API user (user 1) keeps manage, which it needs to go on managing it",
    ]);
    const moving = await workflow.preview(
      contextOf(client),
      { name: "p", ownerId: 102, transferDependencies: true },
      {
        name: "p",
        ownerId: 103,
      },
    );
    assert.match(moving.warnings[0], /from user 103 to user 102, with manage on what it runs; the API user/);
    assert.deepEqual((await workflow.preview(contextOf(client), { name: "p", ownerId: 1 })).warnings, []);
    assert.deepEqual(
      (await workflow.preview(contextOf(client), { name: "p", ownerId: 1 }, { ownerId: 1 })).warnings,
      [],
    );
  });

  it("an access list made before a transfer keeps the new owner (it reads the owner again)", async () => {
    const { id } = await workflow.create(contextOf(client), { name: "listed" });
    const wf = Number(id);
    const list = await access.create(contextOf(client), { workflowId: wf, users: { read: [101] }, groups: {} });
    await client.transfer(wf, 103, false);
    const next = await access.update(contextOf(client), list.id, list.outs, {
      workflowId: wf,
      users: { read: [102] },
      groups: {},
    });
    assert.equal(next.ownerId, 103);
    assert.deepEqual(stored(wf).userShares, { 1: "manage", 102: "read", 103: "manage" });
  });
});
