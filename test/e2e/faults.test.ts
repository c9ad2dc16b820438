// Reliability through the real engine: for one fault of each family (a status to retry, a
// connection dropped after the change, an answer slower than the timeout), create, update,
// refresh and destroy of a workflow with a share and a project link, and of one with an access
// list, converge, and the emulator
// then holds exactly the intended objects. Every fault kind runs through the provider objects in
// test/integration/provider/host/faults.test.ts.
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { REPO } from "../../scripts/engine";
import type { FaultSpec } from "../../emulator/faults";
import { TestStack } from "../support/stack";

const PROGRAM_DIR = path.join(REPO, "test", "e2e", "programs", "managed");
const PROGRAM = path.join(REPO, "dist", "test", "e2e", "programs", "managed", "index.js");
const DEFINITION = 'version: "2.0"\netl:\n  tasks:\n    a: {action: std.noop}\n';

const FAULTS: Array<[string, Omit<FaultSpec, "method" | "path" | "count">]> = [
  ["503", { status: 503 }],
  ["connection dropped after the change", { drop: "after" }],
  ["answer slower than the timeout", { delayMs: 1500 }],
];

// Beside it, a workflow whose whole access list the program owns (a WorkflowAccess).
const audited = (shares: object) => ({ name: "Faulty audited", exclusiveAccess: true, shares });
const v1 = {
  managed: {
    etl: { name: "Faulty ETL", definition: DEFINITION, shares: { read: { users: [101] } }, projectIds: [42] },
    audited: audited({ read: { users: [101] } }),
  },
};
const v2 = {
  managed: {
    etl: { name: "Faulty ETL v2", definition: DEFINITION, shares: { read: { users: [101, 102] } }, projectIds: [43] },
    audited: audited({ write: { users: [101, 102] }, read: { groups: [8] } }),
  },
};

describe("faults: every operation converges with exactly the intended objects", () => {
  for (const [kind, fault] of FAULTS) {
    it(`${kind}`, async () => {
      const stack = await TestStack.create({
        name: "faults",
        workDir: PROGRAM_DIR,
        program: PROGRAM,
        env: { CIVIS_REQUEST_TIMEOUT: "1000" },
      });
      const state = () => stack.emulator.context.store.state;
      const live = () => state().workflows.filter((w) => !w.archived);
      // In each operation, the first request to each resource's endpoints misbehaves: the
      // workflow's, the share's and the project link's.
      const inject = () => {
        for (const p of [
          "/workflows(/\\d+(/archive)?)?",
          "/workflows/\\d+/shares(/.*)?",
          "/workflows/\\d+/projects(/.*)?",
        ]) {
          stack.emulator.faults.add({ method: "*", path: p, count: 1, ...fault });
        }
      };
      const run = async (op: "up" | "refresh" | "destroy", args: object) => {
        inject();
        const r = await stack.ok(op, { env: { PULUMI_CIVIS_TEST_ARGS: JSON.stringify(args) } });
        assert.ok(
          r.entries.some((e) => e.fault),
          `${op} met a fault`,
        );
        return r;
      };
      try {
        const named = (prefix: string) => live().filter((x) => x.name.startsWith(prefix));
        await run("up", v1);
        assert.equal(live().length, 2, "create: two workflows, no duplicate");
        const [w] = named("Faulty ETL");
        assert.deepEqual([w.name, w.userShares, w.projectIds], ["Faulty ETL", { 1: "manage", 101: "read" }, [42]]);
        assert.deepEqual(
          [named("Faulty audited")[0].userShares, named("Faulty audited")[0].groupShares],
          [{ 1: "manage", 101: "read" }, {}],
        );

        await run("up", v2);
        assert.equal(live().length, 2, "update: still two workflows");
        const [w2] = named("Faulty ETL");
        assert.deepEqual(
          [w2.id, w2.name, w2.userShares, w2.projectIds],
          [w.id, "Faulty ETL v2", { 1: "manage", 101: "read", 102: "read" }, [43]],
        );
        assert.deepEqual(
          [named("Faulty audited")[0].userShares, named("Faulty audited")[0].groupShares],
          [{ 1: "manage", 101: "write", 102: "write" }, { 8: "read" }],
        );

        await run("refresh", v2);
        const clean = await stack.ok("preview", {
          env: { PULUMI_CIVIS_TEST_ARGS: JSON.stringify(v2) },
          options: { expectNoChanges: true },
        });
        assert.deepEqual(clean.requests, []);

        await run("destroy", {});
        assert.equal(live().length, 0, "destroy: nothing live");
        assert.equal(state().workflows.length, 2, "nothing was ever duplicated");
        for (const x of state().workflows)
          assert.deepEqual([x.userShares, x.groupShares, x.projectIds], [{ 1: "manage" }, {}, []]);
      } finally {
        await stack.close();
      }
    });
  }
});
