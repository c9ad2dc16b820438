// The native plugin `civis` from a Pulumi YAML program, through the real CLI and YAML language
// host against the emulator: the plugin found at the package's folder (`plugins: providers:`),
// the key set as a secret stack config, a workflow with a share and a project link and a
// ManagedWorkflow (a component the plugin constructs) with its own; a second up
// changes nothing; one task edited previews as an update of `definition` and sends one PATCH;
// drift made in the web app shows after refresh and up restores it; bad input fails at preview
// naming the resource and the property; destroy archives.
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { parse, stringify } from "yaml";
import { hasLanguageHost, REPO } from "../../scripts/engine";
import { call, DEFAULT_API_KEY } from "../support/emulator";
import { scratchDir, TestStack } from "../support/stack";

const KEY = "civis-YAML-secret-key-0123456789";
const noYamlHost = hasLanguageHost("yaml")
  ? false
  : "no pulumi-language-yaml beside the Pulumi CLI (scripts/ensure-pulumi.sh builds it with Go)";

/**
 * The program: a workflow whose one task is `task`, shared and put in a project, and a
 * ManagedWorkflow (the component the plugin constructs) with a share and a project link.
 */
const program = (task: string, extra = "", managedExtra = "") => `name: civis-yaml
runtime: yaml
plugins:
  providers:
    - name: civis
      path: ${REPO}
resources:
  etl:
    type: civis:Workflow
    properties:
      name: YAML ETL
      definition: |
        version: "2.0"
        etl:
          tasks:
            ${task}: {action: std.noop}
${extra}
  etlRead:
    type: civis:WorkflowShare
    properties:
      workflowId: \${etl.workflowId}
      userIds: [101]
      permissionLevel: read
  etlProject:
    type: civis:WorkflowProject
    properties:
      workflowId: \${etl.workflowId}
      projectId: 42
  managed:
    type: civis:ManagedWorkflow
    properties:
      name: YAML managed
      definition: |
        version: "2.0"
        managed:
          tasks:
            a: {action: std.noop}
      shares:
        read:
          users: [102]
${managedExtra}      projectIds: [43]
variables:
  # A lookup through the plugin's function: the workflow as Civis has it.
  etlAsRead:
    fn::invoke:
      function: civis:getWorkflow
      arguments:
        id: \${etl.workflowId}
outputs:
  workflowId: \${etl.workflowId}
  managedId: \${managed.workflowId}
  readName: \${etlAsRead.name}
  readLevel: \${etlAsRead.myPermissionLevel}
`;

