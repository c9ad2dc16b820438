// Inputs with parts not known yet (another resource's output, in a preview): every resource's
// check fails on the known-bad parts next to them, and keeps a partly-unknown value as written
// (it is made canonical once known). Pure: no client, so no request can be made.
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { hasUnknown, UNKNOWN } from "../../../../provider/core/unknown";
import { check as checkAccess } from "../../../../provider/resources/access/resource";
import { check as checkProject } from "../../../../provider/resources/project";
import { check as checkShare } from "../../../../provider/resources/share/resource";
import { check as checkWorkflow } from "../../../../provider/resources/workflow/resource";
import { CASES } from "../../../support/badInputs";

const CHECKS: Record<
  string,
  (news: Record<string, unknown>) => { inputs: unknown; failures: Array<{ reason: string }> }
> = {
  Workflow: checkWorkflow,
  WorkflowShare: checkShare,
  WorkflowProject: checkProject,
  WorkflowAccess: checkAccess,
};

describe("partly-unknown inputs: the known parts are checked", () => {
  const cases = CASES.filter(([, { args }]) => hasUnknown(args));
  it("the table has a case for every resource", () => {
    assert.deepEqual([...new Set(cases.map(([, { resource }]) => resource))].sort(), Object.keys(CHECKS).sort());
  });
  for (const [what, { resource, args }, message] of cases) {
    it(what, () => {
      const { failures } = CHECKS[resource](args);
      assert.match(failures.map((f) => f.reason).join("\n"), message);
    });
  }
});

describe("partly-unknown inputs that are fine pass, kept as written", () => {
  const job = {
    version: "2.0",
    wf: {
      tasks: {
        load: { action: "civis.run_job", input: { job_id: UNKNOWN }, "on-success": ["score"] },
        score: { action: "std.noop" },
      },
    },
  };
  const table: Array<
    [
      string,
      (news: Record<string, unknown>) => { inputs: unknown; failures: unknown[] },
      Record<string, unknown>,
      string,
    ]
  > = [
    [
      "Workflow schedule",
      checkWorkflow,
      { name: "n", schedule: { scheduledHours: [6], scheduledDays: [UNKNOWN] } },
      "schedule",
    ],
    ["Workflow definition", checkWorkflow, { name: "n", definition: job }, "definition"],
    ["WorkflowShare users", checkShare, { workflowId: 1, userIds: [UNKNOWN, 101], permissionLevel: "read" }, "userIds"],
    ["WorkflowAccess users", checkAccess, { workflowId: 1, users: { read: [UNKNOWN, 101], write: [102] } }, "users"],
  ];
  for (const [what, check, news, property] of table) {
    it(what, () => {
      const { inputs, failures } = check(news);
      assert.deepEqual(failures, []);
      assert.deepEqual(
        (inputs as Record<string, unknown>)[property],
        news[property],
        "as written: not canonical until known",
      );
    });
  }
});
