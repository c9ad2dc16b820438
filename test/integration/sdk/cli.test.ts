// The generator's command line against the emulator: its usage errors, Ctrl-C while it reads
// leaves no file behind, and Ctrl-C while it writes says which files it wrote.
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { execFile, execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { resourceName } from "../../../sdk/generate";
import { call, DEFAULT_API_KEY, pushCommit, withEmulator, type Emulator } from "../../support/emulator";

const DEF = 'version: "2.0"\nk:\n  tasks:\n    a: {action: std.noop}\n';

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
    await assert.rejects(
      promisify(execFile)(process.execPath, [CLI, "import", "--ids", "x"], { env: env() }),
      (e: { code: number; stderr: string }) =>
        e.code === 2 &&
        /--ids takes workflow ids separated by commas/.test(e.stderr) &&
        /usage: pulumi-civis import/.test(e.stderr),
    );
  });

  it("--access takes additive or exclusive, and exclusive writes exclusiveAccess on every workflow", async () => {
    await assert.rejects(
      promisify(execFile)(process.execPath, [CLI, "import", "--access", "all"], { env: env() }),
      (e: { code: number; stderr: string }) =>
        e.code === 2 && /--access takes additive .* or exclusive .*, got "all"/.test(e.stderr),
    );
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-civis-cli-"));
    try {
      await promisify(execFile)(
        process.execPath,
        [CLI, "import", "--name-contains", "W 1", "--access", "exclusive", "--out", out],
        { env: env() },
      );
      const program = fs.readFileSync(path.join(out, "index.ts"), "utf8");
      assert.equal(program.match(/new civis\.ManagedWorkflow\(/g)?.length, 3, "W 1, W 10, W 11");
      assert.equal(program.match(/^ {2}exclusiveAccess: true,$/gm)?.length, 3);
      await promisify(execFile)(process.execPath, [CLI, "import", "--name-contains", "W 1", "--out", out], {
        env: env(),
      });
      assert.doesNotMatch(
        fs.readFileSync(path.join(out, "index.ts"), "utf8"),
        /exclusiveAccess/,
        "additive by default",
      );
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  it("--native writes the bulk file of pulumi import: each workflow, its shares by level, its links", async () => {
    const made = await call(emu, "POST", "/workflows/", { name: "Native bulk" });
    const id = (made.body as { id: number }).id;
    await call(emu, "PUT", `/workflows/${id}/shares/users`, { userIds: [101], permissionLevel: "read" });
    await call(emu, "PUT", `/workflows/${id}/shares/groups`, { groupIds: [8], permissionLevel: "write" });
    await call(emu, "PUT", `/workflows/${id}/projects/42`, {});
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-civis-cli-"));
    try {
      const run = (...extra: string[]) =>
        promisify(execFile)(process.execPath, [CLI, "import", "--name-contains", "Native bulk", "--native", ...extra], {
          env: env(),
        });
      const r = await run("--out", out);
      assert.match(r.stdout, /pulumi import --file .*import\.json --out <program file>/);
      assert.ok(!fs.existsSync(path.join(out, "index.ts")), "no TypeScript program");
      const name = `native-bulk-${id}`;
      assert.deepEqual(JSON.parse(fs.readFileSync(path.join(out, "import.json"), "utf8")), {
        resources: [
          { type: "civis:index:Workflow", name, id: String(id) },
          { type: "civis:index:WorkflowShare", name: `${name}-read`, id: `${id}/read` },
          { type: "civis:index:WorkflowShare", name: `${name}-write`, id: `${id}/write` },
          { type: "civis:index:WorkflowProject", name: `${name}-project-42`, id: `${id}/42` },
        ],
      });
      await run("--access", "exclusive", "--out", out);
      const exclusive = JSON.parse(fs.readFileSync(path.join(out, "import.json"), "utf8")) as {
        resources: Array<{ type: string; id: string }>;
      };
      assert.deepEqual(
        exclusive.resources.map((e) => `${e.type} ${e.id}`),
        [
          `civis:index:Workflow ${id}`,
          `civis:index:WorkflowAccess ${id}/access`,
          `civis:index:WorkflowProject ${id}/42`,
        ],
      );
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  it("graph prints a definition's task graph as a Mermaid flowchart; a file that is none says so", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-civis-graph-"));
    try {
      const file = path.join(dir, "nightly.yaml");
      fs.writeFileSync(
        file,
        'version: "2.0"\nn:\n  tasks:\n    a: {action: std.noop, on-success: [b]}\n    b: {action: std.noop}\n',
      );
      const r = await promisify(execFile)(process.execPath, [CLI, "graph", file]);
      assert.match(
        r.stdout,
        /^flowchart TD\n {2}t0\["a<br\/><small>std\.noop<\/small>"\]\n[\s\S]* {2}t0 -->\|on-success\| t1\n/,
      );
      fs.writeFileSync(file, "just: text\n");
      await assert.rejects(
        promisify(execFile)(process.execPath, [CLI, "graph", file]),
        (e: { code: number; stderr: string }) => e.code === 1 && /is not a workflow definition/.test(e.stderr),
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a workflow kept in git is written as its git file, with no copy of its YAML", async () => {
    const repoUrl = "https://git.example.com/data/kept.git";
    await pushCommit(emu, { repoUrl, branch: "prod", files: { "k.yml": DEF }, message: "Add k" });
    const made = await call(emu, "POST", "/workflows/", { name: "Git kept" });
    const id = (made.body as { id: number }).id;
    await call(emu, "PUT", `/workflows/${id}/git`, { gitRepoUrl: repoUrl, gitPath: "k.yml", gitBranch: "prod" });
    await call(emu, "POST", `/workflows/${id}/git/checkout-latest`);
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-civis-cli-"));
    try {
      await promisify(execFile)(process.execPath, [CLI, "import", "--name-contains", "Git kept", "--out", out], {
        env: env(),
      });
      const program = fs.readFileSync(path.join(out, "index.ts"), "utf8");
      assert.match(
        program,
        /^ {2}git: \{ repoUrl: "https:\/\/git\.example\.com\/data\/kept\.git", path: "k\.yml", branch: "prod" \},$/m,
      );
      assert.doesNotMatch(program, /definition: definition\(/);
      assert.equal(fs.existsSync(path.join(out, "definitions")), false);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  it("Ctrl-C while reading leaves no file behind", { timeout: 60_000 }, async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-civis-cli-"));
    emu.context.options.latencyMs = 150; // slow enough to interrupt mid-read
    try {
      const child = spawn(process.execPath, [CLI, "import", "--out", out], { env: env() });
      let stderr = "";
      await new Promise<void>((resolve) =>
        child.stderr.on("data", (d) => {
          stderr += d;
          // Part way: a one-digit count of the (ten or more) workflows the tests above made.
          if (/reading workflows .* [1-9]\/\d\d/.test(stderr)) resolve();
        }),
      );
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

  // After the Ctrl-C test above: its two workflows would change the count that one waits for.
  // The child is held in the middle of writing its first file, deterministically: that file's
  // temporary file is a FIFO made here, and the definition is larger than a pipe holds, so the
  // child's write cannot end until this test reads, which it does only after the signal.
  it(
    "Ctrl-C while writing says which files were written, each whole, and leaves no index.ts",
    { skip: process.platform === "win32" && "needs mkfifo" },
    async () => {
      const bigDefinition =
        'version: "2.0"\nbig:\n  tasks:\n    a: {action: std.noop}\n' +
        "# padding past a pipe's 64 KiB\n".repeat(10_000);
      const big = (await call(emu, "POST", "/workflows/", { name: "Big", definition: bigDefinition })).body;
      const small = (await call(emu, "POST", "/workflows/", { name: "Small" })).body;
      const first = `definitions/${resourceName(big)}.yaml`;
      const out = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-civis-cli-"));
      fs.mkdirSync(path.join(out, "definitions"));
      emu.context.options.latencyMs = 150; // the child reads for a while: time to lay the FIFO first
      try {
        const child = spawn(process.execPath, [CLI, "import", "--ids", `${big.id},${small.id}`, "--out", out], {
          env: env(),
        });
        let stderr = "";
        child.stderr.on("data", (d) => (stderr += d));
        const closed = new Promise<number | null>((resolve) => child.on("close", resolve));
        const fifo = path.join(out, `${first}.${child.pid}.tmp`);
        execFileSync("mkfifo", [fifo]);
        // Opening to read returns once the child has opened it to write, its first file begun.
        const opening = fs.promises.open(fifo, "r");
        if ((await Promise.race([opening, closed.then(() => "closed" as const)])) === "closed") {
          fs.closeSync(fs.openSync(fifo, "r+")); // releases our pending open
          await (await opening).close();
          assert.fail(`the child ended before writing: ${stderr}`);
        }
        child.kill("SIGINT");
        const reader = await opening;
        const through = await reader.readFile("utf8");
        await reader.close();
        assert.equal(await closed, 130, stderr);
        assert.equal(through, bigDefinition, "the file being written when the signal came was finished whole");
        assert.match(
          stderr,
          new RegExp(
            `interrupted while writing; wrote 1 of 5 files in .*, each whole: ${first}; run the command again`,
          ),
        );
        assert.doesNotMatch(stderr, /no file was written/);
        assert.deepEqual(filesUnder(out), [first], "no index.ts, no other file, no temporary file");
      } finally {
        emu.context.options.latencyMs = 0;
        fs.rmSync(out, { recursive: true, force: true });
      }
    },
  );

  // After the Ctrl-C tests: its workflow would change the count the first one waits for.
  it("--owner keep writes each workflow's owner as ownerId; without it no owner is written", async () => {
    await assert.rejects(
      promisify(execFile)(process.execPath, [CLI, "import", "--owner", "team"], { env: env() }),
      (e: { code: number; stderr: string }) => e.code === 2 && /--owner takes keep .*, got "team"/.test(e.stderr),
    );
    const made = (await call(emu, "POST", "/workflows/", { name: "Owned by Di" })).body as { id: number };
    await call(emu, "PUT", `/workflows/${made.id}/transfer`, { userId: 103, includeDependencies: false });
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-civis-cli-"));
    try {
      const run = (...flags: string[]) =>
        promisify(execFile)(process.execPath, [CLI, "import", "--ids", String(made.id), ...flags, "--out", out], {
          env: env(),
        });
      await run("--owner", "keep");
      assert.match(fs.readFileSync(path.join(out, "index.ts"), "utf8"), /^ {2}ownerId: 103,$/m);
      await run();
      assert.doesNotMatch(fs.readFileSync(path.join(out, "index.ts"), "utf8"), /ownerId/);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});

/** Paths of everything but folders under `dir`, relative to it, with "/" between parts. */
function filesUnder(dir: string, prefix = ""): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((d) =>
      d.isDirectory() ? filesUnder(path.join(dir, d.name), `${prefix}${d.name}/`) : [`${prefix}${d.name}`],
    );
}
