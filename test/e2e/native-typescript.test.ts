// A TypeScript program on the native plugin instead of the dynamic SDK, as the README offers it
// for `pulumi import`: `pulumi package add` of the plugin's executable generates and installs
// `@pulumi-civis/native`; the program creates a workflow through it; `pulumi import` of a
// workflow made elsewhere writes TypeScript, which added to the program previews clean.
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO } from "../../scripts/engine";
import { call } from "../support/emulator";
import { scratchDir, TestStack } from "../support/stack";

const version = (name: string) =>
  (
    JSON.parse(fs.readFileSync(require.resolve(`${name}/package.json`, { paths: [REPO] }), "utf8")) as {
      version: string;
    }
  ).version;

const PROGRAM = `import * as civis from "@pulumi-civis/native";

const etl = new civis.Workflow("etl", {
  name: "TS native",
  definition: 'version: "2.0"\\netl:\\n  tasks:\\n    a: {action: std.noop}\\n',
});
export const workflowId = etl.workflowId;
`;

describe("native plugin: a TypeScript program on its generated SDK", () => {
  let stack: TestStack;
  let project: string;

  before(async () => {
    const source = scratchDir("ts-native-source");
    const files: Record<string, string> = {
      "Pulumi.yaml":
        "name: civis-ts-native\nruntime: nodejs\n" + `plugins:\n  providers:\n    - name: civis\n      path: ${REPO}\n`,
      "package.json": JSON.stringify({
        name: "civis-ts-native",
        private: true,
        main: "index.ts",
        dependencies: { "@pulumi/pulumi": version("@pulumi/pulumi") },
        devDependencies: { typescript: version("typescript"), "@types/node": version("@types/node") },
      }),
      // The generated SDK's sources are its own build's, not the program's compile.
      "tsconfig.json": JSON.stringify({
        compilerOptions: {
          strict: true,
          target: "ES2022",
          module: "commonjs",
          moduleResolution: "node",
          skipLibCheck: true,
        },
        exclude: ["sdks", "node_modules"],
      }),
      "index.ts": PROGRAM,
    };
    for (const [f, text] of Object.entries(files)) fs.writeFileSync(path.join(source, f), text);
    stack = await TestStack.create({ name: "native-ts", workDir: source });
    project = path.join(stack.dir, "project");
    const add = await stack.cli(["package", "add", path.join(REPO, "pulumi-resource-civis")]);
    assert.ok(add.ok, add.output);
    assert.match(
      fs.readFileSync(path.join(project, "package.json"), "utf8"),
      /"@pulumi-civis\/native": ?"file:sdks\/civis"/,
    );
  });
  after(async () => stack?.close());

  it("up creates the workflow through the plugin; pulumi import writes TypeScript that previews clean", async () => {
    const up = await stack.ok("up");
    const made = stack.emulator.context.store.state.workflows.find((w) => w.name === "TS native");
    assert.equal(up.outputs!.workflowId, made?.id);
    assert.deepEqual(
      stack.resources("civis:index:Workflow").map((r) => r.urn.split("::").pop()),
      ["etl"],
      "a resource of the plugin, not of the dynamic provider",
    );
    const legacy = (await call(stack.emulator, "POST", "/workflows", { name: "Legacy TS", description: "kept" }))
      .body as { id: number };
    const out = path.join(project, "imported.ts");
    const args = [
      "import",
      "civis:index:Workflow",
      "legacy",
      String(legacy.id),
      "--out",
      out,
      "--yes",
      "--protect=false",
    ];
    const r = await stack.cli([...args, "--stack", "test"]);
    assert.ok(r.ok, r.output);
    const code = fs.readFileSync(out, "utf8");
    console.log(`--- pulumi import wrote ---\n${code}`);
    assert.match(code, /new civis\.Workflow\("legacy", \{[\s\S]*name: "Legacy TS"/);
    fs.rmSync(out);
    // The generated code's own imports go; its statements join the program.
    const body = code.replace(/^import .*$/gm, "");
    fs.appendFileSync(path.join(project, "index.ts"), body);
    const preview = await stack.ok("preview", { options: { expectNoChanges: true } });
    assert.deepEqual(
      preview.requests.filter((q) => !q.startsWith("GET")),
      [],
    );
    await stack.ok("destroy");
    assert.ok(stack.emulator.context.store.state.workflows.every((w) => w.archived));
  });
});
