// getWorkflow / getWorkflows (and their Output forms) from a program run by the engine: every
// field, shares by level, project ids, every page; the key in no output and not in state.
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { REPO } from "../../scripts/engine";
import { call, DEFAULT_API_KEY } from "../support/emulator";
import { TestStack } from "../support/stack";

describe("lookups from a program", () => {
  let stack: TestStack;
  let id: number;
  before(async () => {
    stack = await TestStack.create({
      name: "lookups",
      workDir: path.join(REPO, "test", "e2e", "programs", "lookups"),
      program: path.join(REPO, "dist", "test", "e2e", "programs", "lookups", "index.js"),
    });
    id = (
      await call(stack.emulator, "POST", "/workflows/", {
        name: "Looked up",
        schedule: { scheduled: true, scheduledHours: [6] },
      })
    ).body.id;
    await call(stack.emulator, "PUT", `/workflows/${id}/shares/users`, { userIds: [101], permissionLevel: "write" });
    await call(stack.emulator, "PUT", `/workflows/${id}/projects/42`);
    for (let i = 0; i < 52; i++) await call(stack.emulator, "POST", "/workflows/", { name: `Looked up ${i}` });
  });
  after(async () => stack?.close());

  it("reads one whole and many across pages, plain and as Outputs, and sends only GETs", async () => {
    const r = await stack.ok("up", {
      env: { PULUMI_CIVIS_TEST_ARGS: JSON.stringify({ id, nameContains: "looked up" }) },
    });
    const o = r.outputs!;
    assert.equal(o.name, "Looked up");
    assert.deepEqual(o.shares, {
      read: { users: [], groups: [] },
      write: { users: [101], groups: [] },
      manage: { users: [1], groups: [] },
    });
    assert.deepEqual(o.projectIds, [42]);
    assert.deepEqual((o.schedule as { scheduledHours: number[] }).scheduledHours, [6]);
    assert.equal(o.count, 53, "past the first page of 50");
    assert.equal(o.viaOutput, "Looked up");
    assert.equal(o.manyViaOutput, 53);
    assert.ok(
      r.requests.every((q) => q.startsWith("GET ")),
      r.requests.join(),
    );
    assert.doesNotMatch(stack.exportState(true), new RegExp(DEFAULT_API_KEY), "the key is in no output or state");
  });
});
