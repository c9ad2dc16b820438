// The Workflow class under Pulumi's mocks: what it refuses at construction, what it reports with
// the program's other problems, and where its workflowId comes from.
import { before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { until } from "../../../support/until";

const registered: Array<{ type: string; name: string; inputs: Record<string, unknown> }> = [];

describe("Workflow (SDK)", () => {
  let civis: typeof import("../../../../sdk");
  before(async () => {
    await pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          registered.push({ type: args.type, name: args.name, inputs: args.inputs });
          return { id: "1004", state: { ...args.inputs, workflowId: 9999 } };
        },
        call: () => ({}),
      },
      "project",
      "stack",
      false,
    );
    civis = await import("../../../../sdk");
  });

  it("a program with no problem sends none", async () => {
    new civis.Workflow("clean", { name: "D" });
    await until(() => registered.some((r) => r.name === "clean"), "it to register");
    assert.equal(registered.find((r) => r.name === "clean")!.inputs.__problems, undefined);
  });

  it(
    "every declared output is an Output, also where the program leaves the argument out, " +
      "and nothing undefined is sent",
    async () => {
      const wf = new civis.Workflow("minimal", { name: "M" });
      const share = new civis.WorkflowShare("minimal-share", {
        workflowId: 1004,
        userIds: [101],
        permissionLevel: "read",
      });
      const access = new civis.WorkflowAccess("minimal-access", { workflowId: 1004, users: { read: [101] } });
      for (const [what, o] of Object.entries({
        "wf.description": wf.description,
        "wf.schedule": wf.schedule,
        "wf.valid": wf.valid,
        "share.groupIds": share.groupIds,
        "share.ownerIds": share.ownerIds,
        "access.groups": access.groups,
        "access.shareEmailBody": access.shareEmailBody,
        "access.ownerId": access.ownerId,
      }))
        assert.ok(pulumi.Output.isInstance(o), `${what} is an Output`);
      await until(() => registered.some((r) => r.name === "minimal-access"), "them to register");
      assert.deepEqual(Object.keys(registered.find((r) => r.name === "minimal")!.inputs).sort(), [
        "__provider",
        "name",
      ]);
      assert.deepEqual(Object.keys(registered.find((r) => r.name === "minimal-access")!.inputs).sort(), [
        "__provider",
        "users",
        "workflowId",
      ]);
    },
  );

  it("opts.import fails at construction and says to write adoptWorkflowId instead", () => {
    assert.throws(
      () => new civis.Workflow("legacy", { name: "Legacy" }, { import: "1004" }),
      /opts\.import cannot take over a Civis workflow; write adoptWorkflowId: "1004" in its arguments instead/,
    );
    assert.throws(
      () =>
        new civis.WorkflowShare(
          "s",
          { workflowId: 1004, userIds: [101], permissionLevel: "read" },
          { import: "1004/read" },
        ),
      /civis:WorkflowShare "s": opts\.import is not supported/,
    );
  });

  it("two resources adopting one workflow are reported with the program's other problems", async () => {
    new civis.Workflow("first", { name: "A", adoptWorkflowId: 1010 });
    new civis.Workflow("second", { name: "B", adoptWorkflowId: 1010 });
    await until(() => registered.filter((r) => ["first", "second"].includes(r.name)).length === 2, "both to register");
    const second = registered.find((r) => r.name === "second")!;
    assert.deepEqual(second.inputs.__problems, [
      'Workflow "second": adoptWorkflowId 1010 is adopted by Workflow "first" already; ' +
        "each workflow can be adopted by one resource",
    ]);
  });

  it("workflowId is the resource's id as a number, not the provider's output", async () => {
    const wf = new civis.Workflow("ided", { name: "C" });
    assert.equal(await new Promise((resolve) => wf.workflowId.apply(resolve)), 1004);
  });
});
