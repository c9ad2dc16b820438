// How users meet the package: `npm pack`, install the tarball into a fresh program outside the
// repo, then `pulumi up` and `destroy` there. The provider code is then serialized as a
// require() of the installed package, not copied by value.
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO } from "../../scripts/engine";
import { TestStack } from "../support/stack";

const PROGRAM = `
const civis = require("pulumi-civis");
module.exports = async () => {
  const wf = new civis.Workflow("packaged", {
    name: "From the tarball",
    definition: civis.defineWorkflow("hello", { tasks: { say: { action: "std.echo", input: { output: "hi" } } } }),
  });
  return { workflowId: wf.workflowId, valid: wf.valid };
};
`;

describe("the packed package in a fresh program", () => {
  let dir: string;
  let stack: TestStack;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-civis-user-"));
    const tarball = execFileSync("npm", ["pack", "--silent", "--pack-destination", dir], { cwd: REPO, encoding: "utf8" }).trim().split("\n").pop()!;
    const pulumiVersion = JSON.parse(fs.readFileSync(path.join(REPO, "node_modules", "@pulumi", "pulumi", "package.json"), "utf8")).version;
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({
      name: "user-program", private: true, main: "index.js",
      dependencies: { "pulumi-civis": `file:./${tarball}`, "@pulumi/pulumi": pulumiVersion },
    }, null, 2));
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: user-program\nruntime: nodejs\n");
    fs.writeFileSync(path.join(dir, "index.js"), PROGRAM);
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"], { cwd: dir, stdio: "inherit" });
    stack = await TestStack.create({ name: "package", workDir: dir, program: path.join(dir, "index.js") });
  });

  after(async () => {
    await stack?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("holds only the built SDK and provider", () => {
    const files = execFileSync("tar", ["-tzf", fs.readdirSync(dir).find((f) => f.endsWith(".tgz"))!], { cwd: dir, encoding: "utf8" }).split("\n");
    assert.ok(files.includes("package/dist/sdk/index.js"));
    assert.ok(files.includes("package/dist/sdk/index.d.ts"));
    assert.ok(files.includes("package/dist/provider/runtime.js"));
    assert.ok(!files.some((f) => f.startsWith("package/dist/test/") || f.startsWith("package/dist/emulator/")), "no tests or emulator in the package");
  });

  it("up creates the workflow through the installed package", async () => {
    const r = await stack.ok("up");
    assert.deepEqual(r.requests, ["POST /workflows"]);
    assert.equal(r.outputs!.valid, true);
    const [wf] = stack.resources("pulumi-nodejs:dynamic/civis:Workflow");
    const provider: string = wf.inputs.__provider;
    assert.equal(provider, 'exports.handler = () => require("pulumi-civis/dist/provider/runtime.js").Workflow;\n',
      "the provider requires the installed package by name, and nothing else");
  });

  it("a second up changes nothing, destroy archives", async () => {
    const again = await stack.ok("up");
    assert.deepEqual(again.changes, { same: 2 });
    assert.deepEqual(again.requests, []);
    const r = await stack.ok("destroy");
    assert.equal(r.requests.length, 1);
    assert.match(r.requests[0], /^PUT \/workflows\/\d+\/archive$/);
    assert.ok(stack.emulator.context.store.state.workflows.every((w) => w.archived));
  });
});
