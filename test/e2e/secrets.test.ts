// The API key is a secret: whatever happens, it is not in the state, the serialized provider,
// the engine's output or any error message.
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO } from "../../scripts/engine";
import { TestStack } from "../support/stack";

const PROGRAM_DIR = path.join(REPO, "test", "e2e", "programs", "workflow");
const PROGRAM = path.join(REPO, "dist", "test", "e2e", "programs", "workflow", "index.js");
const KEY = "civis-SECRET-key-0123456789abcdef";
const WRONG_KEY = "civis-WRONG-key-fedcba9876543210";
const args = (wf: object) => ({ PULUMI_CIVIS_TEST_ARGS: JSON.stringify({ workflows: { wf } }) });
const leaks = (text: string, key = KEY) =>
  [key, Buffer.from(`${key}:`).toString("base64")].filter((k) => text.includes(k));

/**
 * Files under `dir` holding the key or its Basic form, but the emulator's state: its table of keys
 * holds KEY by design.
 */
function filesHoldingKey(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const file = path.join(dir, d.name);
    if (d.isDirectory()) return filesHoldingKey(file);
    return d.isFile() && d.name !== "emulator.json" && leaks(fs.readFileSync(file, "latin1")).length > 0 ? [file] : [];
  });
}

describe("the API key never leaks", () => {
  let stack: TestStack;
  before(async () => {
    stack = await TestStack.create({
      name: "secrets",
      workDir: PROGRAM_DIR,
      program: PROGRAM,
      env: { CIVIS_API_KEY: KEY, CIVIS_MAX_RETRIES: "2" },
    });
    stack.emulator.context.store.state.apiKeys[KEY] = 1;
  });
  after(async () => stack?.close());

  it("from the environment: not in the state (even with --show-secrets), the provider, the output", async () => {
    const r = await stack.ok("up", { env: args({ name: "secret-env" }) });
    assert.deepEqual(leaks(r.log), []);
    assert.deepEqual(leaks(stack.exportState()), []);
    assert.deepEqual(leaks(stack.exportState(true)), []);
    const [wf] = stack.resources("pulumi-nodejs:dynamic/civis:Workflow");
    assert.deepEqual(leaks(wf.inputs.__provider!), []);
    assert.deepEqual(leaks(JSON.stringify(stack.emulator.log.entries())), [], "nor in the emulator's request log");
  });

  it("a 401 says the key was refused without showing it", async () => {
    const r = await stack.run("up", { env: { ...args({ name: "secret-env 401" }), CIVIS_API_KEY: WRONG_KEY } });
    assert.equal(r.ok, false);
    assert.match(r.log, /401 unauthorized: the API key was refused; check civis:apiKey/);
    assert.deepEqual(leaks(`${r.log}\n${r.error}`, WRONG_KEY), []);
  });

  it("a 503 after the retries run out, a 500, and a check failure show no key either", async () => {
    stack.emulator.faults.add({ method: "PATCH", path: "/workflows/\\d+", status: 503, count: 3 });
    const exhausted = await stack.run("up", { env: args({ name: "secret-env renamed" }) });
    assert.equal(exhausted.ok, false);
    assert.match(exhausted.log, /503 service_unavailable/);
    stack.emulator.faults.add({ method: "PATCH", path: "/workflows/\\d+", status: 500 });
    const failed = await stack.run("up", { env: args({ name: "secret-env renamed" }) });
    assert.equal(failed.ok, false);
    assert.match(failed.log, /500 internal_server_error/);
    const bad = await stack.run("preview", { env: args({ name: "x", timeZone: "Nowhere/Special" }) });
    assert.equal(bad.ok, false);
    for (const r of [exhausted, failed, bad]) assert.deepEqual(leaks(`${r.log}\n${r.error}`), []);
    stack.emulator.faults.clear();
  });

  it(
    "an error body that echoes the key and its Basic form: " +
      "neither in the errors, the output, the logs or the state",
    async () => {
      // The emulator repeats the request's credentials in the error's slug and description
      // (echoCredentials): at preview's key check, at up's PATCH, at refresh's read.
      const echo = { status: 500, echoCredentials: true };
      stack.emulator.faults.add({ method: "GET", path: "/users/me", ...echo });
      const preview = await stack.run("preview", { env: args({ name: "secret-echo" }) });
      stack.emulator.faults.add({ method: "PATCH", path: "/workflows/\\d+", ...echo, status: 400 });
      const up = await stack.run("up", { env: args({ name: "secret-echo" }) });
      stack.emulator.faults.add({ method: "GET", path: "/workflows/\\d+", ...echo, status: 403 });
      const refresh = await stack.run("refresh", { env: args({ name: "secret-echo" }) });
      for (const [op, r] of Object.entries({ preview, up, refresh })) {
        assert.equal(r.ok, false, `${op} failed`);
        assert.ok(
          r.entries.some((e) => e.fault?.endsWith("echoing credentials")),
          `${op} met the echoing fault`,
        );
        // "[redacted]" proves the echo reached the client: without it this could pass on a body never shown.
        assert.match(`${r.log}\n${r.error}`, /failed: \d{3} [a-z_]+:\[redacted\]:\[redacted\]: .*\[redacted\]/, op);
        assert.deepEqual(leaks(`${r.log}\n${r.error}`), [], op);
        assert.deepEqual(leaks(JSON.stringify(r.entries)), [], `${op}: nor in the emulator's request log`);
      }
      stack.emulator.faults.clear();
      // Only env has given the key so far: not even --show-secrets can find it in the state.
      assert.deepEqual(leaks(stack.exportState(true)), []);
      // The engine's files (state, history, backups, settings, any log) hold neither form either.
      assert.deepEqual(filesHoldingKey(stack.dir), []);
    },
  );

  it(
    "from secret stack config: never in a resource, the provider or the output; " + "only encrypted in the state",
    async () => {
      const r = await stack.ok("up", {
        env: { ...args({ name: "secret-config" }), CIVIS_API_KEY: undefined },
        config: { "civis:apiKey": { value: KEY, secret: true } },
      });
      assert.deepEqual(leaks(r.log), []);
      assert.deepEqual(leaks(stack.exportState()), [], "the exported state holds it only as ciphertext");
      const shown = JSON.parse(stack.exportState(true)).deployment.resources as Array<{
        type: string;
        inputs?: object;
        outputs?: object;
      }>;
      for (const res of shown.filter((x) => x.type.startsWith("pulumi-nodejs:dynamic/"))) {
        assert.deepEqual(leaks(JSON.stringify(res)), [], `${res.type} holds no key`);
      }
      // Pulumi itself keeps the stack config it hands to dynamic providers in the state of the
      // default pulumi-nodejs provider, encrypted; --show-secrets decrypts it there. The README
      // says so and recommends CIVIS_API_KEY to keep the key out of the state altogether.
      const where = shown.filter((x) => leaks(JSON.stringify(x)).length > 0).map((x) => x.type);
      assert.deepEqual([...new Set(where)], where.length ? ["pulumi:providers:pulumi-nodejs"] : []);
    },
  );
});
