// The README's quickstart, as `npm run quickstart` runs it after building: twice, and the
// second run changes nothing.
import { after, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { REPO } from "../../scripts/engine";
import { scratchDir } from "../support/stack";

const run = promisify(execFile);

describe("the quickstart", () => {
  const dir = scratchDir("quickstart");
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const env = { ...process.env, PULUMI_CIVIS_QUICKSTART_DIR: dir, CIVIS_API_KEY: "", CIVIS_API_ENDPOINT: "" };
  delete (env as Record<string, string | undefined>).CIVIS_API_KEY;

  it("creates the workflow against the emulator and prints its id; a second run changes nothing", async () => {
    const first = await run(process.execPath, [path.join(REPO, "dist", "scripts", "quickstart.js")], { cwd: REPO, env });
    assert.match(first.stdout, /using the local Civis API emulator/);
    assert.match(first.stdout, /Changes: \{"create":\d+\}/);
    assert.match(first.stdout, /workflowId: \d+/);
    const second = await run(process.execPath, [path.join(REPO, "dist", "scripts", "quickstart.js")], { cwd: REPO, env });
    assert.match(second.stdout, /Changes: \{"same":\d+\}/);
    assert.equal(/workflowId: (\d+)/.exec(second.stdout)![1], /workflowId: (\d+)/.exec(first.stdout)![1]);
    const state = JSON.parse(fs.readFileSync(path.join(dir, "emulator.json"), "utf8"));
    assert.equal(state.workflows.length, 1, "one workflow, not a duplicate");
  });
});
