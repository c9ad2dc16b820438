// Bad input fails at `pulumi preview`, with the property and the fix, before any API request:
// through the real engine, one case per resource, the component's and config's. Every case of the
// table runs through the provider objects in test/integration/provider/host/badinput.test.ts.
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { REPO } from "../../scripts/engine";
import { CASES, ENGINE_CASES } from "../support/badInputs";
import { TestStack } from "../support/stack";

const PROGRAM_DIR = path.join(REPO, "test", "e2e", "programs", "badinput");
const PROGRAM = path.join(REPO, "dist", "test", "e2e", "programs", "badinput", "index.js");
const cases = CASES.filter(([what]) => ENGINE_CASES.has(what));

describe("bad input fails at preview, naming the property and the fix, with no API request", () => {
  let stack: TestStack;
  before(async () => {
    assert.equal(cases.length, ENGINE_CASES.size, "every engine case names a case of the table");
    stack = await TestStack.create({ name: "badinput", workDir: PROGRAM_DIR, program: PROGRAM });
  });
  after(async () => stack?.close());

  // Previews run a few at a time, each on its own stack of the same backend.
  const results = new Map<number, ReturnType<TestStack["run"]>>();
  const runCase = (i: number) => {
    if (!results.has(i)) {
      const [, args, , env] = cases[i];
      results.set(
        i,
        stack.run("preview", {
          stack: `case-${i}`,
          env: { PULUMI_CIVIS_TEST_ARGS: JSON.stringify(args), ...(env ?? {}) },
        }),
      );
    }
    return results.get(i)!;
  };

  cases.forEach(([what, , message], i) => {
    it(what, async () => {
      // Start this case and the next two, so three previews are in flight while this one is checked.
      for (let j = i; j < Math.min(i + 3, cases.length); j++) void runCase(j).catch(() => undefined);
      const r = await runCase(i);
      // What the engine printed goes with any failure: a case that fails only under load says why.
      const printed = `${r.error}\n${r.log}`;
      assert.equal(r.ok, false, `the preview failed\n${printed}`);
      assert.match(printed, message, printed);
      assert.deepEqual(r.requests, [], `no request at all\n${printed}`);
    });
  });

  it("every bad input of a program is reported in one preview, each once", async () => {
    const program = [
      { name: "a", resource: "Workflow", args: { name: "a", schedule: { scheduledHours: [25] } } },
      { name: "b", resource: "WorkflowShare", args: { workflowId: 1001, userIds: [101], permissionLevel: "admin" } },
      { name: "c", resource: "ManagedWorkflow", args: { name: "c", projectIds: [42, 42] } },
      { name: "fine", resource: "Workflow", args: { name: "fine" } },
    ];
    const r = await stack.run("preview", {
      stack: "all-at-once",
      env: { PULUMI_CIVIS_TEST_ARGS: JSON.stringify(program) },
    });
    assert.equal(r.ok, false);
    for (const message of [
      'Workflow "a": schedule.scheduledHours[0] must be a whole number from 0 to 23, not number 25',
      'WorkflowShare "b": permissionLevel must be "read", "write" or "manage", not "admin"',
      'ManagedWorkflow "c": projectIds lists 42 more than once',
    ]) {
      // Once where the engine stops, once under Diagnostics: the engine's own display.
      assert.equal(r.log.split(message).length - 1, 2, `${message}\n${r.log}`);
    }
    assert.deepEqual(r.requests, []);
  });
});
