// WorkflowAccess through the real engine, against the emulator: the authoritative list, with the
// fewest requests, web-app drift shown and undone, the owner and the API user kept throughout,
// ManagedWorkflow's exclusiveAccess (switched on and off without losing anyone), and destroy.
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { REPO } from "../../scripts/engine";
import { call } from "../support/emulator";
import { TestStack } from "../support/stack";

const PROGRAM_DIR = path.join(REPO, "test", "e2e", "programs", "managed");
const PROGRAM = path.join(REPO, "dist", "test", "e2e", "programs", "managed", "index.js");

describe("WorkflowAccess", () => {
  let stack: TestStack;
  let id: number;
  let theirs: number;
  const run = (op: "up" | "preview" | "refresh" | "destroy", args: object, options?: Record<string, unknown>) =>
    stack.run(op, { env: { PULUMI_CIVIS_TEST_ARGS: JSON.stringify(args) }, options });
  const ok = async (op: "up" | "preview" | "refresh" | "destroy", args: object, options?: Record<string, unknown>) => {
    const r = await run(op, args, options);
    if (!r.ok) throw new Error(`pulumi ${op} failed: ${r.error}\n${r.log.slice(-4000)}`);
    return r;
  };
  const acl = (w = id) => {
    const x = stack.emulator.context.store.state.workflows.find((y) => y.id === w)!;
    return { users: { ...x.userShares }, groups: { ...x.groupShares } };
  };
  const webApp = (method: string, p: string, body?: object) =>
    fetch(`${stack.emulator.url}/_emulator/workflows/${id}/shares/${p}`, {
      method,
      body: body && JSON.stringify(body),
    });
  // A workflow of the program's, and one a colleague (user 2) owns and shared with the API user (1) at manage.
  const program = (users: object, groups: object = {}, extra: object = {}) => ({
    managed: { etl: { name: "Audited ETL" } },
    access: {
      "etl-access": { of: "etl", users, groups },
      "theirs-access": { workflowId: theirs, users: { read: [101] } },
    },
    ...extra,
  });
  const writes = (requests: string[]) => requests.filter((r) => !r.startsWith("GET"));

  before(async () => {
    stack = await TestStack.create({ name: "access", workDir: PROGRAM_DIR, program: PROGRAM });
    const made = await call(stack.emulator, "POST", "/workflows", { name: "Theirs" }, "emulator-colleague-key");
    theirs = made.body.id;
    await call(
      stack.emulator,
      "PUT",
      `/workflows/${theirs}/shares/users`,
      { userIds: [1, 102], permissionLevel: "manage" },
      "emulator-colleague-key",
    );
  });
  after(async () => stack?.close());

  it("up makes each list exactly so, keeping the owner and the API user", async () => {
    const r = await ok("up", program({ read: [101], write: [102] }, { read: [8] }));
    id = (r.outputs!.etl as { workflowId: number }).workflowId;
    assert.deepEqual(acl(), { users: { 1: "manage", 101: "read", 102: "write" }, groups: { 8: "read" } });
    assert.deepEqual(
      acl(theirs),
      { users: { 1: "manage", 2: "manage", 101: "read" }, groups: {} },
      "102, not listed, revoked; owner 2 and API user 1 kept",
    );
    assert.match(
      r.log,
      new RegExp(
        `takes over the access list of workflow ${theirs}: gives user 101 read; revokes user 102 \\(manage\\)`,
      ),
      "said at the check",
    );
    assert.doesNotMatch(
      r.log,
      new RegExp(`takes over the access list of workflow ${id}`),
      "nothing to take over on a workflow this run created",
    );
    assert.deepEqual(
      writes(r.requests).sort(),
      [
        "POST /workflows",
        `PUT /workflows/${id}/shares/groups`,
        `PUT /workflows/${id}/shares/users`,
        `PUT /workflows/${id}/shares/users`,
        `PUT /workflows/${theirs}/shares/users`,
        `DELETE /workflows/${theirs}/shares/users/102`,
      ].sort(),
    );
    const { groups, ...rest } = r.outputs!["theirs-access"] as Record<string, unknown>;
    assert.deepEqual(
      [rest, groups ?? {}],
      [{ id: `${theirs}/access`, users: { read: [101] }, ownerId: 2, apiUserId: 1 }, {}],
    );
    assert.ok(
      r.entries
        .filter((e) => e.method === "PUT")
        .every((e) => (e.body as { sendSharedEmail?: boolean }).sendSharedEmail === false),
      "no e-mail by default",
    );
  });

  it("a preview with no change sends nothing", async () => {
    const r = await ok("preview", program({ write: [102], read: [101] }, { read: [8] }), { expectNoChanges: true });
    assert.deepEqual(r.requests, []);
  });

  it(
    "a level move, an addition and a removal in one update: " + "one PUT per level that gains, one DELETE per removal",
    async () => {
      const next = program({ write: [101, 102], manage: [103] });
      const preview = await ok("preview", next, { diff: true });
      assert.deepEqual(preview.changes, { same: 4, update: 1 });
      assert.deepEqual(writes(preview.requests), []);
      const r = await ok("up", next);
      assert.deepEqual(writes(r.requests), [
        `PUT /workflows/${id}/shares/users`,
        `PUT /workflows/${id}/shares/users`,
        `DELETE /workflows/${id}/shares/groups/8`,
      ]);
      // The key check, the check's read of the workflow and of its list (what changed in Civis since
      // the last refresh), what user 103, who gains access, lacks of what it runs, and the update's own
      // reads of the list it plans from and of the owner it keeps.
      assert.deepEqual(r.requests.filter((q) => q.startsWith("GET")).sort(), [
        "GET /users/me",
        `GET /workflows/${id}`,
        `GET /workflows/${id}`,
        `GET /workflows/${id}/dependencies`,
        `GET /workflows/${id}/shares`,
        `GET /workflows/${id}/shares`,
      ]);
      assert.deepEqual(acl(), { users: { 1: "manage", 101: "write", 102: "write", 103: "manage" }, groups: {} });
    },
  );

  it(
    "an edit of the workflow previews as its one update: " +
      "the access list, which takes the workflow's id, is unchanged",
    async () => {
      const args = program({ write: [101, 102], manage: [103] });
      const edited = { ...args, managed: { etl: { name: "Audited ETL, renamed" } } };
      const preview = await ok("preview", edited, { diff: true });
      assert.deepEqual(preview.changes, { same: 4, update: 1 });
      assert.match(preview.log, /~ pulumi-nodejs:dynamic\/civis:Workflow: \(update\)/);
      assert.doesNotMatch(preview.log, /WorkflowAccess: \((update|replace)\)|\[unknown\]/);
    },
  );

  it(
    "a principal added and one revoked in the web app show on refresh and in preview --diff; " + "up restores the list",
    async () => {
      const args = program({ write: [101, 102], manage: [103] });
      await webApp("PUT", "groups/9", { permissionLevel: "read" });
      await webApp("DELETE", "users/102");
      const refresh = await ok("refresh", args);
      assert.equal(refresh.changes!.update, 1, JSON.stringify(refresh.changes));
      const preview = await ok("preview", args, { diff: true });
      assert.match(preview.log, /- read: \[\s*-\s+\[0\]: 9\s*\]/, "the group added in the web app, to be revoked");
      assert.match(preview.log, /\+ \[1\]: 102/, "the user revoked in the web app, to be granted again");
      const r = await ok("up", args);
      assert.deepEqual(writes(r.requests), [
        `PUT /workflows/${id}/shares/users`,
        `DELETE /workflows/${id}/shares/groups/9`,
      ]);
      assert.deepEqual(acl(), { users: { 1: "manage", 101: "write", 102: "write", 103: "manage" }, groups: {} });
      await ok("preview", args, { expectNoChanges: true });
    },
  );

  it("an edit previewed without a refresh says what changed in Civis meanwhile, which its up undoes too", async () => {
    await webApp("PUT", "groups/9", { permissionLevel: "read" });
    await webApp("DELETE", "users/102");
    const edited = program({ write: [101, 102], manage: [103] }, { read: [7] });
    const preview = await ok("preview", edited, { diff: true });
    assert.match(
      preview.log,
      new RegExp(
        `warning: civis:WorkflowAccess: workflow ${id}'s access changed in Civis since the last refresh ` +
          "\\(user 102 was revoked, group 9 was given read\\); up makes it the program's list again\\. " +
          "Run pulumi refresh to see it in the diff",
      ),
    );
    const r = await ok("up", edited);
    assert.deepEqual(writes(r.requests), [
      `PUT /workflows/${id}/shares/users`,
      `PUT /workflows/${id}/shares/groups`,
      `DELETE /workflows/${id}/shares/groups/9`,
    ]);
    assert.deepEqual(acl(), {
      users: { 1: "manage", 101: "write", 102: "write", 103: "manage" },
      groups: { 7: "read" },
    });
    await ok("up", program({ write: [101, 102], manage: [103] }));
    assert.deepEqual(acl().groups, {});
  });

  it("listing the owner or the API user lower fails the preview, saying why, before any write", async () => {
    const r = await run("preview", program({ read: [1], write: [101, 102], manage: [103] }));
    assert.equal(r.ok, false);
    assert.match(
      r.log,
      new RegExp(
        `workflow ${id}: user 1 is the workflow's owner and has manage; ` +
          "listing it at read would lower it; list it at manage or leave it out",
      ),
    );
    assert.deepEqual(writes(r.requests), []);
  });

  it("a WorkflowShare beside a WorkflowAccess on the same workflow is a warning at preview", async () => {
    const args = {
      ...program({ write: [101, 102], manage: [103] }),
      shares: { "etl-extra": { of: "etl", userIds: [101], permissionLevel: "read" } },
    };
    const r = await ok("preview", args);
    assert.match(
      r.log,
      new RegExp(
        /WorkflowShare "etl-extra" and WorkflowAccess "etl-access" manage the same workflow: /.source +
          /the access list revokes whoever it does not list, and the share grants them again, on every up/.source,
      ),
    );
  });

  it(
    "exclusiveAccess on a ManagedWorkflow: on, the web app's additions go and nobody listed loses access; " +
      "off again, nobody does",
    async () => {
      const base = program({ write: [101, 102], manage: [103] });
      const team = (exclusiveAccess: boolean) => ({
        ...base,
        managed: {
          ...base.managed,
          team: { name: "Team", exclusiveAccess, shares: { read: { users: [101] }, write: { groups: [8] } } },
        },
      });
      const first = await ok("up", team(false));
      const teamId = (first.outputs!.team as { workflowId: number }).workflowId;
      await call(stack.emulator, "PUT", `/workflows/${teamId}/shares/users`, {
        userIds: [103],
        permissionLevel: "read",
      });
      const on = await ok("up", team(true));
      assert.deepEqual(on.changes, { same: 7, create: 1, delete: 2 });
      assert.deepEqual(acl(teamId), { users: { 1: "manage", 101: "read" }, groups: { 8: "write" } });
      assert.deepEqual(
        writes(on.requests),
        [`DELETE /workflows/${teamId}/shares/users/103`],
        "the shares' principals are kept, not revoked and granted again",
      );
      const off = await ok("up", team(false));
      assert.deepEqual(off.changes, { same: 7, create: 2, delete: 1 });
      assert.deepEqual(acl(teamId), { users: { 1: "manage", 101: "read" }, groups: { 8: "write" } });
      await ok("up", team(true));
    },
  );

  it("destroy revokes every listed principal but the owner and the API user", async () => {
    await ok("destroy", program({ write: [101, 102], manage: [103] }));
    assert.deepEqual(acl(theirs), { users: { 1: "manage", 2: "manage" }, groups: {} });
    assert.deepEqual(acl(), { users: { 1: "manage" }, groups: {} });
  });
});
