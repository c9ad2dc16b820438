// How users meet the package: `npm pack`, install the tarball into a fresh TypeScript program
// outside the repo, then `pulumi up` and `destroy` there through the language host (Pulumi
// compiles index.ts itself). The provider is then stored as a require() of the installed package.
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { hasLanguageHost, REPO } from "../../scripts/engine";
import { TestStack } from "../support/stack";

const PROGRAM = `import * as civis from "pulumi-civis";

const wf = new civis.Workflow("packaged", {
  name: "From the tarball",
  definition: civis.defineWorkflow("hello", { tasks: { say: { action: "std.echo", input: { output: "hi" } } } }),
});

const access = new civis.WorkflowAccess("packaged-access", { workflowId: wf.workflowId, users: { read: [101] } });

export const workflowId: pulumi.Output<number> = wf.workflowId;
export const valid = wf.valid;
export const readers: pulumi.Output<number[] | undefined> = access.users.apply((u) => u.read);
`;
const TSCONFIG = {
  compilerOptions: { strict: true, target: "es2022", module: "commonjs", moduleResolution: "node", outDir: "bin" },
  files: ["index.ts"],
};

describe("the packed package in a fresh program", () => {
  let dir: string;
  let stack: TestStack;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-civis-user-"));
    // --ignore-scripts: `prepack` would run tsc, rewriting dist/ while the other test files of
    // this run load it (a half-written module is `withRetry is not a function` elsewhere).
    // scripts/test.sh has just built dist/; the tarball packs exactly that.
    const tarball = execFileSync("npm", ["pack", "--silent", "--ignore-scripts", "--pack-destination", dir], {
      cwd: REPO,
      encoding: "utf8",
    })
      .trim()
      .split("\n")
      .pop()!;
    // The versions this suite runs with, so the fresh program matches the matrix entry.
    const version = (name: string) =>
      JSON.parse(fs.readFileSync(require.resolve(`${name}/package.json`, { paths: [REPO] }), "utf8")).version;
    fs.writeFileSync(
      path.join(dir, "package.json"),
      JSON.stringify(
        {
          name: "user-program",
          private: true,
          main: "index.ts",
          dependencies: { "pulumi-civis": `file:./${tarball}`, "@pulumi/pulumi": version("@pulumi/pulumi") },
          devDependencies: { typescript: version("typescript"), "@types/node": version("@types/node") },
        },
        null,
        2,
      ),
    );
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: user-program\nruntime: nodejs\n");
    fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(TSCONFIG, null, 2));
    fs.writeFileSync(path.join(dir, "index.ts"), `import * as pulumi from "@pulumi/pulumi";\n${PROGRAM}`);
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"], {
      cwd: dir,
      stdio: "inherit",
    });
    // Where no language host is to be had, the same program runs inline, compiled here.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the program's own install, found at run time
    const ts = require(require.resolve("typescript", { paths: [dir] })) as typeof import("typescript");
    const js = ts.transpileModule(fs.readFileSync(path.join(dir, "index.ts"), "utf8"), {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
    });
    fs.writeFileSync(path.join(dir, "inline.js"), js.outputText);
    stack = await TestStack.create({ name: "package", workDir: dir, fallback: path.join(dir, "inline.js") });
  });

  after(async () => {
    await stack?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("holds only the built SDK and provider", () => {
    const files = execFileSync("tar", ["-tzf", fs.readdirSync(dir).find((f) => f.endsWith(".tgz"))!], {
      cwd: dir,
      encoding: "utf8",
    }).split("\n");
    assert.ok(files.includes("package/dist/sdk/index.js"));
    assert.ok(files.includes("package/dist/sdk/index.d.ts"));
    assert.ok(files.includes("package/dist/provider/runtime.js"));
    // The native plugin: its server, its schema and the executable the engine starts.
    assert.ok(files.includes("package/dist/provider/host/native/main.js"));
    assert.ok(files.includes("package/schema.json"));
    const listing = execFileSync("tar", ["-tvzf", fs.readdirSync(dir).find((f) => f.endsWith(".tgz"))!], {
      cwd: dir,
      encoding: "utf8",
    });
    assert.match(listing, /^-rwx.* package\/pulumi-resource-civis$/m, "the plugin is executable");
    assert.ok(
      !files.some((f) => f.startsWith("package/dist/test/") || f.startsWith("package/dist/emulator/")),
      "no tests or emulator in the package",
    );
  });

  it("up creates the workflow and its access list through the installed package", async () => {
    const r = await stack.ok("up");
    assert.deepEqual(
      r.requests.filter((q) => !q.startsWith("GET")),
      ["POST /workflows", `PUT /workflows/${r.outputs!.workflowId as number}/shares/users`],
    );
    assert.equal(r.outputs!.valid, true);
    assert.deepEqual(r.outputs!.readers, [101]);
    const [wf] = stack.resources("pulumi-nodejs:dynamic/civis:Workflow");
    const provider = wf.inputs.__provider;
    assert.equal(
      provider,
      'exports.handler = () => require("pulumi-civis/dist/provider/runtime.js").Workflow;\n',
      "the provider requires the installed package by name, and nothing else",
    );
  });

  it("a second up changes nothing; destroy revokes the list and archives", async () => {
    const again = await stack.ok("up");
    assert.deepEqual(again.changes, { same: 3 });
    assert.deepEqual(again.requests, []);
    const r = await stack.ok("destroy");
    assert.deepEqual(
      r.requests.map((q) => q.replace(/\d+/g, "N")),
      ["GET /workflows/N/shares", "DELETE /workflows/N/shares/users/N", "PUT /workflows/N/archive"],
    );
    assert.ok(stack.emulator.context.store.state.workflows.every((w) => w.archived));
  });

  /**
   * A YAML program of one workflow named `workflowName`, its `plugins:` entry pointing at
   * `pluginPath` (or none): `prepare` runs on its stack first; then up makes the workflow and
   * destroy archives it.
   */
  async function yamlUpAndDestroy(
    folder: string,
    workflowName: string,
    pluginPath: string | undefined,
    prepare: (stack: TestStack) => Promise<void> = () => Promise.resolve(),
  ) {
    const project = path.join(dir, folder);
    fs.mkdirSync(project);
    const plugins = pluginPath ? `plugins:\n  providers:\n    - name: civis\n      path: ${pluginPath}\n` : "";
    fs.writeFileSync(
      path.join(project, "Pulumi.yaml"),
      `name: ${folder}\nruntime: yaml\n${plugins}resources:\n  etl:\n    type: civis:Workflow\n` +
        `    properties:\n      name: ${workflowName}\noutputs:\n  workflowId: \${etl.workflowId}\n`,
    );
    const yaml = await TestStack.create({ name: folder, workDir: project });
    try {
      await prepare(yaml);
      const up = await yaml.ok("up");
      const made = yaml.emulator.context.store.state.workflows.find((w) => w.id === up.outputs!.workflowId);
      assert.equal(made?.name, workflowName);
      await yaml.ok("destroy");
      assert.equal(made.archived, true);
    } finally {
      await yaml.close();
    }
  }
  const noYamlHost = hasLanguageHost("yaml") ? false : "no pulumi-language-yaml beside the Pulumi CLI";

  it("a Pulumi YAML program runs the installed package's native plugin: up, then destroy", { skip: noYamlHost }, () =>
    yamlUpAndDestroy("user-yaml", "From YAML", path.join(dir, "node_modules", "pulumi-civis")),
  );

  it(
    "the plugin archive, installed with pulumi plugin install, serves a YAML program that names no path",
    { skip: noYamlHost },
    () => {
      const archive = execFileSync("bash", [path.join(REPO, "scripts", "plugin-archive.sh"), dir], { encoding: "utf8" })
        .trim()
        .split("\n")
        .pop()!;
      const { version } = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")) as { version: string };
      return yamlUpAndDestroy("user-yaml-installed", "From the installed plugin", undefined, async (yaml) => {
        const install = await yaml.cli(["plugin", "install", "resource", "civis", version, "--file", archive]);
        assert.ok(install.ok, install.output);
      });
    },
  );
});
