// The native plugin `civis` from a Python program, as Python users run one: the `pulumi_civis`
// package generated from schema.json (`pulumi package gen-sdk --language python`), Pulumi's SDK
// from PyPI in a virtual environment, the real CLI and Python language host, the emulator behind.
// A workflow with a share and a project link, and a ManagedWorkflow (the plugin's component) with
// its own; a second preview changes nothing; one task edited
// is one PATCH; drift shows after refresh; bad input fails at preview naming the resource and the
// property; `pulumi import` writes Python that previews clean; destroy archives.
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { engineHome, hasLanguageHost, pulumiCli, REPO } from "../../scripts/engine";
import { call } from "../support/emulator";
import { scratchDir, TestStack } from "../support/stack";

/** The virtual environment with Pulumi's Python SDK, or why there is none (then the tests say so and skip). */
function pythonVenv(): { venv: string } | { skip: string } {
  if (!hasLanguageHost("python")) return { skip: "no pulumi-language-python beside the Pulumi CLI" };
  try {
    const out = execFileSync("bash", [path.join(REPO, "scripts", "ensure-python.sh")], { encoding: "utf8" });
    return { venv: out.trim().split("\n").pop()! };
  } catch (e) {
    return { skip: `no Python environment: ${(e as { stderr?: string }).stderr ?? String(e)}` };
  }
}
const python = pythonVenv();

/** The program: a workflow whose one task is `task`, shared and put in a project; `extra` adds arguments. */
const program = (task: string, extra = "") => `import pulumi
import pulumi_civis as civis

etl = civis.Workflow(
    "etl",
    name="Python ETL",
    definition='version: "2.0"\\netl:\\n  tasks:\\n    ${task}: {action: std.noop}\\n',${extra}
)
civis.WorkflowShare("etl-read", workflow_id=etl.workflow_id, user_ids=[101], permission_level="read")
civis.WorkflowProject("etl-project", workflow_id=etl.workflow_id, project_id=42)
managed = civis.ManagedWorkflow(
    "managed",
    name="Python managed",
    definition='version: "2.0"\\nmanaged:\\n  tasks:\\n    a: {action: std.noop}\\n',
    shares={"read": {"users": [102]}},
    project_ids=[43],
)
pulumi.export("workflowId", etl.workflow_id)
pulumi.export("managedId", managed.workflow_id)
`;

describe("native plugin: a Python program", { skip: "skip" in python ? python.skip : false }, () => {
  let stack: TestStack;
  let project: string;
  const write = (text: string) => fs.writeFileSync(path.join(project, "__main__.py"), text);
  const live = () => stack.emulator.context.store.state.workflows.filter((w) => w.name === "Python ETL" && !w.archived);
  const writes = (r: { requests: string[] }) => r.requests.filter((q) => !q.startsWith("GET"));

  before(async () => {
    const { venv } = python as { venv: string };
    const source = scratchDir("python-source");
    const { version } = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")) as { version: string };
    fs.writeFileSync(
      path.join(source, "Pulumi.yaml"),
      `name: civis-python\nruntime:\n  name: python\n  options:\n    virtualenv: ${venv}\n` +
        `plugins:\n  providers:\n    - name: civis\n      path: ${REPO}\n`,
    );
    fs.writeFileSync(path.join(source, "__main__.py"), program("extract"));
    // The package generated from this checkout's schema, into the environment the program runs in.
    const sdk = path.join(source, "sdk");
    // With the package's version: the plugin answers it, and `pulumi import` asks the plugin of the SDK's.
    const schema = path.join(REPO, "schema.json");
    const gen = ["package", "gen-sdk", schema, "--language", "python", "--version", version, "-o", sdk];
    pulumiCli(gen, source, engineHome(source));
    // Installed as users install it (its version is read from the installed package's metadata).
    const pip = path.join(venv, "bin", "pip");
    execFileSync(pip, ["install", "--quiet", "--no-deps", "--force-reinstall", path.join(sdk, "python")]);
    stack = await TestStack.create({ name: "native-python", workDir: source });
    project = path.join(stack.dir, "project");
  });
  after(async () => stack?.close());

  it("up creates the workflow, its share and its project link; a second preview changes nothing", async () => {
    const up = await stack.ok("up");
    assert.equal(live().length, 1);
    const [w] = live();
    assert.deepEqual([up.outputs!.workflowId, w.userShares[101], w.projectIds], [w.id, "read", [42]]);
    const managed = stack.emulator.context.store.state.workflows.find((x) => x.name === "Python managed")!;
    assert.deepEqual([up.outputs!.managedId, managed.userShares[102], managed.projectIds], [managed.id, "read", [43]]);
    const again = await stack.ok("preview", { options: { expectNoChanges: true } });
    assert.deepEqual(writes(again), []);
  });

  it("one task edited previews as an update of definition, share and link unchanged; up sends one PATCH", async () => {
    write(program("load"));
    const preview = await stack.ok("preview", { options: { diff: true } });
    assert.match(preview.log, /~ civis:index:Workflow: \(update\)[\s\S]*~ definition/);
    assert.doesNotMatch(preview.log, /replace/);
    const up = await stack.ok("up");
    assert.deepEqual(writes(up), [`PATCH /workflows/${live()[0].id}`]);
  });

  it("a rename in the web app shows after refresh, and up restores it", async () => {
    live()[0].name = "renamed in the web app";
    stack.emulator.context.store.save();
    await stack.ok("refresh");
    const preview = await stack.ok("preview", { options: { diff: true } });
    assert.match(preview.log, /~ name\s*: "renamed in the web app" => "Python ETL"/);
    await stack.ok("up");
    assert.equal(live().length, 1);
  });

  it("bad input fails at preview, naming the resource and the property, with no write", async () => {
    write(program("load", "\n    schedule=civis.WorkflowScheduleArgs(scheduled_hours=[25]),"));
    const r = await stack.run("preview");
    assert.equal(r.ok, false);
    assert.match(
      r.log,
      /civis:index:Workflow resource 'etl' has a problem: schedule\.scheduledHours\[0\] must be a whole number from 0/,
    );
    assert.deepEqual(writes(r), []);
    write(program("load"));
  });

  it("pulumi import of a workflow made elsewhere writes Python that previews clean", async () => {
    const legacy = (
      await call(stack.emulator, "POST", "/workflows", {
        name: "Legacy py",
        definition: 'version: "2.0"\nlegacy:\n  tasks:\n    x: {action: std.noop}\n',
        schedule: { scheduled: true, scheduledDays: [1], scheduledHours: [3], scheduledMinutes: [0] },
      })
    ).body as { id: number };
    const out = path.join(project, "imported.py");
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
    assert.match(code, /civis\.Workflow\("legacy"[\s\S]*name="Legacy py"/);
    assert.match(code, /"scheduled_hours": \[3\]/, "whole numbers stay whole (and snake_case in Python)");
    fs.appendFileSync(path.join(project, "__main__.py"), `\n${code}`);
    const preview = await stack.ok("preview", { options: { expectNoChanges: true } });
    assert.deepEqual(writes(preview), []);
  });

  it("destroy archives the workflows (the program's, the component's, the imported one)", async () => {
    const r = await stack.ok("destroy");
    assert.equal(writes(r).filter((q) => q.endsWith("/archive")).length, 3);
    assert.ok(stack.emulator.context.store.state.workflows.every((w) => w.archived));
  });
});
