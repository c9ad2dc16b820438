// A Workflow made as a clone (cloneFrom) through the real engine: the clone takes the program's
// values in the same up, a second preview reads nothing, a new source replaces it.
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { REPO } from "../../scripts/engine";
import { call } from "../support/emulator";
import { TestStack } from "../support/stack";

const PROGRAM_DIR = path.join(REPO, "test", "e2e", "programs", "workflow");
const PROGRAM = path.join(REPO, "dist", "test", "e2e", "programs", "workflow", "index.js");
const DEF = (task: string) => `version: "2.0"\ntemplate:\n  tasks:\n    ${task}: {action: std.noop}\n`;

describe("cloneFrom: a workflow started as a copy of another", () => {
  let stack: TestStack;
  let sources: number[];
  before(async () => {
    stack = await TestStack.create({ name: "clone", workDir: PROGRAM_DIR, program: PROGRAM });
    sources = [];
    for (const task of ["a", "b"]) {
      const made = await call(stack.emulator, "POST", "/workflows/", {
        name: `Template ${task}`,
        definition: DEF(task),
        schedule: { scheduled: true, scheduledHours: [3] },
      });
      sources.push((made.body as { id: number }).id);
    }
  });
  after(async () => stack?.close());
  const env = (source: number) => ({
    PULUMI_CIVIS_TEST_ARGS: JSON.stringify({
      workflows: { copy: { name: "Copy", cloneFrom: { workflowId: source, schedule: true } } },
    }),
  });
  const live = (id: number) => stack.emulator.context.store.state.workflows.find((w) => w.id === id)!;

  it("up clones the source and names the clone as the program does; a second preview reads nothing", async () => {
    const up = await stack.ok("up", { env: env(sources[0]) });
    const id = (up.outputs!.copy as { workflowId: number }).workflowId;
    assert.deepEqual(
      up.requests.filter((r) => r !== "GET /users/me"),
      [
        `GET /workflows/${sources[0]}`,
        `GET /workflows/${sources[0]}`,
        `POST /workflows/${sources[0]}/clone`,
        `PATCH /workflows/${id}`,
      ],
    );
    assert.deepEqual([live(id).name, live(id).definition, live(id).schedule.scheduledHours], ["Copy", DEF("a"), [3]]);
    const again = await stack.ok("preview", { env: env(sources[0]), options: { expectNoChanges: true } });
    assert.deepEqual(again.requests, []);
  });

  it("another source replaces the workflow: a new clone, the old one archived", async () => {
    const preview = await stack.ok("preview", { env: env(sources[1]) });
    assert.deepEqual(preview.changes, { same: 1, replace: 1 });
    const up = await stack.ok("up", { env: env(sources[1]) });
    const id = (up.outputs!.copy as { workflowId: number }).workflowId;
    assert.equal(live(id).definition, DEF("b"));
    const copies = stack.emulator.context.store.state.workflows.filter((w) => w.name === "Copy");
    assert.deepEqual(
      copies.map((w) => w.archived),
      [true, false],
    );
    await stack.ok("destroy", { env: env(sources[1]) });
    assert.equal(live(id).archived, true);
  });
});
