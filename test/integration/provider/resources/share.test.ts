// WorkflowShare and WorkflowProject CRUD against the emulator, through the real API client:
// the request each step makes, all-or-nothing create, and what counts as already done.
import { after, before, beforeEach, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { createClient, type CivisClient } from "../../../../provider/client";
import { contextOf } from "../../../support/context";
import * as share from "../../../../provider/resources/share/resource";
import * as project from "../../../../provider/resources/project";
import { DEFAULT_API_KEY, requests, withEmulator, type Emulator } from "../../../support/emulator";

describe("WorkflowShare and WorkflowProject against the emulator", () => {
  let emu: Emulator;
  let client: CivisClient;
  let wf: number;
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
  beforeEach(async () => {
    wf = (await client.createWorkflow({ name: "shared" })).id;
    emu.log.clear();
  });
  const acl = () => {
    const w = emu.context.store.state.workflows.find((x) => x.id === wf)!;
    return { users: { ...w.userShares }, groups: { ...w.groupShares } };
  };

  it("create: one PUT per principal kind", async () => {
    const { id, outs } = await share.create(contextOf(client), {
      workflowId: wf,
      userIds: [101],
      groupIds: [8],
      permissionLevel: "read",
    });
    assert.equal(id, `${wf}/read`);
    assert.deepEqual(requests(emu), [`PUT /workflows/${wf}/shares/users`, `PUT /workflows/${wf}/shares/groups`]);
    assert.deepEqual(outs.ownerIds, []);
    assert.deepEqual(acl(), { users: { 1: "manage", 101: "read" }, groups: { 8: "read" } });
  });

  it("create is all or nothing: when the groups fail, the users just granted are revoked", async () => {
    emu.faults.add({ method: "PUT", path: "/workflows/\\d+/shares/groups", status: 500 });
    await assert.rejects(
      share.create(contextOf(client), { workflowId: wf, userIds: [101, 102], groupIds: [8], permissionLevel: "write" }),
      /500/,
    );
    assert.deepEqual(acl(), { users: { 1: "manage" }, groups: {} });
  });

  it("a grant Civis refuses names the property and the ids that failed, and undoes what it granted", async () => {
    // Civis refuses a list that holds an id it does not know; each id alone then says which.
    emu.faults.add({ method: "PUT", path: "/workflows/\\d+/shares/groups", status: 404, count: 2 });
    await assert.rejects(
      share.create(contextOf(client), { workflowId: wf, userIds: [101], groupIds: [8, 9], permissionLevel: "read" }),
      /^Error: groupIds: group 8 could not be given read on workflow \d+: Civis answered 404/,
    );
    assert.deepEqual(acl(), { users: { 1: "manage" }, groups: {} });
  });

  it("update: a change of only the e-mail fields calls no API", async () => {
    const { outs } = await share.create(contextOf(client), { workflowId: wf, userIds: [101], permissionLevel: "read" });
    emu.log.clear();
    await share.update(contextOf(client), `${wf}/read`, outs, { ...outs, sendSharedEmail: true, shareEmailBody: "hi" });
    assert.deepEqual(requests(emu), []);
  });

  it("update: a level change re-grants in place; removed principals are revoked", async () => {
    const { outs } = await share.create(contextOf(client), {
      workflowId: wf,
      userIds: [101, 102],
      permissionLevel: "read",
    });
    emu.log.clear();
    await share.update(contextOf(client), `${wf}/read`, outs, {
      workflowId: wf,
      userIds: [101],
      permissionLevel: "write",
    });
    assert.deepEqual(acl().users, { 1: "manage", 101: "write" });
    assert.deepEqual(requests(emu), [
      `PUT /workflows/${wf}/shares/users`,
      `GET /workflows/${wf}/shares`,
      `DELETE /workflows/${wf}/shares/users/102`,
    ]);
  });

  it(
    "read: the shares and the workflow's liveness; " +
      "a principal revoked or moved out of band leaves the stored list; a gone workflow drops",
    async () => {
      const { outs } = await share.create(contextOf(client), {
        workflowId: wf,
        userIds: [101, 102],
        groupIds: [8],
        permissionLevel: "read",
      });
      await client.revokeUser(wf, 101);
      await client.shareGroups(wf, [8], { permissionLevel: "write" });
      emu.log.clear();
      const r = await share.read(contextOf(client), `${wf}/read`, outs);
      assert.deepEqual(requests(emu).sort(), [`GET /workflows/${wf}`, `GET /workflows/${wf}/shares`]);
      const props = r!.props;
      assert.deepEqual([props.userIds, props.groupIds], [[102], []]);
      assert.deepEqual(await share.read(contextOf(client), "99999/read", { ...outs, workflowId: 99999 }), undefined);
    },
  );

  it("read: the workflow archived drops the share and the project link, whose own lists still name them", async () => {
    const shared = await share.create(contextOf(client), { workflowId: wf, userIds: [101], permissionLevel: "read" });
    const linked = await project.create(contextOf(client), { workflowId: wf, projectId: 42 });
    await client.archiveWorkflow(wf, true);
    assert.equal(await share.read(contextOf(client), shared.id, shared.outs), undefined);
    assert.equal(await project.read(contextOf(client), linked.id, linked.outs), undefined);
    await client.archiveWorkflow(wf, false);
    assert.equal(
      (await share.read(contextOf(client), shared.id, shared.outs))?.id,
      shared.id,
      "restored, it is read again",
    );
  });

  it("read: in a refresh the workflow, its shares and its project link share one GET of the workflow", async () => {
    const shared = await share.create(contextOf(client), { workflowId: wf, userIds: [101], permissionLevel: "read" });
    const linked = await project.create(contextOf(client), { workflowId: wf, projectId: 42 });
    const ctx = contextOf(client);
    emu.log.clear();
    await Promise.all([
      share.read(ctx, shared.id, shared.outs),
      project.read(ctx, linked.id, linked.outs),
      ctx.refreshReads.getWorkflow(wf),
    ]);
    assert.deepEqual(requests(emu).sort(), [
      `GET /workflows/${wf}`,
      `GET /workflows/${wf}/projects`,
      `GET /workflows/${wf}/shares`,
    ]);
  });

  it("delete: revokes exactly its principals; already revoked is success; the owner is never revoked", async () => {
    await client.shareUsers(wf, [103], { permissionLevel: "read" }); // not this resource's
    const { outs } = await share.create(contextOf(client), {
      workflowId: wf,
      userIds: [1, 101, 102],
      permissionLevel: "read",
    });
    assert.deepEqual(outs.ownerIds, [1]);
    await client.revokeUser(wf, 102);
    const warnings = await share.remove(contextOf(client), `${wf}/read`, outs);
    assert.deepEqual(acl().users, { 1: "manage", 103: "read" });
    assert.match(warnings[0], /user 1 owns workflow \d+; an owner's access is never revoked/);
  });

  it("delete: a principal another share moved to its own level keeps that access", async () => {
    const { outs } = await share.create(contextOf(client), { workflowId: wf, userIds: [101], permissionLevel: "read" });
    await client.shareUsers(wf, [101], { permissionLevel: "write" });
    await share.remove(contextOf(client), `${wf}/read`, outs);
    assert.equal(acl().users[101], "write");
  });

  it(
    "project: PUT to add, one GET (and the workflow's) to read, DELETE to remove; " +
      "removed out of band drops; already removed is success",
    async () => {
      const { id, outs } = await project.create(contextOf(client), { workflowId: wf, projectId: 42 });
      assert.equal(id, `${wf}/42`);
      emu.log.clear();
      assert.deepEqual(await project.read(contextOf(client), id, outs), { id, props: outs, inputs: outs });
      assert.deepEqual(requests(emu).sort(), [`GET /workflows/${wf}`, `GET /workflows/${wf}/projects`]);
      await client.removeFromProject(wf, 42);
      assert.equal(await project.read(contextOf(client), id, outs), undefined);
      await project.remove(contextOf(client), id, outs);
      await assert.rejects(
        project.create(contextOf(client), { workflowId: wf, projectId: 999 }),
        /PUT \/workflows\/\d+\/projects\/999 failed: 404 not_found/,
      );
    },
  );
});
