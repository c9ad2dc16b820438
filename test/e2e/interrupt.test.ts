// Interruption: `pulumi up` is SIGKILLed while creating 20 workflows. The recovery the README
// documents ends with exactly 20 live workflows, none lost, none duplicated.
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO } from "../../scripts/engine";
import { TestStack } from "../support/stack";

const PROGRAM_DIR = path.join(REPO, "test", "e2e", "programs", "workflow");
const PROGRAM = path.join(REPO, "dist", "test", "e2e", "programs", "workflow", "index.js");
const workflows = Object.fromEntries(
  Array.from({ length: 20 }, (_, i) => [
    `wf-${i}`,
    {
      name: `Interrupted ${i}`,
      definition: `version: "2.0"\nwf${i}:\n  tasks:\n    a: {action: std.noop}\n`,
    },
  ]),
);
const env = { PULUMI_CIVIS_TEST_ARGS: JSON.stringify({ workflows }) };

describe("interrupted up", () => {
  let stack: TestStack;
  before(async () => {
    stack = await TestStack.create({ name: "interrupt", workDir: PROGRAM_DIR, program: PROGRAM });
  });
  after(async () => stack?.close());
  const live = () => stack.emulator.context.store.state.workflows.filter((w) => !w.archived);

  it("SIGKILL in the middle, then cancel, refresh --clear-pending-creates, up with adoption: exactly 20", async () => {
    stack.emulator.context.options.latencyMs = 300; // slow enough to be caught in the middle
    const created = () => stack.emulator.log.entries().filter((e) => e.method === "POST" && e.status === 201).length;
    const killed = await stack.run("up", {
      env,
      onStart: (child) => {
        const timer = setInterval(() => {
          if (created() >= 5) {
            clearInterval(timer);
            process.kill(-child.pid!, "SIGKILL");
          }
        }, 20);
        child.once("close", () => clearInterval(timer));
      },
    });
    assert.equal(killed.ok, false, "the up was killed");
    killOrphanedProviders(stack.dir);
    await stack.emulator.idle(); // requests already sent have landed
    const before = live().length;
    assert.ok(before >= 5 && before < 20, `${before} workflows existed when up was killed`);
    stack.emulator.context.options.latencyMs = 0;

    // The documented recovery (README: "When an up is interrupted").
    // Whether the kill tore the metadata file is luck; tear it here so step 1 always runs and is proven.
    const stacks = path.join(stack.dir, "backend", ".pulumi", "stacks");
    const attrs = path.join(stacks, fs.readdirSync(stacks)[0], "test.json.attrs");
    assert.ok(fs.existsSync(attrs), `the file backend keeps ${attrs}`);
    fs.writeFileSync(attrs, "");
    repairTornCheckpointMetadata(path.join(stack.dir, "backend"));
    assert.ok(!fs.existsSync(attrs), "the torn metadata file is removed");
    await stack.ok("cancel");
    await stack.ok("refresh", { env, options: { clearPendingCreates: true } });
    const recovered = await stack.ok("up", { env: { ...env, CIVIS_ADOPT_EXISTING: "true" } });

    assert.equal(live().length, 20, "exactly 20 live workflows");
    assert.equal(new Set(live().map((w) => w.name)).size, 20, "one of each");
    assert.equal(stack.resources("pulumi-nodejs:dynamic/civis:Workflow").length, 20);
    const posts = recovered.requests.filter((q) => q === "POST /workflows").length;
    assert.ok(posts <= 20 - before, `the recovery created only what was missing (${posts} POSTs, ${before} existed)`);
    await stack.ok("preview", { env, options: { expectNoChanges: true } });
  });
});

/**
 * A SIGKILL can land while the file backend writes `<stack>.json.attrs`, the metadata file it
 * writes (not atomically) before it renames the new checkpoint into place; an empty one makes
 * every later command fail with "failed to load checkpoint: EOF", and a missing one is read as
 * no metadata. Step 1 of the README's recovery: remove it when it is torn.
 */
function repairTornCheckpointMetadata(backend: string): void {
  const stacks = path.join(backend, ".pulumi", "stacks");
  for (const project of fs.readdirSync(stacks)) {
    for (const file of fs.readdirSync(path.join(stacks, project)).filter((f) => f.endsWith(".json.attrs"))) {
      const attrs = path.join(stacks, project, file);
      try {
        JSON.parse(fs.readFileSync(attrs, "utf8"));
      } catch {
        fs.rmSync(attrs);
      }
    }
  }
}

/** The engine's provider plugins run in their own process groups and outlive a killed engine. */
function killOrphanedProviders(dir: string): void {
  for (const pid of fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      const cwd = fs.readlinkSync(`/proc/${pid}/cwd`);
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
      if (cwd.startsWith(dir) && /dynamic-provider|pulumi-resource-pulumi-nodejs/.test(cmd))
        process.kill(Number(pid), "SIGKILL");
    } catch {
      // gone already, or not ours
    }
  }
}
