// The generator's command line against the emulator: its usage errors, and Ctrl-C while it reads
// leaves no file behind.
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { call, DEFAULT_API_KEY, withEmulator, type Emulator } from "../../support/emulator";

const CLI = path.join(__dirname, "..", "..", "..", "sdk", "cli.js");

describe("pulumi-civis import (command line)", () => {
  let emu: Emulator;
  before(async () => {
    emu = await withEmulator();
    for (let i = 0; i < 12; i++) await call(emu, "POST", "/workflows/", { name: `W ${i}` });
  });
  after(async () => emu?.close());
  const env = () => ({ ...process.env, CIVIS_API_KEY: DEFAULT_API_KEY, CIVIS_API_ENDPOINT: emu.url });

  it("says how to call it when the words are off", async () => {
    await assert.rejects(promisify(execFile)(process.execPath, [CLI, "import", "--ids", "x"], { env: env() }),
      (e: { code: number; stderr: string }) => e.code === 2 && /--ids takes workflow ids separated by commas/.test(e.stderr) && /usage: pulumi-civis import/.test(e.stderr));
  });

  it("--access takes additive or exclusive, and exclusive writes exclusiveAccess on every workflow", async () => {
    await assert.rejects(promisify(execFile)(process.execPath, [CLI, "import", "--access", "all"], { env: env() }),
      (e: { code: number; stderr: string }) => e.code === 2 && /--access takes additive .* or exclusive .*, got "all"/.test(e.stderr));
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-civis-cli-"));
    try {
      await promisify(execFile)(process.execPath, [CLI, "import", "--name-contains", "W 1", "--access", "exclusive", "--out", out], { env: env() });
      const program = fs.readFileSync(path.join(out, "index.ts"), "utf8");
      assert.equal(program.match(/new civis\.ManagedWorkflow\(/g)?.length, 3, "W 1, W 10, W 11");
      assert.equal(program.match(/^ {2}exclusiveAccess: true,$/gm)?.length, 3);
      await promisify(execFile)(process.execPath, [CLI, "import", "--name-contains", "W 1", "--out", out], { env: env() });
      assert.doesNotMatch(fs.readFileSync(path.join(out, "index.ts"), "utf8"), /exclusiveAccess/, "additive by default");
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  it("Ctrl-C while reading leaves no file behind", async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-civis-cli-"));
    emu.context.options.latencyMs = 150; // slow enough to interrupt mid-read
    try {
      const child = spawn(process.execPath, [CLI, "import", "--out", out], { env: env() });
      let stderr = "";
      await new Promise<void>((resolve) => child.stderr.on("data", (d) => {
        stderr += d;
        if (/reading workflows .* [1-9]\/12/.test(stderr)) resolve();
      }));
      child.kill("SIGINT");
      const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
      assert.equal(code, 130);
      assert.match(stderr, /interrupted; no file was written/);
      assert.deepEqual(fs.readdirSync(out), []);
    } finally {
      emu.context.options.latencyMs = 0;
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});
