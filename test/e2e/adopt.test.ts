// Taking over a workflow a team already has, through the real engine: the preview says what it
// takes over and what changes; `up` writes only the fields that differ; nothing is duplicated.
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { REPO } from "../../scripts/engine";
import { call } from "../support/emulator";
import { TestStack } from "../support/stack";

const PROGRAM_DIR = path.join(REPO, "test", "e2e", "programs", "managed");
const PROGRAM = path.join(REPO, "dist", "test", "e2e", "programs", "managed", "index.js");
const DEF = 'version: "2.0"\nlegacy:\n  tasks:\n    a: {action: std.noop}\n';

describe("adoptWorkflowId on a ManagedWorkflow", () => {
  let stack: TestStack;
  let id: number;
  const args = (extra: object = {}) => ({
    PULUMI_CIVIS_TEST_ARGS: JSON.stringify({
      managed: {
        legacy: {
          name: "Legacy export",
          definition: DEF,
          schedule: { scheduled: true, scheduledHours: [5] },
          shares: { read: { users: [101] } },
          projectIds: [42],
          ...extra,
        },
      },
    }),
  });
  before(async () => {
    stack = await TestStack.create({ name: "adopt", workDir: PROGRAM_DIR, program: PROGRAM });
    // Made in the web app: hour 4, shared with 101, in project 42.
    id = (
      await call(stack.emulator, "POST", "/workflows/", {
        name: "Legacy export",
        definition: DEF,
        schedule: { scheduled: true, scheduledHours: [4] },
      })
    ).body.id;
    await call(stack.emulator, "PUT", `/workflows/${id}/shares/users`, { userIds: [101], permissionLevel: "read" });
    await call(stack.emulator, "PUT", `/workflows/${id}/projects/42`);
  });
  after(async () => stack?.close());

  it("preview says it takes the workflow over and what will change, and writes nothing", async () => {
    const r = await stack.ok("preview", { env: args({ adoptWorkflowId: id }) });
    assert.match(
      r.log,
      new RegExp(
        `takes over workflow ${id} \\("Legacy export"\\); it will change schedule\\.scheduledHours: \\[4\\] => \\[5\\]`,
      ),
    );
    assert.deepEqual(
      r.requests.filter((q) => !q.startsWith("GET ")),
      [],
    );
  });

  it("up sends no POST and no share or link write: one PATCH of the schedule", async () => {
    const r = await stack.ok("up", { env: args({ adoptWorkflowId: id }) });
    assert.equal((r.outputs!.legacy as { workflowId: number }).workflowId, id);
    assert.deepEqual(
      r.requests.filter((q) => !q.startsWith("GET ")),
      [`PATCH /workflows/${id}`],
    );
    const live = stack.emulator.context.store.state.workflows.filter((w) => !w.archived);
    assert.deepEqual(
      live.map((w) => [w.id, w.schedule.scheduledHours]),
      [[id, [5]]],
      "one workflow, at the program's hour",
    );
  });

  it("afterwards adoptWorkflowId is history: removing it is no change, and nothing is sent", async () => {
    const r = await stack.ok("preview", { env: args(), options: { expectNoChanges: true } });
    assert.deepEqual(r.changes, { same: 5 });
    await stack.ok("refresh", { env: args(), options: { expectNoChanges: true } });
  });

  it("destroy archives it like any other", async () => {
    await stack.ok("destroy");
    assert.equal(stack.emulator.context.store.state.workflows.find((w) => w.id === id)!.archived, true);
  });
});
