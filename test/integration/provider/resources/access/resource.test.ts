// WorkflowAccess against the emulator, through the real API client: the requests each step makes,
// the owner and the API user kept, all-or-nothing create, drift on read, and delete.
import { after, before, beforeEach, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { createClient, type CivisClient } from "../../../../../provider/client";
import * as access from "../../../../../provider/resources/access/resource";
import { contextOf } from "../../../../support/context";
import { DEFAULT_API_KEY, requests, withEmulator, type Emulator } from "../../../../support/emulator";

describe("WorkflowAccess against the emulator", () => {
  let emu: Emulator;
  let client: CivisClient;
  let colleague: CivisClient;
  let wf: number;
  const clientFor = (apiKey: string) =>
    createClient({ apiKey, endpoint: `${emu.url}/`, maxRetries: 2, requestTimeoutMs: 2000, retryBaseMs: 5 });
  before(async () => {
    emu = await withEmulator();
    client = clientFor(DEFAULT_API_KEY);
    colleague = clientFor("emulator-colleague-key");
    await client.me(); // answered once per client; the counts below are of the writes and share reads
  });
  after(async () => emu?.close());
  beforeEach(async () => {
    wf = (await client.createWorkflow({ name: "audited" })).id;
    emu.log.clear();
  });
  const acl = (id = wf) => {
    const w = emu.context.store.state.workflows.find((x) => x.id === id)!;
    return { users: { ...w.userShares }, groups: { ...w.groupShares } };
  };
  const bodies = () =>
    emu.log
      .entries()
      .filter((e) => e.method === "PUT")
      .map((e) => e.body as Record<string, unknown>);

  it(
    "create: reads the workflow and its shares, " +
      "then one PUT per level and kind, one DELETE per principal not listed",
    async () => {
      await client.shareUsers(wf, [102], { permissionLevel: "read" }); // added in the web app
      await client.shareGroups(wf, [9], { permissionLevel: "write" });
      emu.log.clear();
      const { id, outs } = await access.create(contextOf(client), {
        workflowId: wf,
        users: { read: [101], manage: [103] },
        groups: { read: [7, 8] },
      });
      assert.equal(id, `${wf}/access`);
      assert.deepEqual(requests(emu).slice(0, 2).sort(), [`GET /workflows/${wf}`, `GET /workflows/${wf}/shares`]);
      assert.deepEqual(requests(emu).slice(2), [
        `PUT /workflows/${wf}/shares/users`,
        `PUT /workflows/${wf}/shares/users`,
        `PUT /workflows/${wf}/shares/groups`,
        `DELETE /workflows/${wf}/shares/users/102`,
        `DELETE /workflows/${wf}/shares/groups/9`,
      ]);
      assert.deepEqual(acl(), { users: { 1: "manage", 101: "read", 103: "manage" }, groups: { 7: "read", 8: "read" } });
      assert.deepEqual([outs.ownerId, outs.apiUserId], [1, 1]);
      assert.ok(
        bodies().every((b) => b.sendSharedEmail === false),
        "no e-mail unless asked for",
      );
    },
  );

  it(
    "create is all or nothing: an unknown user is named with its level and the workflow, " +
      "and the shares are put back",
    async () => {
      await client.shareUsers(wf, [102], { permissionLevel: "write" });
      emu.log.clear();
      await assert.rejects(
        access.create(contextOf(client), { workflowId: wf, users: { read: [101, 999] }, groups: {} }),
        (e: Error) =>
          /^users\.read: user 999 could not be given read on workflow \d+: Civis answered 400/.test(e.message) &&
          !/\b101\b/.test(e.message),
      );
      assert.deepEqual(
        acl(),
        { users: { 1: "manage", 102: "write" }, groups: {} },
        "101, granted alone to find the unknown one, is revoked again; 102 kept",
      );
    },
  );

  it(
    "create is all or nothing when a later write fails: " + "earlier grants undone, revoked principals granted back",
    async () => {
      await client.shareUsers(wf, [102], { permissionLevel: "write" });
      await client.shareGroups(wf, [9], { permissionLevel: "read" });
      // 101 granted, 102 revoked, then revoking group 9 is refused.
      emu.faults.add({ method: "DELETE", path: "/workflows/\\d+/shares/groups/9", status: 403, count: 1 });
      await assert.rejects(
        access.create(contextOf(client), { workflowId: wf, users: { read: [101] }, groups: {} }),
        /^Error: groups: group 9 is not listed, and could not be revoked from workflow \d+: Civis answered 403/,
      );
      emu.faults.clear();
      assert.deepEqual(acl(), { users: { 1: "manage", 102: "write" }, groups: { 9: "read" } });
    },
  );

  it("a 403 on a grant is not about one id: no PUT one at a time, Civis's answer as it is", async () => {
    emu.faults.add({ method: "PUT", path: "/workflows/\\d+/shares/users", status: 403, count: 1 });
    await assert.rejects(
      access.create(contextOf(client), { workflowId: wf, users: { read: [101, 102] }, groups: {} }),
      /PUT \/workflows\/\d+\/shares\/users failed: 403/,
    );
    assert.deepEqual(
      requests(emu).filter((r) => r.startsWith("PUT")),
      [`PUT /workflows/${wf}/shares/users`],
    );
    assert.deepEqual(acl(), { users: { 1: "manage" }, groups: {} });
  });

  it("create on a workflow gone or archived says so, naming it, and writes nothing", async () => {
    await assert.rejects(
      access.create(contextOf(client), { workflowId: 99999, users: {}, groups: {} }),
      /^Error: workflow 99999 does not exist or the API user cannot see it; check workflowId$/,
    );
    await client.archiveWorkflow(wf, true);
    emu.log.clear();
    await assert.rejects(
      access.create(contextOf(client), { workflowId: wf, users: { read: [101] }, groups: {} }),
      /workflow \d+ is archived/,
    );
    assert.ok(requests(emu).every((r) => r.startsWith("GET")));
  });

  it(
    "on a colleague's workflow: the owner and the API user are kept, " +
      "and lowering either is refused before any write",
    async () => {
      const theirs = (await colleague.createWorkflow({ name: "theirs" })).id;
      await colleague.shareUsers(theirs, [1], { permissionLevel: "manage" });
      const { outs } = await access.create(contextOf(client), {
        workflowId: theirs,
        users: { read: [101] },
        groups: {},
      });
      assert.deepEqual([outs.ownerId, outs.apiUserId], [2, 1]);
      assert.deepEqual(acl(theirs).users, { 1: "manage", 2: "manage", 101: "read" });
      emu.log.clear();
      const lowered = await access.preview(contextOf(client), {
        workflowId: theirs,
        users: { read: [2], write: [1] },
        groups: {},
      });
      assert.deepEqual(lowered.problems, [
        `workflow ${theirs}: user 2 is the workflow's owner and has manage; ` +
          "listing it at read would lower it; list it at manage or leave it out",
        `workflow ${theirs}: user 1 is the API user and has manage; ` +
          "listing it at write would lower it; list it at manage or leave it out",
      ]);
      assert.ok(
        requests(emu).every((r) => r.startsWith("GET")),
        "a preview reads only",
      );
      await assert.rejects(
        access.update(contextOf(client), `${theirs}/access`, outs, {
          workflowId: theirs,
          users: { read: [2] },
          groups: {},
        }),
        /user 2 is the workflow's owner/,
      );
      assert.deepEqual(acl(theirs).users, { 1: "manage", 2: "manage", 101: "read" });
    },
  );

  it(
    "preview: a workflow gone, archived, or where the API user cannot manage; " +
      "and for a workflow the update creates, the API user as owner",
    async () => {
      assert.match(
        (await access.preview(contextOf(client), { workflowId: 99999, users: {}, groups: {} })).problems[0],
        /workflow 99999 does not exist or the API user cannot see it; check workflowId/,
      );
      const readOnly = (await colleague.createWorkflow({ name: "read only" })).id;
      await colleague.shareUsers(readOnly, [1], { permissionLevel: "read" });
      assert.match(
        (await access.preview(contextOf(client), { workflowId: readOnly, users: {}, groups: {} })).problems[0],
        /the API user has read on workflow \d+; managing who may see it needs manage: ask its owner \(user 2\)/,
      );
      await client.archiveWorkflow(wf, true);
      assert.match(
        (await access.preview(contextOf(client), { workflowId: wf, users: {}, groups: {} })).problems[0],
        /is archived/,
      );
      const unknownId = "04da6b54-80e4-46f7-96ec-b56ff0331ba9" as unknown as number;
      assert.match(
        (await access.preview(contextOf(client), { workflowId: unknownId, users: { read: [1] }, groups: {} }))
          .problems[0],
        /^the workflow this update creates: user 1 is the workflow's owner/,
      );
      assert.deepEqual(
        (
          await access.preview(contextOf(client), {
            workflowId: unknownId,
            users: { manage: [1], read: [101] },
            groups: {},
          })
        ).problems,
        [],
      );
    },
  );

  it(
    "preview of a create on an existing workflow: " + "a warning says what taking over its list gives and revokes",
    async () => {
      await client.shareUsers(wf, [101, 102], { permissionLevel: "write" });
      await client.shareGroups(wf, [9], { permissionLevel: "read" });
      emu.log.clear();
      const found = await access.preview(contextOf(client), {
        workflowId: wf,
        users: { read: [101], manage: [103] },
        groups: {},
      });
      assert.deepEqual(found, {
        problems: [],
        warnings: [
          `takes over the access list of workflow ${wf}: gives user 101 read (has write), user 103 manage; ` +
            "revokes user 102 (write), group 9 (read)",
        ],
      });
      assert.ok(requests(emu).every((r) => r.startsWith("GET")));
      assert.deepEqual(
        (
          await access.preview(contextOf(client), {
            workflowId: wf,
            users: { write: [101, 102] },
            groups: { read: [9] },
          })
        ).warnings,
        [`takes over the access list of workflow ${wf}: it already matches the program`],
      );
    },
  );

  it(
    "preview: principals Civis counts but does not list to the API user " + "are said, on a create and an update",
    async () => {
      await client.shareUsers(wf, [101, 110], { permissionLevel: "read" }); // 110: a user the API user cannot see
      assert.deepEqual(
        (await client.getShares(wf)).readers.users.map((u) => u.id),
        [101],
        "Civis lists only whom the API user can see",
      );
      const hidden =
        `workflow ${wf} is also shared with 1 user the API user cannot see: ` +
        "Civis does not list them, so this access list can neither show nor revoke them; " +
        "ask a Civis admin who they are";
      assert.deepEqual(
        (await access.preview(contextOf(client), { workflowId: wf, users: { read: [101] }, groups: {} })).warnings,
        [`takes over the access list of workflow ${wf}: it already matches the program`, hidden],
      );
      assert.deepEqual(
        (
          await access.preview(
            contextOf(client),
            { workflowId: wf, users: { read: [101, 102] }, groups: {} },
            { users: { read: [101] }, groups: {} },
          )
        ).warnings,
        [hidden],
      );
    },
  );

  it(
    "preview of an update: a change made in Civis since the last refresh is said, " +
      "since up undoes it and the diff cannot show it",
    async () => {
      const { outs } = await access.create(contextOf(client), {
        workflowId: wf,
        users: { read: [101, 102] },
        groups: {},
      });
      const stored = { workflowId: wf, users: outs.users, groups: outs.groups };
      const next = { workflowId: wf, users: { read: [101, 102, 103] }, groups: {} };
      assert.deepEqual(
        await access.preview(contextOf(client), next, stored),
        { problems: [], warnings: [] },
        "Civis has what the state says",
      );
      await client.shareGroups(wf, [9], { permissionLevel: "write" });
      await client.shareUsers(wf, [101], { permissionLevel: "manage" });
      await client.revokeUser(wf, 102);
      assert.deepEqual((await access.preview(contextOf(client), next, stored)).warnings, [
        `workflow ${wf}'s access changed in Civis since the last refresh ` +
          "(user 101 was moved from read to manage, user 102 was revoked, group 9 was given write); " +
          "up makes it the program's list again. Run pulumi refresh to see it in the diff",
      ]);
    },
  );

  it(
    "update: a level move, an addition and a removal with the fewest requests " +
      "(the shares and the workflow's owner read, one PUT per level and kind, one DELETE per removal)",
    async () => {
      const { outs } = await access.create(contextOf(client), {
        workflowId: wf,
        users: { read: [101, 102] },
        groups: { read: [7] },
      });
      emu.log.clear();
      const next = await access.update(contextOf(client), `${wf}/access`, outs, {
        workflowId: wf,
        users: { read: [102], write: [101, 103] },
        groups: {},
      });
      assert.deepEqual(requests(emu).slice(0, 2).sort(), [`GET /workflows/${wf}`, `GET /workflows/${wf}/shares`]);
      assert.deepEqual(requests(emu).slice(2), [
        `PUT /workflows/${wf}/shares/users`,
        `DELETE /workflows/${wf}/shares/groups/7`,
      ]);
      assert.deepEqual(acl(), { users: { 1: "manage", 101: "write", 102: "read", 103: "write" }, groups: {} });
      assert.deepEqual(next.users, { read: [102], write: [101, 103] });
    },
  );

  it("update: a change of only the e-mail fields calls no API", async () => {
    const { outs } = await access.create(contextOf(client), { workflowId: wf, users: { read: [101] }, groups: {} });
    emu.log.clear();
    await access.update(contextOf(client), `${wf}/access`, outs, {
      ...outs,
      sendSharedEmail: true,
      shareEmailBody: "hi",
    });
    assert.deepEqual(requests(emu), []);
  });

  it(
    "read: the whole list as Civis has it, with web-app changes; " + "the owner shows only where listed; gone drops",
    async () => {
      const { outs } = await access.create(contextOf(client), {
        workflowId: wf,
        users: { read: [101, 102] },
        groups: {},
      });
      await client.shareUsers(wf, [103], { permissionLevel: "manage" }); // added in the web app
      await client.revokeUser(wf, 102); // revoked in the web app
      emu.log.clear();
      const r = await access.read(contextOf(client), `${wf}/access`, outs);
      assert.deepEqual(requests(emu).sort(), [`GET /workflows/${wf}`, `GET /workflows/${wf}/shares`]);
      assert.deepEqual(r!.inputs, { workflowId: wf, users: { read: [101], manage: [103] }, groups: {} });
      assert.deepEqual(
        (await access.read(contextOf(client), `${wf}/access`, { ...outs, users: { manage: [1] } }))!.props.users,
        { read: [101], manage: [1, 103] },
      );
      await client.archiveWorkflow(wf, true);
      assert.equal(await access.read(contextOf(client), `${wf}/access`, outs), undefined);
    },
  );

  it(
    "delete: revokes every listed principal still there but the owner, " +
      "the API user and what another resource of the run claimed",
    async () => {
      const { outs } = await access.create(contextOf(client), {
        workflowId: wf,
        users: { read: [101, 102], manage: [1] },
        groups: { write: [7, 8] },
      });
      await client.revokeUser(wf, 102);
      emu.log.clear();
      const ctx = contextOf(client);
      ctx.ledger.granted("WorkflowShare other", [{ workflowId: wf, kind: "groups", id: 8 }]);
      const warnings = await access.remove(ctx, `${wf}/access`, outs);
      assert.deepEqual(requests(emu), [
        `GET /workflows/${wf}/shares`,
        `DELETE /workflows/${wf}/shares/users/101`,
        `DELETE /workflows/${wf}/shares/groups/7`,
      ]);
      assert.deepEqual(acl(), { users: { 1: "manage" }, groups: { 8: "write" } });
      assert.deepEqual(warnings, [`user 1 is the owner of workflow ${wf}; kept, not revoked`]);
      await client.archiveWorkflow(wf, true);
      assert.deepEqual(
        await access.remove(contextOf(client), `${wf}/access`, { ...outs, workflowId: 99999 }),
        [],
        "a workflow gone: nothing to revoke",
      );
    },
  );
});
