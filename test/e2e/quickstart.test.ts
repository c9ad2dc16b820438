// The README's quickstart, as `npm run quickstart` runs it after building: `pulumi up` on the root
// Pulumi.yaml (a TypeScript program that Pulumi compiles itself), twice; the second run changes
// nothing.
import { after, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { hasLanguageHost, REPO } from "../../scripts/engine";
import { scratchDir } from "../support/stack";

const run = promisify(execFile);

describe("the quickstart", () => {
  const dir = scratchDir("quickstart");
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const env: Record<string, string | undefined> = { ...process.env, PULUMI_CIVIS_QUICKSTART_DIR: dir };
  delete env.CIVIS_API_KEY;
  delete env.CIVIS_API_ENDPOINT;
  const quickstart = () =>
    run(process.execPath, [path.join(REPO, "dist", "scripts", "quickstart.js")], { cwd: REPO, env });

  it("creates the workflow against the emulator and prints its id; a second run changes nothing", async () => {
    const first = await quickstart();
    assert.match(first.stdout, /using the local Civis API emulator/);
    assert.match(first.stdout, /Resources:\s+\+ 5 created/);
    assert.match(first.stdout, /workflowId\s+\d+/);
    if (hasLanguageHost()) {
      assert.match(first.stdout, /Stack outputs \(pulumi stack output\)/, "the CLI itself ran the program");
      assert.doesNotMatch(first.stdout + first.stderr, /from \$PATH/, "the plugin sits beside the CLI: no warning");
    }
    const second = await quickstart();
    assert.match(second.stdout, /Resources:\s+5 unchanged/);
    assert.doesNotMatch(second.stdout, /created|updated|deleted/);
    assert.equal(/workflowId\s+(\d+)/.exec(second.stdout)![1], /workflowId\s+(\d+)/.exec(first.stdout)![1]);
    const state = JSON.parse(fs.readFileSync(path.join(dir, "emulator.json"), "utf8"));
    assert.equal(state.workflows.length, 1, "one workflow, not a duplicate");
  });
});
