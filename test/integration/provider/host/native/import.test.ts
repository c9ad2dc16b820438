// `pulumi import` through the native provider: Read with only an id answers the resource and the
// inputs of a program that keeps it as it is (each resource's id form), with reads only; an id of
// the wrong form or a resource not there fails naming what to give.
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { systemClock } from "../../../../../provider/client/clock";
import { NativeProvider } from "../../../../../provider/host/native/provider";
import { Run } from "../../../../../provider/host/run";
import { call, DEFAULT_API_KEY, requests, withEmulator, type Emulator } from "../../../../support/emulator";

const urn = (kind: string) => `urn:pulumi:dev::p::civis:index:${kind}::imported`;

describe("native provider: pulumi import", () => {
  let emu: Emulator;
  let provider: NativeProvider;
  let id: number;
  before(async () => {
    emu = await withEmulator();
    provider = new NativeProvider(
      new Run({ CIVIS_API_KEY: DEFAULT_API_KEY, CIVIS_API_ENDPOINT: emu.url }, systemClock),
    );
    provider.configure(() => undefined);
    const made = await call(emu, "POST", "/workflows", {
      name: "Legacy",
      definition: 'version: "2.0"\nl:\n  tasks:\n    x: {action: std.noop}\n',
      notifications: { failureEmailAddresses: ["data@example.com"] },
    });
    id = (made.body as { id: number }).id;
    await call(emu, "PUT", `/workflows/${id}/shares/users`, { userIds: [101], permissionLevel: "write" });
    await call(emu, "PUT", `/workflows/${id}/shares/groups`, { groupIds: [8], permissionLevel: "read" });
    await call(emu, "PUT", `/workflows/${id}/projects/42`, {});
  });
  after(async () => emu?.close());

  it("a workflow: its name and what differs from Civis's defaults (of an object, the parts), no owner", async () => {
    const before = requests(emu).length;
    const r = await provider.read(urn("Workflow"), String(id), {});
    assert.equal(r.id, String(id));
    assert.deepEqual(Object.keys(r.inputs!).sort(), ["definition", "name", "notifications", "timeZone"]);
    assert.deepEqual(r.inputs!.notifications, { failureEmailAddresses: ["data@example.com"] });
    assert.equal(r.props.workflowId, id);
    assert.ok(
      requests(emu)
        .slice(before)
        .every((q) => q.startsWith("GET")),
      "reads only",
    );
  });

  it("a share by <workflowId>/<level>; a project link by <workflowId>/<projectId>; the access list whole", async () => {
    assert.deepEqual((await provider.read(urn("WorkflowShare"), `${id}/write`, {})).inputs, {
      workflowId: id,
      permissionLevel: "write",
      userIds: [101],
    });
    assert.deepEqual((await provider.read(urn("WorkflowProject"), `${id}/42`, {})).inputs, {
      workflowId: id,
      projectId: 42,
    });
    const access = await provider.read(urn("WorkflowAccess"), `${id}/access`, {});
    assert.deepEqual(access.inputs, {
      workflowId: id,
      users: { write: [101] },
      groups: { read: [8] },
    });
  });

  it("a wrong id form, a missing link and a run say what to give", async () => {
    await assert.rejects(
      provider.read(urn("WorkflowShare"), `${id}`, {}),
      /id is <workflowId>\/<level>, e.g\. 1004\/read/,
    );
    await assert.rejects(provider.read(urn("WorkflowProject"), `${id}/43`, {}), /"\d+\/43" was not found in Civis/);
    await assert.rejects(provider.read(urn("Workflow"), "99999", {}), /civis:Workflow "99999" was not found/);
    await assert.rejects(provider.read(urn("WorkflowExecution"), "5", {}), /it is not imported/);
  });
});
