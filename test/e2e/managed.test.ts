// WorkflowShare, WorkflowProject and ManagedWorkflow through the real engine, against the emulator.
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { REPO } from "../../scripts/engine";
import { TestStack } from "../support/stack";

const PROGRAM_DIR = path.join(REPO, "test", "e2e", "programs", "managed");
const PROGRAM = path.join(REPO, "dist", "test", "e2e", "programs", "managed", "index.js");
const DEFINITION = 'version: "2.0"\netl:\n  tasks:\n    a: {action: std.noop}\n';

describe("ManagedWorkflow with shares and projects", () => {
  let stack: TestStack;
  let id: number;
  const run = (op: "up" | "preview" | "refresh" | "destroy", args: object, options?: Record<string, unknown>) =>
    stack.ok(op, { env: { PULUMI_CIVIS_TEST_ARGS: JSON.stringify(args) }, options });
  const acl = () => {
    const w = stack.emulator.context.store.state.workflows.find((x) => x.id === id)!;
    return { users: { ...w.userShares }, groups: { ...w.groupShares }, projects: [...w.projectIds].sort() };
  };
  const etl = (extra: object) => ({ managed: { etl: { name: "Managed ETL", definition: DEFINITION, ...extra } } });

  before(async () => {
    stack = await TestStack.create({ name: "managed", workDir: PROGRAM_DIR, program: PROGRAM });
  });
  after(async () => stack?.close());

  it("up creates the workflow, one share per level and one link per project", async () => {
    const r = await run(
      "up",
      etl({ shares: { read: { users: [101], groups: [8] }, write: { users: [102] } }, projectIds: [42, 43] }),
    );
    id = (r.outputs!.etl as { workflowId: number }).workflowId;
    assert.deepEqual(acl(), {
      users: { 1: "manage", 101: "read", 102: "write" },
      groups: { 8: "read" },
      projects: [42, 43],
    });
    const sorted = [...r.requests].sort();
    assert.deepEqual(
      sorted,
      [
        "GET /users/me",
        // What users 101 and 102 will lack of what the workflow runs, read once each (access/dependencies.ts).
        `GET /workflows/${id}/dependencies`,
        `GET /workflows/${id}/dependencies`,
        "POST /workflows",
        `PUT /workflows/${id}/projects/42`,
        `PUT /workflows/${id}/projects/43`,
        `PUT /workflows/${id}/shares/groups`,
        `PUT /workflows/${id}/shares/users`,
        `PUT /workflows/${id}/shares/users`,
      ].sort(),
    );
    const urns = stack.resources().map((x) => x.urn);
    for (const child of ["etl-read", "etl-write", "etl-project-42", "etl-project-43"]) {
      assert.ok(
        urns.some((u) =>
          u.endsWith(
            "civis:index:ManagedWorkflow$pulumi-nodejs:dynamic/civis:" +
              `${child.includes("project") ? "WorkflowProject" : "WorkflowShare"}::${child}`,
          ),
        ),
        child,
      );
    }
  });

  it("reordering projectIds and share lists changes nothing and calls no API", async () => {
    const r = await run(
      "preview",
      etl({ shares: { write: { users: [102] }, read: { groups: [8], users: [101] } }, projectIds: [43, 42] }),
      { expectNoChanges: true },
    );
    assert.deepEqual(r.requests, []);
  });

  it("changes a principal's level in place: revoked from read, granted write", async () => {
    const r = await run(
      "up",
      etl({ shares: { read: { groups: [8] }, write: { users: [101, 102] } }, projectIds: [42, 43] }),
    );
    assert.deepEqual(acl().users, { 1: "manage", 101: "write", 102: "write" });
    assert.ok(!r.requests.some((q) => q === "POST /workflows"));
  });

  it("moves a principal down a level without losing it", async () => {
    await run(
      "up",
      etl({ shares: { read: { users: [101], groups: [8] }, write: { users: [102] } }, projectIds: [42, 43] }),
    );
    assert.deepEqual(acl().users, { 1: "manage", 101: "read", 102: "write" });
  });

  it("adds and removes principals and projects", async () => {
    const r = await run(
      "up",
      etl({ shares: { read: { users: [101, 103], groups: [9] }, write: { users: [102] } }, projectIds: [43, 44] }),
    );
    assert.deepEqual(acl(), {
      users: { 1: "manage", 101: "read", 102: "write", 103: "read" },
      groups: { 9: "read" },
      projects: [43, 44],
    });
    assert.ok(r.requests.includes(`DELETE /workflows/${id}/shares/groups/8`));
    assert.ok(r.requests.includes(`DELETE /workflows/${id}/projects/42`));
  });

  it("an out-of-band revoke and project removal show on refresh and up restores them", async () => {
    const args = etl({
      shares: { read: { users: [101, 103], groups: [9] }, write: { users: [102] } },
      projectIds: [43, 44],
    });
    await fetch(`${stack.emulator.url}/_emulator/workflows/${id}/shares/users/103`, { method: "DELETE" });
    await fetch(`${stack.emulator.url}/_emulator/workflows/${id}/shares/users/102`, {
      method: "PUT",
      body: JSON.stringify({ permissionLevel: "read" }),
    });
    await fetch(`${stack.emulator.url}/_emulator/workflows/${id}/projects/44`, { method: "DELETE" });
    const refresh = await run("refresh", args);
    assert.ok((refresh.changes!.update ?? 0) >= 2, JSON.stringify(refresh.changes));
    assert.equal(refresh.changes!.delete, 1, "the project link dropped");
    const r = await run("up", args);
    assert.ok(r.requests.includes(`PUT /workflows/${id}/projects/44`));
    assert.deepEqual(acl(), {
      users: { 1: "manage", 101: "read", 102: "write", 103: "read" },
      groups: { 9: "read" },
      projects: [43, 44],
    });
    await run("preview", args, { expectNoChanges: true });
  });

  it("a share naming the owner grants nothing to it, keeps it on refresh, and never revokes it", async () => {
    const args = {
      ...etl({ shares: { read: { users: [101, 103], groups: [9] }, write: { users: [102] } }, projectIds: [43, 44] }),
      shares: { "owner-too": { of: "etl", userIds: [1, 2], permissionLevel: "read" } },
    };
    const r = await run("up", args);
    assert.deepEqual((r.outputs!["owner-too"] as { ownerIds: number[] }).ownerIds, [1]);
    assert.equal(acl().users[1], "manage");
    await run("refresh", args);
    await run("preview", args, { expectNoChanges: true });
    const removed = await run("up", { ...args, shares: {} });
    assert.ok(!removed.requests.includes(`DELETE /workflows/${id}/shares/users/1`), "the owner is never revoked");
    assert.ok(removed.requests.includes(`DELETE /workflows/${id}/shares/users/2`));
    assert.match(removed.log, /user 1 owns workflow \d+; an owner's access is never revoked/);
    assert.equal(acl().users[1], "manage");
  });

  it("refresh: one request per resource; the workflow's GET is shared with its shares and links", async () => {
    const r = await run(
      "refresh",
      etl({ shares: { read: { users: [101, 103], groups: [9] }, write: { users: [102] } }, projectIds: [43, 44] }),
    );
    assert.deepEqual(r.requests.sort(), [
      `GET /workflows/${id}`,
      `GET /workflows/${id}/projects`,
      `GET /workflows/${id}/projects`,
      `GET /workflows/${id}/shares`,
      `GET /workflows/${id}/shares`,
    ]);
  });

  it(
    "a workflow archived out of band: refresh drops it with its shares and links; " + "up makes a new one with them",
    async () => {
      const args = etl({
        shares: { read: { users: [101, 103], groups: [9] }, write: { users: [102] } },
        projectIds: [43, 44],
      });
      const old = id;
      const granted = {
        users: { 1: "manage", 101: "read", 102: "write", 103: "read" },
        groups: { 9: "read" },
        projects: [43, 44],
      };
      assert.deepEqual(acl(), granted);
      await fetch(`${stack.emulator.url}/_emulator/workflows/${old}`, {
        method: "PATCH",
        body: JSON.stringify({ archived: true }),
      });
      const refresh = await run("refresh", args);
      assert.equal(refresh.changes!.delete, 5, "the workflow, its two shares and two project links drop from state");
      const r = await run("up", args);
      assert.ok(
        r.requests.every((q) => !q.startsWith(`DELETE /workflows/${old}/`)),
        "nothing is revoked on the archived one",
      );
      id = (r.outputs!.etl as { workflowId: number }).workflowId;
      assert.notEqual(id, old);
      assert.deepEqual(acl(), granted);
      await run("preview", args, { expectNoChanges: true });
    },
  );

  it("a principal at two levels fails at preview, before any API call", async () => {
    const r = await stack.run("preview", {
      env: {
        PULUMI_CIVIS_TEST_ARGS: JSON.stringify(etl({ shares: { read: { users: [101] }, write: { users: [101] } } })),
      },
    });
    assert.equal(r.ok, false);
    assert.match(r.log, /user 101 is listed under shares\.read and shares\.write; give each principal one level/);
    assert.deepEqual(r.requests, []);
  });

  it("destroy leaves the workflow's ACL as it was before the stack, owner intact", async () => {
    const r = await run("destroy", {});
    assert.ok(!r.requests.some((q) => q === `DELETE /workflows/${id}/shares/users/1`));
    assert.deepEqual(acl(), { users: { 1: "manage" }, groups: {}, projects: [] });
    assert.equal(stack.emulator.context.store.state.workflows.find((w) => w.id === id)!.archived, true);
  });
});
