// Reliability, in process: for every kind of API fault, the provider objects the host calls
// (create, update, read, delete of a workflow, a share, a project link and an access list) converge, and the
// emulator then holds exactly the intended objects. The engine runs one case of each fault family
// end to end (test/e2e/faults.test.ts). The client's waits (Retry-After, backoff) run on a fake
// clock: measured, not slept.
import { after, before, beforeEach, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { dynamicProviders } from "../../../../provider/host/dynamic";
import type { FaultSpec } from "../../../../emulator/faults";
import { FakeClock } from "../../../support/clock";
import { DEFAULT_API_KEY, withEmulator, type Emulator } from "../../../support/emulator";

const FAULTS: Array<[string, Omit<FaultSpec, "method" | "path" | "count">]> = [
  ["429 with Retry-After", { status: 429, retryAfter: 1 }],
  ["502", { status: 502 }],
  ["503", { status: 503 }],
  ["504", { status: 504 }],
  ["connection dropped before the change", { drop: "before" }],
  ["connection dropped after the change", { drop: "after" }],
  // Lands within a second timeout (300 ms), as the create-recovery assumes.
  ["answer slower than the timeout", { delayMs: 450 }],
];
const DEFINITION = 'version: "2.0"\netl:\n  tasks:\n    a: {action: std.noop}\n';
const noStackConfig = { config: { get: (): string | undefined => undefined } };

type Provider = ReturnType<typeof dynamicProviders>["Workflow"];
async function checked(p: Provider, args: object): Promise<Record<string, unknown>> {
  const { inputs, failures } = await p.check({}, args);
  assert.deepEqual(failures, []);
  return inputs;
}

describe("faults: every provider operation converges with exactly the intended objects", () => {
  let emu: Emulator;
  const clock = new FakeClock();
  let runtime: ReturnType<typeof dynamicProviders>;
  before(async () => {
    emu = await withEmulator();
    // Retry-After is honoured as given (1 s, on the fake clock); everything else waits milliseconds.
    const env = {
      CIVIS_API_KEY: DEFAULT_API_KEY,
      CIVIS_API_ENDPOINT: emu.url,
      CIVIS_RETRY_BASE_MS: "5",
      CIVIS_REQUEST_TIMEOUT: "300",
    };
    runtime = dynamicProviders(env, clock);
    await runtime.Workflow.configure(noStackConfig);
  });
  after(async () => emu?.close());

  /**
   * Runs one phase and checks it met a fault; after a 429 with Retry-After, that the refused
   * request waited exactly the Retry-After (1 s) before it was sent again.
   */
  async function faulted<T>(fault: (typeof FAULTS)[number][1], fn: () => Promise<T>): Promise<T> {
    const seen = emu.log.entries().length;
    const waited = clock.waits.length;
    const result = await fn();
    await emu.idle();
    const entries = emu.log.entries().slice(seen);
    assert.ok(
      entries.some((e) => e.fault),
      "a fault was met",
    );
    if (fault.retryAfter !== undefined) {
      const refused = entries.filter((e) => e.status === fault.status).length;
      const waits = clock.waits.slice(waited);
      assert.ok(
        waits.filter((ms) => ms === fault.retryAfter! * 1000).length >= refused,
        `${refused} refused, waits ${waits.join(",")}`,
      );
    }
    return result;
  }
  beforeEach(() => emu.faults.clear());

  for (const [kind, fault] of FAULTS) {
    it(kind, async () => {
      const workflowOf = (id: number) => emu.context.store.state.workflows.find((w) => w.id === id)!;
      // In each phase, the first request to each endpoint misbehaves.
      const phase = async <T>(fn: () => Promise<T>): Promise<T> => {
        for (const p of [
          "/workflows(/\\d+(/archive)?)?",
          "/workflows/\\d+/shares(/.*)?",
          "/workflows/\\d+/projects(/.*)?",
        ]) {
          emu.faults.add({ method: "*", path: p, count: 1, ...fault });
        }
        return faulted(fault, fn);
      };
      const name = `Faulty ETL (${kind})`;
      const wfArgs = await checked(runtime.Workflow, { name, definition: DEFINITION });
      const wf = await phase(() => runtime.Workflow.create(wfArgs));
      const id = Number(wf.id);
      const shareArgs = await checked(runtime.WorkflowShare, {
        workflowId: id,
        userIds: [101],
        permissionLevel: "read",
      });
      const share = await phase(() => runtime.WorkflowShare.create(shareArgs));
      const linkArgs = await checked(runtime.WorkflowProject, { workflowId: id, projectId: 42 });
      const link = await phase(() => runtime.WorkflowProject.create(linkArgs));
      const live = () => emu.context.store.state.workflows.filter((w) => w.name.startsWith(name) && !w.archived);
      assert.equal(live().length, 1, "create: one workflow, no duplicate");
      assert.deepEqual([workflowOf(id).userShares, workflowOf(id).projectIds], [{ 1: "manage", 101: "read" }, [42]]);

      // Update: a rename, one more reader, the link moved to another project (a replace).
      const wfArgs2 = await checked(runtime.Workflow, { name: `${name} v2`, definition: DEFINITION });
      const wf2 = await phase(() => runtime.Workflow.update(wf.id, wf.outs, wfArgs2));
      const shareArgs2 = await checked(runtime.WorkflowShare, {
        workflowId: id,
        userIds: [101, 102],
        permissionLevel: "read",
      });
      const share2 = await phase(() => runtime.WorkflowShare.update(share.id, share.outs, shareArgs2));
      const linkArgs2 = await checked(runtime.WorkflowProject, { workflowId: id, projectId: 43 });
      const link2 = await phase(async () => {
        const made = await runtime.WorkflowProject.create(linkArgs2);
        await runtime.WorkflowProject.delete(link.id, link.outs);
        return made;
      });
      assert.deepEqual(
        [live().length, workflowOf(id).name, workflowOf(id).userShares, workflowOf(id).projectIds],
        [1, `${name} v2`, { 1: "manage", 101: "read", 102: "read" }, [43]],
      );

      // Refresh finds what the program set.
      const reads = await phase(() =>
        Promise.all([
          runtime.Workflow.read(wf.id, wf2.outs),
          runtime.WorkflowShare.read(share.id, share2.outs),
          runtime.WorkflowProject.read(link2.id, link2.outs),
        ]),
      );
      assert.equal(reads[0].props.name, `${name} v2`);
      assert.deepEqual(reads[1].props.userIds, [101, 102]);
      assert.equal(reads[2].id, link2.id);

      // Destroy: the share and link first, then the workflow, as the engine orders them.
      await phase(() =>
        Promise.all([
          runtime.WorkflowShare.delete(share.id, share2.outs),
          runtime.WorkflowProject.delete(link2.id, link2.outs),
        ]),
      );
      await phase(() => runtime.Workflow.delete(wf.id, wf2.outs));
      assert.equal(live().length, 0, "destroy: nothing live");
      assert.equal(
        emu.context.store.state.workflows.filter((w) => w.name.startsWith(name)).length,
        1,
        "nothing was ever duplicated",
      );
      assert.deepEqual([workflowOf(id).userShares, workflowOf(id).projectIds], [{ 1: "manage" }, []]);
    });

    it(`${kind}: the access list`, async () => {
      const w = emu.context.store.state;
      const made = await runtime.Workflow.create(await checked(runtime.Workflow, { name: `Audited (${kind})` }));
      const id = Number(made.id);
      const acl = () => {
        const x = w.workflows.find((y) => y.id === id)!;
        return { users: x.userShares, groups: x.groupShares };
      };
      // Added in the web app: revoked by the list.
      Object.assign(w.workflows.find((y) => y.id === id)!.userShares, { 102: "write" });
      const phase = async <T>(fn: () => Promise<T>): Promise<T> => {
        emu.faults.add({ method: "*", path: "/workflows/\\d+(/shares(/.*)?)?", count: 1, ...fault });
        emu.faults.add({ method: "PUT", path: "/workflows/\\d+/shares/.*", count: 1, ...fault });
        emu.faults.add({ method: "DELETE", path: "/workflows/\\d+/shares/.*", count: 1, ...fault });
        return faulted(fault, fn);
      };
      const access = await phase(async () =>
        runtime.WorkflowAccess.create(
          await checked(runtime.WorkflowAccess, { workflowId: id, users: { read: [101] }, groups: { read: [7] } }),
        ),
      );
      assert.deepEqual(acl(), { users: { 1: "manage", 101: "read" }, groups: { 7: "read" } });
      const next = await checked(runtime.WorkflowAccess, {
        workflowId: id,
        users: { write: [101], manage: [103] },
        groups: {},
      });
      const updated = await phase(() => runtime.WorkflowAccess.update(access.id, access.outs, next));
      assert.deepEqual(acl(), { users: { 1: "manage", 101: "write", 103: "manage" }, groups: {} });
      const read = await phase(() => runtime.WorkflowAccess.read(access.id, updated.outs));
      assert.deepEqual([read.props.users, read.props.groups], [{ write: [101], manage: [103] }, {}]);
      await phase(() => runtime.WorkflowAccess.delete(access.id, updated.outs));
      assert.deepEqual(acl(), { users: { 1: "manage" }, groups: {} });
    });
  }
});
