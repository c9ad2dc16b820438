// The generator on a team's existing workflows, then the program it writes through the real
// engine and language host: 120 workflows (more than two pages), 40 shared, 30 in projects, 5
// the API user may only read. The first `up` writes nothing and adopts 115; previews and
// refreshes then show no change; an edit to one definition file is one PATCH. With
// `--access exclusive`, the same for access lists, and a web-app addition is revoked.
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { REPO } from "../../scripts/engine";
import { makeExistingWorkflows, existingDefinition } from "../../scripts/existing-workflows";
import { call, DEFAULT_API_KEY, withEmulator, type Emulator } from "../support/emulator";
import { scratchDir, TestStack } from "../support/stack";

const run = promisify(execFile);

describe("pulumi-civis import, then pulumi up", () => {
  let emu: Emulator;
  let out: string;
  let stack: TestStack;
  let generated: { stdout: string; stderr: string; seconds: number; requests: number };

  before(async () => {
    const dir = scratchDir("import");
    emu = await withEmulator({ stateFile: path.join(dir, "made-in-the-web-app.json") });
    // Counted requests, not throttling, are the point here (test/e2e/load.test.ts runs the rate limit).
    emu.context.options.rateLimit = { limit: 100_000, windowMs: 300_000 };
    await makeExistingWorkflows(emu);
    out = path.join(dir, "generated");
    emu.log.clear();
    const started = Date.now();
    const cli = await run(process.execPath, [path.join(REPO, "dist", "sdk", "cli.js"), "import", "--out", out], {
      env: { ...process.env, CIVIS_API_KEY: DEFAULT_API_KEY, CIVIS_API_ENDPOINT: emu.url },
    });
    generated = { ...cli, seconds: (Date.now() - started) / 1000, requests: emu.log.entries().length };
    console.log(
      `generator: 120 workflows read in ${generated.seconds.toFixed(1)} s with ${generated.requests} requests`,
    );
    stack = await TestStack.create({ name: "imported", workDir: out, emulator: emu, fallback: transpiled(out) });
  });
  after(async () => stack?.close());

  it("writes a program that adopts the 115 it may manage and lists the 5 it may not", () => {
    assert.match(generated.stdout, /115 workflow\(s\) to adopt, 5 listed but not adopted/);
    assert.match(generated.stderr, /reading workflows \[#+\] 120\/120/);
    const program = fs.readFileSync(path.join(out, "index.ts"), "utf8");
    assert.equal(program.match(/new civis\.ManagedWorkflow\(/g)?.length, 115);
    assert.equal(program.match(/^\/\/ {3}\d+ "Colleague's \d"/gm)?.length, 5);
    assert.equal(fs.readdirSync(path.join(out, "definitions")).length, 115);
    assert.ok(fs.existsSync(path.join(out, "Pulumi.yaml")) && fs.existsSync(path.join(out, "package.json")));
    assert.equal(emu.log.entries().filter((e) => e.method !== "GET").length, 0, "the generator only reads");
  });

  it("up adopts 115 workflows and writes nothing; preview and refresh then show no change", async () => {
    const up = await stack.ok("up");
    assert.deepEqual(
      up.requests.filter((r) => !r.startsWith("GET ")),
      [],
      "no write request",
    );
    assert.equal(stack.resources("pulumi-nodejs:dynamic/civis:Workflow").length, 115);
    assert.equal(emu.context.store.state.workflows.length, 120, "nothing created");
    const preview = await stack.ok("preview", { options: { expectNoChanges: true } });
    assert.deepEqual(preview.requests, []);
    await stack.ok("refresh", { options: { expectNoChanges: true } });
  });

  it("an edit to one generated definition file updates exactly that workflow with one PATCH", async () => {
    const project = path.join(stack.dir, "project", "definitions");
    const file = fs.readdirSync(project).find((f) => f.startsWith("export-7-"))!;
    fs.writeFileSync(path.join(project, file), existingDefinition(7).replace("2007", "7007"));
    const up = await stack.ok("up");
    const writes = up.requests.filter((r) => !r.startsWith("GET "));
    assert.equal(writes.length, 1);
    assert.match(writes[0], /^PATCH \/workflows\/\d+$/);
    assert.deepEqual(up.changes, { same: up.changes!.same, update: 1 });
  });
});

describe("pulumi-civis import --access exclusive, then pulumi up", () => {
  let emu: Emulator;
  let stack: TestStack;
  let ids: number[];
  before(async () => {
    const dir = scratchDir("import-exclusive");
    emu = await withEmulator({ stateFile: path.join(dir, "made-in-the-web-app.json") });
    emu.context.options.rateLimit = { limit: 100_000, windowMs: 300_000 };
    await makeExistingWorkflows(emu);
    // Shared with users and a group at two levels, with one user, and with nobody.
    ids = ["Export 0", "Export 1", "Export 50"].map(
      (name) => emu.context.store.state.workflows.find((w) => w.name === name)!.id,
    );
    const out = path.join(dir, "generated");
    await run(
      process.execPath,
      [
        path.join(REPO, "dist", "sdk", "cli.js"),
        "import",
        "--ids",
        ids.join(","),
        "--access",
        "exclusive",
        "--out",
        out,
      ],
      {
        env: { ...process.env, CIVIS_API_KEY: DEFAULT_API_KEY, CIVIS_API_ENDPOINT: emu.url },
      },
    );
    stack = await TestStack.create({
      name: "imported-exclusive",
      workDir: out,
      emulator: emu,
      fallback: transpiled(out),
    });
  });
  after(async () => stack?.close());

  it("preview says, for each list it takes over, that it already matches; up adopts them writing nothing", async () => {
    const preview = await stack.ok("preview");
    for (const id of ids)
      assert.match(
        preview.log,
        new RegExp(`takes over the access list of workflow ${id}: it already matches the program`),
      );
    const up = await stack.ok("up");
    assert.deepEqual(
      up.requests.filter((r) => !r.startsWith("GET ")),
      [],
    );
    assert.equal(stack.resources("pulumi-nodejs:dynamic/civis:WorkflowAccess").length, 3);
    await stack.ok("preview", { options: { expectNoChanges: true } });
  });

  it("a user added in the web app shows on refresh, and up revokes exactly that user", async () => {
    await call(emu, "PUT", `/workflows/${ids[1]}/shares/users`, { userIds: [103], permissionLevel: "write" });
    const refresh = await stack.ok("refresh");
    assert.equal(refresh.changes!.update, 1);
    const up = await stack.ok("up");
    assert.deepEqual(
      up.requests.filter((r) => !r.startsWith("GET ")),
      [`DELETE /workflows/${ids[1]}/shares/users/103`],
    );
    const w = emu.context.store.state.workflows.find((x) => x.id === ids[1])!;
    assert.deepEqual([w.userShares, w.groupShares], [{ 1: "manage", 101: "read" }, { 8: "read" }]);
  });
});

/** The generated program compiled here, for machines with no language host (runs inline). */
function transpiled(dir: string): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only where no language host is found
  const ts = require("typescript") as typeof import("typescript");
  const js = ts.transpileModule(fs.readFileSync(path.join(dir, "index.ts"), "utf8"), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  });
  fs.writeFileSync(path.join(dir, "inline.js"), js.outputText);
  return path.join(dir, "inline.js");
}
