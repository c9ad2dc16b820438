// A Workflow's owner (ownerId) through the real engine: the preview says from whom to whom, up
// transfers, a no-op preview reads nothing, an owner changed in the web app is drift that up
// puts back, and the API user keeps manage throughout.
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { REPO } from "../../scripts/engine";
import { call } from "../support/emulator";
import { TestStack } from "../support/stack";

const PROGRAM_DIR = path.join(REPO, "test", "e2e", "programs", "workflow");
const PROGRAM = path.join(REPO, "dist", "test", "e2e", "programs", "workflow", "index.js");
const env = (ownerId: number) => ({
  PULUMI_CIVIS_TEST_ARGS: JSON.stringify({ workflows: { team: { name: "Team report", ownerId } } }),
});

describe("ownerId: a workflow that belongs to a team account", () => {
  let stack: TestStack;
  let id: number;
  before(async () => {
    stack = await TestStack.create({ name: "owner", workDir: PROGRAM_DIR, program: PROGRAM });
  });
  after(async () => stack?.close());
  const live = () => stack.emulator.context.store.state.workflows.find((w) => w.id === id)!;

  it("preview says who gets it; up creates and transfers it, no e-mail, and the API user keeps manage", async () => {
    const preview = await stack.ok("preview", { env: env(103) });
    assert.match(
      preview.log,
      new RegExp(
        "ownerId: up transfers the workflow from the API user \\(user 1\\), who creates it, to user 103; " +
          "the API user \\(user 1\\) keeps manage",
      ),
    );
    const up = await stack.ok("up", { env: env(103) });
    id = (up.outputs!.team as { workflowId: number }).workflowId;
    assert.deepEqual(up.requests, [
      "GET /users/me",
      "POST /workflows",
      `PUT /workflows/${id}/transfer`,
      `GET /workflows/${id}/shares`,
    ]);
    assert.equal((up.entries[2].body as { sendEmail: boolean }).sendEmail, false);
    assert.deepEqual([live().authorId, live().userShares["1"]], [103, "manage"]);
    const again = await stack.ok("preview", { env: env(103), options: { expectNoChanges: true } });
    assert.deepEqual(again.requests, []);
  });

  it("an owner changed in the web app shows on refresh as live => program, and up transfers it back", async () => {
    await call(stack.emulator, "PUT", `/workflows/${id}/transfer`, { userId: 101, includeDependencies: false });
    await stack.ok("refresh", { env: env(103) });
    const preview = await stack.ok("preview", { env: env(103), options: { diff: true } });
    assert.match(preview.log, /ownerId\s*: 101 => 103/);
    assert.match(preview.log, /up transfers the workflow from user 101 to user 103/);
    const up = await stack.ok("up", { env: env(103) });
    assert.ok(up.requests.includes(`PUT /workflows/${id}/transfer`));
    assert.ok(!up.requests.some((r) => r.startsWith("PATCH")), "nothing else changed: no PATCH");
    assert.equal(live().authorId, 103);
  });

  it("a new owner in the program is an update in place; destroy archives", async () => {
    const preview = await stack.ok("preview", { env: env(102), options: { diff: true } });
    assert.deepEqual(preview.changes, { same: 1, update: 1 });
    await stack.ok("up", { env: env(102) });
    assert.deepEqual([live().id, live().authorId], [id, 102]);
    await stack.ok("destroy", { env: env(102) });
    assert.equal(live().archived, true);
  });
});