describe("native plugin: a Pulumi YAML program", { skip: noYamlHost }, () => {
  let stack: TestStack;
  let project: string;
  const write = (text: string) => fs.writeFileSync(path.join(project, "Pulumi.yaml"), text);
  const config = {
    "civis:apiKey": { value: KEY, secret: true },
  };
  const live = () => stack.emulator.context.store.state.workflows.filter((w) => w.name === "YAML ETL" && !w.archived);

  before(async () => {
    const source = scratchDir("yaml-source");
    fs.writeFileSync(path.join(source, "Pulumi.yaml"), program("extract"));
    // The key comes from the stack's secret config only, not the environment.
    stack = await TestStack.create({ name: "native-yaml", workDir: source, env: { CIVIS_API_KEY: undefined } });
    project = path.join(stack.dir, "project");
    stack.emulator.context.store.state.apiKeys[KEY] = 1;
  });
  after(async () => stack?.close());

  it("up makes a workflow with a share and a link, and a ManagedWorkflow; a second preview: no change", async () => {
    const up = await stack.ok("up", { config });
    assert.equal(live().length, 1);
    const [w] = live();
    assert.deepEqual([up.outputs!.workflowId, w.userShares[101], w.projectIds], [w.id, "read", [42]]);
    // Read once the workflow exists (the share, made after, is not in what it read).
    assert.deepEqual(
      [up.outputs!.readName, up.outputs!.readLevel],
      ["YAML ETL", "manage"],
      "civis:getWorkflow read it",
    );
    const managed = stack.emulator.context.store.state.workflows.find((x) => x.name === "YAML managed")!;
    assert.deepEqual([up.outputs!.managedId, managed.userShares[102], managed.projectIds], [managed.id, "read", [43]]);
    const types = stack
      .resources()
      .filter((r) => r.type.startsWith("civis:"))
      .map((r) => `${r.type} ${r.urn.split("::").pop()}`)
      .sort();
    assert.deepEqual(types, [
      "civis:index:ManagedWorkflow managed",
      "civis:index:Workflow etl",
      "civis:index:Workflow managed",
      "civis:index:WorkflowProject etlProject",
      "civis:index:WorkflowProject managed-project-43",
      "civis:index:WorkflowShare etlRead",
      "civis:index:WorkflowShare managed-read",
    ]);
    const again = await stack.ok("preview", { config, options: { expectNoChanges: true } });
    assert.deepEqual(
      again.requests.filter((r) => !r.startsWith("GET")),
      [],
    );
  });

  it("one task edited previews as an update of definition, share and link unchanged; up sends one PATCH", async () => {
    write(program("load"));
    const preview = await stack.ok("preview", { config, options: { diff: true } });
    assert.match(preview.log, /~ civis:index:Workflow: \(update\)[\s\S]*~ definition/);
    assert.doesNotMatch(preview.log, /replace/);
    const up = await stack.ok("up", { config });
    assert.deepEqual(
      up.requests.filter((r) => !r.startsWith("GET")),
      [`PATCH /workflows/${live()[0].id}`],
    );
    assert.match(live()[0].definition, /load: \{action: std\.noop\}/);
  });

  it("a rename in the web app shows after refresh as live => program, and up restores it", async () => {
    live()[0].name = "renamed in the web app";
    stack.emulator.context.store.save();
    await stack.ok("refresh", { config });
    const preview = await stack.ok("preview", { config, options: { diff: true } });
    assert.match(preview.log, /~ name\s*: "renamed in the web app" => "YAML ETL"/);
    await stack.ok("up", { config });
    assert.equal(live().length, 1);
  });

  it("bad input fails at preview, naming the resource and the property, with no write", async () => {
    write(program("load", "      schedule:\n        scheduledHours: [25]"));
    const r = await stack.run("preview", { config });
    assert.equal(r.ok, false);
    assert.match(
      r.log,
      new RegExp(
        "civis:index:Workflow resource 'etl' has a problem: " +
          "schedule\\.scheduledHours\\[0\\] must be a whole number from 0 to 23",
      ),
    );
    assert.deepEqual(
      r.requests.filter((q) => !q.startsWith("GET")),
      [],
    );
    // The component's own check: a principal at two levels fails its construct, naming it.
    write(program("load", "", "        manage:\n          users: [102]\n"));
    const component = await stack.run("preview", { config });
    assert.equal(component.ok, false);
    assert.match(
      component.log,
      /civis:ManagedWorkflow "managed": user 102 is listed under shares\.read and shares\.manage; give each principal/,
    );
    write(program("load"));
  });

  it("the key set as a secret is nowhere in plain text: state, output, errors", async () => {
    const r = await stack.ok("preview", { config });
    assert.ok(!r.log.includes(KEY));
    assert.ok(!stack.exportState().includes(KEY));
    assert.ok(stack.exportState().includes("ciphertext"), "the provider's apiKey is kept encrypted");
  });

  it("pulumi-civis import --native, then pulumi import: YAML for a workflow, share, link; previews clean", async () => {
    const legacy = (
      await call(stack.emulator, "POST", "/workflows", {
        name: "Legacy nightly",
        definition: 'version: "2.0"\nlegacy:\n  tasks:\n    x: {action: std.noop}\n',
        schedule: { scheduled: true, scheduledDays: [1], scheduledHours: [3], scheduledMinutes: [0] },
      })
    ).body as { id: number };
    await call(stack.emulator, "PUT", `/workflows/${legacy.id}/shares/users`, {
      userIds: [102, 101],
      permissionLevel: "read",
    });
    await call(stack.emulator, "PUT", `/workflows/${legacy.id}/projects/42`, {});
    // The bulk file as `pulumi-civis import --native` writes it: the workflow, its share, its link.
    const cli = path.join(REPO, "dist", "sdk", "cli.js");
    const env = { ...process.env, CIVIS_API_KEY: DEFAULT_API_KEY, CIVIS_API_ENDPOINT: stack.emulator.url };
    await promisify(execFile)(
      process.execPath,
      [cli, "import", "--ids", String(legacy.id), "--native", "--out", project],
      {
        env,
      },
    );
    const file = path.join(project, "import.json");
    const before = stack.emulator.log.entries().length;
    const out = path.join(project, "imported.yaml");
    const r = await stack.cli(["import", "--file", file, "--out", out, "--yes", "--protect=false", "--stack", "test"]);
    assert.ok(r.ok, r.output);
    const writes = stack.emulator.log
      .entries()
      .slice(before)
      .filter((e) => e.method !== "GET");
    assert.deepEqual(writes, [], "import writes nothing");
    const code = fs.readFileSync(out, "utf8");
    console.log(`--- pulumi import wrote ---\n${code}`);
    assert.match(code, /type: civis:Workflow[\s\S]*name: Legacy nightly/);
    assert.match(code, /scheduledHours:\s*- 3/);
    assert.match(code, /userIds:\s*- 101\s*- 102/);
    // The program with the generated resources added: the next preview changes nothing.
    const program = parse(fs.readFileSync(path.join(project, "Pulumi.yaml"), "utf8")) as { resources: object };
    Object.assign(program.resources, (parse(code) as { resources: object }).resources);
    write(stringify(program));
    const preview = await stack.ok("preview", { config, options: { expectNoChanges: true } });
    assert.deepEqual(
      preview.requests.filter((q) => !q.startsWith("GET")),
      [],
    );
  });

  it("destroy archives the workflows and removes the shares and links", async () => {
    const id = live()[0].id;
    const r = await stack.ok("destroy", { config });
    assert.ok(r.requests.includes(`PUT /workflows/${id}/archive`), r.requests.join("\n"));
    assert.ok(stack.emulator.context.store.state.workflows.every((w) => w.archived));
  });
});
