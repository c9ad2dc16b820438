// Every stack in examples/ runs: up, a clean preview, destroy; and the emulator is left as it was.
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { REPO } from "../../scripts/engine";
import { TestStack } from "../support/stack";

const EXAMPLES: Array<[string, string]> = [
  ["quickstart", REPO],
  ["workflow", path.join(REPO, "examples", "workflow")],
  ["workflow-share", path.join(REPO, "examples", "workflow-share")],
  ["workflow-project", path.join(REPO, "examples", "workflow-project")],
];

describe("examples", () => {
  for (const [name, workDir] of EXAMPLES) {
    it(`${name}: up, a clean preview, destroy`, async () => {
      const stack = await TestStack.create({ name: `ex-${name}`, workDir, program: path.join(REPO, "dist", "examples", name, "index.js") });
      try {
        const up = await stack.ok("up");
        const id = up.outputs!.workflowId as number;
        const w = () => stack.emulator.context.store.state.workflows.find((x) => x.id === id)!;
        assert.ok(id > 0);
        assert.equal(w().archived, false);
        assert.equal(w().valid, name === "workflow-project" ? false : true, "a workflow with a definition is valid");
        const preview = await stack.ok("preview", { options: { expectNoChanges: true } });
        assert.deepEqual(preview.requests, []);
        await stack.ok("destroy");
        assert.equal(w().archived, true);
        assert.deepEqual(w().userShares, { 1: "manage" });
        assert.deepEqual(w().groupShares, {});
        assert.deepEqual(w().projectIds, []);
      } finally {
        await stack.close();
      }
    });
  }
});
