// The API key never reaches the user through an error, even when the API (or a proxy before it)
// echoes the request's credentials in its error body (the emulator's `echoCredentials` fault):
// through the provider objects the host calls, on every way an API error's words reach the user
// (a check failure, a thrown error, a warning on stderr). Each case also requires "[redacted]"
// in what was said, so it cannot pass without the echo having reached the client.
// test/e2e/secrets.test.ts does the same through the engine.
import { after, before, beforeEach, describe, it, mock } from "node:test";
import * as assert from "node:assert/strict";
import * as runtime from "../../../../provider/host/dynamic";
import type { FaultSpec } from "../../../../emulator/faults";
import { withEmulator, type Emulator } from "../../../support/emulator";

const KEY = "civis-ECHOED-key-0123456789abcdef";
const BASIC = Buffer.from(`${KEY}:`).toString("base64");
const leaks = (text: string) => [KEY, BASIC].filter((k) => text.includes(k));

describe("an error body that echoes the key shows neither the key nor its Basic form", () => {
  let emu: Emulator;
  before(async () => {
    emu = await withEmulator();
    emu.context.store.state.apiKeys[KEY] = 1;
    // Stack config, as `pulumi config set civis:apiKey --secret` gives it; no retries to wait for.
    const stack: Record<string, string> = { "civis:apiKey": KEY, "civis:endpoint": emu.url, "civis:maxRetries": "0" };
    await runtime.Workflow.configure({ config: { get: (k: string) => stack[k] } });
  });
  after(async () => emu?.close());
  beforeEach(() => emu.faults.clear());

  /** Everything the user could see of `op` under the fault: its result or error, and stderr. */
  async function said(fault: FaultSpec, op: () => Promise<unknown>): Promise<string> {
    emu.faults.add({ ...fault, echoCredentials: true });
    const seen = emu.log.entries().length;
    const stderr: string[] = [];
    const write = mock.method(
      process.stderr,
      "write",
      (chunk: string | Uint8Array) => (stderr.push(String(chunk)), true),
    );
    let text: string;
    try {
      text = JSON.stringify(await op());
    } catch (e) {
      text = `${(e as Error).message}\n${(e as Error).stack}`;
    } finally {
      write.mock.restore();
    }
    assert.ok(
      emu.log
        .entries()
        .slice(seen)
        .some((e) => e.fault?.endsWith("echoing credentials")),
      "the echoing fault was met",
    );
    return `${text}\n${stderr.join("")}`;
  }

  function assertRedacted(text: string, shape: RegExp): void {
    assert.match(text, shape);
    assert.match(text, /\[redacted\]/, "the echo reached the client and was redacted");
    assert.deepEqual(leaks(text), [], text);
  }

  const name = "Echo";
  let made: { id: string; outs: Record<string, unknown> };

  // First: the key check at preview is the client's first request (a success is kept after).
  it("a check's failure (the key check at preview)", async () => {
    const text = await said({ method: "GET", path: "/users/me", status: 500 }, () =>
      runtime.Workflow.check({}, { name }),
    );
    assertRedacted(text, /GET \/users\/me failed: 500 internal_server_error/);
  });

  it("a create, an update, a read and a delete that fail", async () => {
    const inputs = (await runtime.Workflow.check({}, { name })).inputs;
    made = await runtime.Workflow.create(inputs); // first, so that the later cases have it whatever fails here
    assertRedacted(
      await said({ method: "POST", path: "/workflows", status: 400 }, () => runtime.Workflow.create(inputs)),
      /POST \/workflows\/ failed: 400 bad_request/,
    );
    const renamed = (await runtime.Workflow.check(made.outs, { name: `${name} 2` })).inputs;
    assertRedacted(
      await said({ method: "PATCH", path: "/workflows/\\d+", status: 403 }, () =>
        runtime.Workflow.update(made.id, made.outs, renamed),
      ),
      /PATCH \/workflows\/\d+ failed: 403 forbidden/,
    );
    assertRedacted(
      await said({ method: "GET", path: "/workflows/\\d+", status: 403 }, () =>
        runtime.Workflow.read(made.id, made.outs),
      ),
      /GET \/workflows\/\d+ failed: 403 forbidden/,
    );
    assertRedacted(
      await said({ method: "PUT", path: "/workflows/\\d+/archive", status: 422 }, () =>
        runtime.Workflow.delete(made.id, made.outs),
      ),
      /PUT \/workflows\/\d+\/archive failed: 422/,
    );
  });

  it("a refused revoke, said as a warning", async () => {
    const inputs = (
      await runtime.WorkflowShare.check({}, { workflowId: Number(made.id), userIds: [101], permissionLevel: "read" })
    ).inputs;
    const share = await runtime.WorkflowShare.create(inputs);
    const text = await said({ method: "DELETE", path: "/workflows/\\d+/shares/users/101", status: 403 }, () =>
      runtime.WorkflowShare.delete(share.id, share.outs),
    );
    assertRedacted(text, /warning: .*user 101 was not revoked from workflow \d+/);
  });

  it("a refused grant of an access list, named in the program's terms", async () => {
    const inputs = (await runtime.WorkflowAccess.check({}, { workflowId: Number(made.id), users: { read: [102] } }))
      .inputs;
    const text = await said({ method: "PUT", path: "/workflows/\\d+/shares/users", status: 400 }, () =>
      runtime.WorkflowAccess.create(inputs),
    );
    assertRedacted(text, /users\.read: user 102 could not be given read on workflow \d+: Civis answered 400/);
  });
});
