// The component's children under Pulumi's mocks: names, parents, types, no list positions.
import { before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { until } from "../../../support/until";

const registered: Array<{ type: string; name: string; inputs: Record<string, unknown> }> = [];

describe("ManagedWorkflow children", () => {
  let civis: typeof import("../../../../sdk");
  before(async () => {
    await pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          registered.push({ type: args.type, name: args.name, inputs: args.inputs });
          // A workflow's id is its Civis id; the SDK's workflowId is read from it.
          return {
            id: args.type.endsWith(":Workflow") ? "1001" : `${args.name}-id`,
            state: { ...args.inputs, workflowId: 1001 },
          };
        },
        call: () => ({}),
      },
      "project",
      "stack",
      false,
    );
    civis = await import("../../../../sdk");
  });

  const outputOf = <T>(o: pulumi.Output<T>) => new Promise<T>((resolve) => o.apply(resolve));

  it("names shares by level and links by project id, parents them, and registers the workflow", async () => {
    const etl = new civis.ManagedWorkflow("etl", {
      name: "ETL",
      shares: { write: { users: [102] }, read: { users: [101], groups: [7] }, manage: {} },
      projectIds: [43, 42],
    });
    assert.equal(await outputOf(etl.workflowId), 1001);
    await until(() => registered.length >= 6, "the component and its five children to register");
    const names = registered.map((r) => `${r.type}::${r.name}`).sort();
    assert.deepEqual(names, [
      "civis:index:ManagedWorkflow::etl",
      "pulumi-nodejs:dynamic/civis:Workflow::etl",
      "pulumi-nodejs:dynamic/civis:WorkflowProject::etl-project-42",
      "pulumi-nodejs:dynamic/civis:WorkflowProject::etl-project-43",
      "pulumi-nodejs:dynamic/civis:WorkflowShare::etl-read",
      "pulumi-nodejs:dynamic/civis:WorkflowShare::etl-write",
    ]);
    assert.deepEqual(Object.keys(etl.shares).sort(), ["read", "write"], "an empty level makes no share");
    assert.deepEqual(Object.keys(etl.projects).sort(), ["42", "43"]);
    const read = registered.find((r) => r.name === "etl-read")!;
    assert.deepEqual([read.inputs.permissionLevel, read.inputs.userIds, read.inputs.groupIds], ["read", [101], [7]]);
    assert.equal(read.inputs.__provider !== undefined, true, "the dynamic provider is serialized");
    assert.equal(
      await outputOf(etl.workflow.urn).then((u) => u.includes("civis:index:ManagedWorkflow$")),
      true,
      "parented to the component",
    );
  });

  it(
    "exclusiveAccess: the shares become one WorkflowAccess of users and groups by level, " + "and no WorkflowShare",
    async () => {
      const audited = new civis.ManagedWorkflow("audited", {
        name: "Audited",
        exclusiveAccess: true,
        shares: { read: { users: [101], groups: [7] }, manage: { users: [103] }, write: {} },
      });
      await until(() => registered.some((r) => r.name === "audited-access"), "the access list to register");
      const access = registered.find((r) => r.name === "audited-access")!;
      assert.equal(access.type, "pulumi-nodejs:dynamic/civis:WorkflowAccess");
      assert.deepEqual(
        [access.inputs.workflowId, access.inputs.users, access.inputs.groups],
        [1001, { read: [101], manage: [103] }, { read: [7] }],
      );
      assert.deepEqual(audited.shares, {});
      assert.ok(audited.access);
      assert.ok(!registered.some((r) => r.name.startsWith("audited-") && r.type.endsWith("WorkflowShare")));
      new civis.ManagedWorkflow("taken", {
        name: "Taken",
        adoptWorkflowId: 1077,
        exclusiveAccess: true,
        shares: { read: { users: [101] } },
      });
      await until(
        () => registered.some((r) => r.name === "taken-access"),
        "the adopted workflow's access list to register",
      );
      assert.equal(
        registered.find((r) => r.name === "taken-access")!.inputs.workflowId,
        1077,
        "an adopted workflow's list names its id, known at preview",
      );
    },
  );

  it(
    "reports a principal at two levels, a project twice and a bad child value " + "together, on every resource",
    async () => {
      new civis.ManagedWorkflow("bad", { name: "x", shares: { read: { groups: [7] }, manage: { groups: [7] } } });
      new civis.ManagedWorkflow("bad2", { name: "x", projectIds: [42, 42] });
      new civis.Workflow("bad3", { name: "x", schedule: { scheduledHours: [25] } });
      new civis.Workflow("fine", { name: "x" });
      await until(
        () => registered.filter((r) => r.type.endsWith("civis:Workflow")).length >= 4,
        "the workflows to register",
      );
      const problemsOf = (name: string) =>
        registered.find((r) => r.name === name && r.type.endsWith("civis:Workflow"))!.inputs.__problems;
      const all = [
        'ManagedWorkflow "bad": group 7 is listed under shares.read and shares.manage; give each principal one level',
        'ManagedWorkflow "bad2": projectIds lists 42 more than once',
        'Workflow "bad3": schedule.scheduledHours[0] must be a whole number from 0 to 23, not number 25',
      ];
      // Whichever the engine checks first fails with the whole list, before any request.
      for (const name of ["bad", "bad2", "bad3", "fine"])
        assert.deepEqual(problemsOf(name), all, `${name} carries every problem of the program`);
    },
  );

  it("runOnDeploy adds a run whose trigger is the definition as data: a comment changes nothing", async () => {
    const definition = 'version: "2.0"\nrun:\n  tasks:\n    a: {action: std.noop}\n';
    const runs = (name: string) => registered.filter((r) => r.name === `${name}-run`);
    new civis.ManagedWorkflow("once", { name: "Once", definition, runOnDeploy: { wait: "finish" } });
    new civis.ManagedWorkflow("twice", { name: "Twice", definition: `# a comment\n${definition}` });
    new civis.ManagedWorkflow("thrice", {
      name: "Thrice",
      definition: `# a comment\n${definition}`,
      runOnDeploy: true,
    });
    await until(() => runs("once").length === 1 && runs("thrice").length === 1, "the runs to register");
    assert.equal(runs("twice").length, 0, "no runOnDeploy, no run");
    const [once] = runs("once");
    assert.equal(once.type, "pulumi-nodejs:dynamic/civis:WorkflowExecution");
    assert.deepEqual(once.inputs.triggers, {
      definition: { version: "2.0", run: { tasks: { a: { action: "std.noop" } } } },
    });
    assert.equal(once.inputs.wait, "finish");
    assert.deepEqual(runs("thrice")[0].inputs.triggers, once.inputs.triggers);
  });
});
