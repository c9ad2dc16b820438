// The Workflow resource through the real Pulumi engine, against the emulator.
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { REPO } from "../../scripts/engine";
import { TestStack } from "../support/stack";

const PROGRAM_DIR = path.join(REPO, "test", "e2e", "programs", "workflow");
const PROGRAM = path.join(REPO, "dist", "test", "e2e", "programs", "workflow", "index.js");
const args = (workflows: Record<string, unknown>) => ({ PULUMI_CIVIS_TEST_ARGS: JSON.stringify({ workflows }) });

describe("Workflow with just a name: up, preview, destroy", () => {
  let stack: TestStack;
  before(async () => {
    stack = await TestStack.create({ name: "wf-name", workDir: PROGRAM_DIR, program: PROGRAM });
  });
  after(async () => stack?.close());

  let workflowId: number;

  it("up creates the workflow with one POST", async () => {
    const r = await stack.ok("up", { env: args({ minimal: { name: "Minimal workflow" } }) });
    assert.deepEqual(r.changes, { create: 2 }); // the stack and the workflow
    assert.deepEqual(r.requests, ["GET /users/me", "POST /workflows"]);
    const out = r.outputs!.minimal as { id: string; workflowId: number; name: string; valid: boolean };
    workflowId = out.workflowId;
    assert.equal(out.id, String(workflowId));
    assert.equal(out.name, "Minimal workflow");
    assert.equal(out.valid, false, "Civis reports a workflow without a definition as not runnable");
    const live = stack.emulator.context.store.state.workflows.filter((w) => !w.archived);
    assert.deepEqual(
      live.map((w) => [w.id, w.name]),
      [[workflowId, "Minimal workflow"]],
    );
    assert.deepEqual(r.entries[1].body, { name: "Minimal workflow" }, "only what the program sets is sent");
  });

  it("state holds a small serialized provider and no API key", () => {
    const [wf] = stack.resources("pulumi-nodejs:dynamic/civis:Workflow");
    assert.equal(wf.id, String(workflowId));
    const provider = wf.inputs.__provider;
    assert.equal(
      provider,
      `exports.handler = () => require(${JSON.stringify(path.join(REPO, "dist", "provider", "runtime.js"))})` +
        ".Workflow;\n",
      "the repo's own build is required by path, and nothing else",
    );
    assert.ok(!stack.exportState(true).includes("emulator-api-key"), "the API key is not in state");
  });

  it("preview after up shows no changes and calls no API", async () => {
    const r = await stack.ok("preview", {
      env: args({ minimal: { name: "Minimal workflow" } }),
      options: { expectNoChanges: true },
    });
    assert.deepEqual(r.changes, { same: 2 });
    assert.deepEqual(r.requests, []);
  });

  it("a second up is a no-op", async () => {
    const r = await stack.ok("up", { env: args({ minimal: { name: "Minimal workflow" } }) });
    assert.deepEqual(r.changes, { same: 2 });
    assert.deepEqual(r.requests, []);
  });

  it("refresh reads the workflow with one GET and finds nothing changed", async () => {
    const r = await stack.ok("refresh", { env: args({ minimal: { name: "Minimal workflow" } }) });
    assert.deepEqual(r.requests, [`GET /workflows/${workflowId}`]);
    assert.deepEqual(r.changes, { same: 2 });
  });

  it("destroy archives the workflow (no DELETE) and leaves it readable as archived", async () => {
    const r = await stack.ok("destroy", { env: args({}) });
    assert.deepEqual(r.requests, [`PUT /workflows/${workflowId}/archive`]);
    assert.deepEqual(r.entries[0].body, { status: true });
    assert.ok(!r.requests.some((q) => q.startsWith("DELETE")));
    const w = stack.emulator.context.store.state.workflows.find((x) => x.id === workflowId)!;
    assert.equal(w.archived, true);
    assert.equal(stack.resources("pulumi-nodejs:dynamic/civis:Workflow").length, 0);
  });
});
