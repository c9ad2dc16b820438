// What a share leaves out, at preview, against the emulator: one dependencies read per user who
// gains access, a warning naming what they lack; no read when nobody gains access.
import { after, before, beforeEach, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { createClient, type CivisClient } from "../../../../../provider/client";
import * as share from "../../../../../provider/resources/share/resource";
import * as access from "../../../../../provider/resources/access/resource";
import { lookupDependencies } from "../../../../../provider/functions/lookups";
import { DEFAULT_API_KEY, withEmulator, type Emulator } from "../../../../support/emulator";
import { contextOf } from "../../../../support/context";

const DEF =
  'version: "2.0"\nwf:\n  tasks:\n    load: {action: civis.run_job, input: {job_id: 1234}, on-success: [export]}\n' +
  "    export: {action: civis.run_job, input: {job_id: 1240}}\n";

describe("what a share leaves out, at preview", () => {
  let emu: Emulator;
  let client: CivisClient;
  let wf: number;
  before(async () => {
    emu = await withEmulator();
    client = createClient({
      apiKey: DEFAULT_API_KEY,
      endpoint: `${emu.url}/`,
      maxRetries: 1,
      requestTimeoutMs: 2000,
      retryBaseMs: 5,
    });
    wf = (await client.createWorkflow({ name: "runs jobs", definition: DEF })).id;
    await client.me();
  });
  after(async () => emu?.close());
  beforeEach(() => emu.log.clear());
  const reads = () =>
    emu.log
      .entries()
      .filter((e) => e.path.endsWith("/dependencies"))
      .map((e) => `GET ${e.path}?user_id=${e.query.user_id}`);

  it("a share: each user it adds, one read; the warning names what they lack, and what cannot be shared", async () => {
    const found = await share.preview(contextOf(client), {
      workflowId: wf,
      userIds: [101, 102],
      permissionLevel: "read",
    });
    assert.deepEqual(reads(), [
      `GET /workflows/${wf}/dependencies?user_id=101`,
      `GET /workflows/${wf}/dependencies?user_id=102`,
    ]);
    assert.deepEqual(found.warnings, [
      `user 101 gains access to workflow ${wf} but has no permission on what it runs: Warehouse export ` +
        "(scripts/sql 1240, not shareable); share these with them too, or the workflow fails for them",
      `user 102 gains access to workflow ${wf} but has no permission on what it runs: Import leads ` +
        "(scripts/python3 1234); Warehouse export (scripts/sql 1240, not shareable); share these with them too, " +
        "or the workflow fails for them",
    ]);
    emu.log.clear();
    const update = await share.preview(
      contextOf(client),
      { workflowId: wf, userIds: [101, 102], permissionLevel: "write" },
      { workflowId: wf, userIds: [101, 102], permissionLevel: "read" },
    );
    assert.deepEqual([reads(), update.warnings], [[], []], "a level change: nobody gains access, no read");
  });

  it("an access list: only the users who have no access now", async () => {
    await client.shareUsers(wf, [101], { permissionLevel: "read" });
    emu.log.clear();
    const found = await access.preview(contextOf(client), { workflowId: wf, users: { read: [101, 103] }, groups: {} });
    assert.deepEqual(reads(), [`GET /workflows/${wf}/dependencies?user_id=103`]);
    assert.ok(found.warnings.some((w) => w.startsWith(`user 103 gains access to workflow ${wf}`)));
  });

  it("getWorkflowDependencies reads them for programs", async () => {
    assert.deepEqual(await lookupDependencies(client, wf, 101), [
      {
        objectType: "JobTypes::Script",
        type: "scripts/python3",
        id: 1234,
        name: "Import leads",
        permissionLevel: "read",
        shareable: true,
      },
      {
        objectType: "JobTypes::Script",
        type: "scripts/sql",
        id: 1240,
        name: "Warehouse export",
        permissionLevel: null,
        shareable: false,
      },
    ]);
  });
});
