// Every stack in examples/ runs as users run it (its own Pulumi.yaml, package.json and TypeScript
// program, through the language host): up, a clean preview, destroy; and the emulator is left as
// it was. The quickstart (root Pulumi.yaml) has its own test.
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { REPO } from "../../scripts/engine";
import { pushCommit, type Emulator } from "../support/emulator";
import { TestStack } from "../support/stack";

const EXAMPLES = ["workflow", "workflow-share", "workflow-project", "workflow-access", "git-backed", "run-on-deploy"];

/** What an example needs in Civis before its `up`, as its comment tells a user to make it. */
const SETUP: Record<string, (emulator: Emulator) => Promise<unknown>> = {
  "git-backed": (emulator) =>
    pushCommit(emulator, {
      repoUrl: "https://git.example.com/data/pipelines.git",
      files: { "workflows/nightly.yml": 'version: "2.0"\nnightly:\n  tasks:\n    a: {action: std.noop}\n' },
      message: "Add nightly",
    }),
};

describe("examples", () => {
  for (const name of EXAMPLES) {
    it(`${name}: up, a clean preview, destroy`, async () => {
      const stack = await TestStack.create({
        name: `ex-${name}`,
        workDir: path.join(REPO, "examples", name),
        fallback: path.join(REPO, "dist", "examples", name, "index.js"),
      });
      try {
        await SETUP[name]?.(stack.emulator);
        const up = await stack.ok("up");
        const id = up.outputs!.workflowId as number;
        const w = () => stack.emulator.context.store.state.workflows.find((x) => x.id === id)!;
        assert.ok(id > 0);
        assert.equal(w().archived, false);
        assert.equal(w().valid, name === "workflow-project" ? false : true, "a workflow with a definition is valid");
        assert.doesNotMatch(up.log, /warning/, "no warning from the engine or the provider");
        if (name === "git-backed") assert.match(String(up.outputs!.definition), /nightly:/, "the file it checked out");
        if (name === "run-on-deploy") {
          const run = stack.emulator.context.store.state.executions.find((e) => e.id === up.outputs!.lastRun);
          assert.deepEqual([run?.workflowId, up.outputs!.lastRunState], [id, "succeeded"], "one run, waited for");
        }
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
