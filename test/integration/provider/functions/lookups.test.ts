// Reading workflows whole, against the emulator: every field, shares by level, project ids,
// every page, and the filters.
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { createClient, type CivisClient } from "../../../../provider/client";
import { lookupWorkflow, lookupWorkflows } from "../../../../provider/functions/lookups";
import { DEFAULT_API_KEY, withEmulator, type Emulator } from "../../../support/emulator";

describe("lookups", () => {
  let emu: Emulator;
  let client: CivisClient;
  before(async () => {
    emu = await withEmulator();
    client = createClient({
      apiKey: DEFAULT_API_KEY,
      endpoint: `${emu.url}/`,
      maxRetries: 2,
      requestTimeoutMs: 2000,
      retryBaseMs: 5,
    });
  });
  after(async () => emu?.close());

  it("reads one workflow whole, with its shares by level and its projects", async () => {
    const w = await client.createWorkflow({
      name: "Report",
      description: "d",
      schedule: { scheduled: true, scheduledHours: [7] },
    });
    await client.shareUsers(w.id, [101], { permissionLevel: "read" });
    await client.shareGroups(w.id, [8], { permissionLevel: "write" });
    await client.addToProject(w.id, 42);
    const info = await lookupWorkflow(client, w.id);
    assert.equal(info.name, "Report");
    assert.equal(info.description, "d");
    assert.deepEqual(info.schedule.scheduledHours, [7]);
    assert.deepEqual(info.shares, {
      read: { users: [101], groups: [] },
      write: { users: [], groups: [8] },
      manage: { users: [1], groups: [] },
    });
    assert.deepEqual(info.projectIds, [42]);
    assert.equal(info.author.id, 1);
    assert.doesNotMatch(JSON.stringify(info), new RegExp(DEFAULT_API_KEY));
  });

  it("lists every page, filtered by name and author", async () => {
    for (let i = 0; i < 55; i++) await client.createWorkflow({ name: `Batch ${i}` });
    const colleague = createClient({
      apiKey: "emulator-colleague-key",
      endpoint: `${emu.url}/`,
      maxRetries: 2,
      requestTimeoutMs: 2000,
      retryBaseMs: 5,
    });
    const theirs = await colleague.createWorkflow({ name: "Batch theirs" });
    await colleague.shareUsers(theirs.id, [1], { permissionLevel: "read" });
    const progress: number[] = [];
    const all = await lookupWorkflows(client, { nameContains: "batch" }, (done) => progress.push(done));
    assert.equal(all.length, 56, "past the first page of 50");
    assert.equal(progress.at(-1), 56);
    const mine = await lookupWorkflows(client, { nameContains: "BATCH", author: "me" });
    assert.equal(mine.length, 55);
    assert.ok(mine.every((w) => w.author.id === 1));
    const byId = await lookupWorkflows(client, { author: 2 });
    assert.deepEqual(
      byId.map((w) => [w.name, w.myPermissionLevel]),
      [["Batch theirs", "read"]],
    );
  });
});
