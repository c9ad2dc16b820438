// The API client against the emulator: auth, errors phrased for people, retries per the policy.
import { after, before, beforeEach, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { CivisApiError, createClient, type CivisClient } from "../../../../provider/client";
import { FakeClock } from "../../../support/clock";
import { DEFAULT_API_KEY, requests, withEmulator, type Emulator } from "../../../support/emulator";

describe("API client", () => {
  let emu: Emulator;
  let client: CivisClient;
  const config = (over: object = {}) => ({
    apiKey: DEFAULT_API_KEY,
    endpoint: `${emu.url}/`,
    maxRetries: 3,
    requestTimeoutMs: 2000,
    retryBaseMs: 5,
    ...over,
  });
  before(async () => {
    emu = await withEmulator();
    client = createClient(config());
  });
  after(async () => emu?.close());
  beforeEach(() => {
    emu.log.clear();
    emu.faults.clear();
  });

  it("creates, reads, patches and archives a workflow", async () => {
    const w = await client.createWorkflow({ name: "c" });
    assert.equal((await client.getWorkflow(w.id)).name, "c");
    assert.equal((await client.patchWorkflow(w.id, { description: "d" })).description, "d");
    assert.equal((await client.archiveWorkflow(w.id, true)).archived, true);
    assert.deepEqual(requests(emu), [
      "POST /workflows",
      `GET /workflows/${w.id}`,
      `PATCH /workflows/${w.id}`,
      `PUT /workflows/${w.id}/archive`,
    ]);
  });

  it("asks who the key belongs to once per client; a failure is not kept", async () => {
    const fresh = createClient(config());
    emu.faults.add({ method: "GET", path: "/users/me", status: 500 });
    await assert.rejects(fresh.me(), /500/);
    const [a, b] = await Promise.all([fresh.me(), fresh.me()]);
    assert.equal(a.id, 1);
    assert.equal(b, a);
    await fresh.me();
    assert.deepEqual(requests(emu), ["GET /users/me", "GET /users/me"]);
  });

  it("errors name the request and the server's words", async () => {
    await assert.rejects(
      client.patchWorkflow(123456, { name: "x" }),
      (e: Error) =>
        e instanceof CivisApiError &&
        e.message ===
          "Civis API: PATCH /workflows/123456 failed: 404 not_found: The requested resource could not be found.",
    );
    await assert.rejects(
      client.createWorkflow({ name: "" }),
      (e: Error) =>
        e.message ===
        "Civis API: POST /workflows/ failed: 400 bad_request: " +
          "The given request was not as expected: Validation failed: name can't be blank",
    );
  });

  it("a refused key says so without showing it", async () => {
    const bad = createClient(config({ apiKey: "not-a-real-key-12345" }));
    await assert.rejects(
      bad.me(),
      (e: Error) =>
        /401 unauthorized: the API key was refused/.test(e.message) &&
        !e.message.includes("not-a-real-key-12345") &&
        !(e.stack ?? "").includes("not-a-real-key-12345"),
    );
  });

  it("retries a GET through 429 (honouring Retry-After), 502, 503, 504 and a dropped connection", async () => {
    emu.faults.add({ method: "GET", path: "/users/me", status: 429, retryAfter: 1 });
    emu.faults.add({ method: "GET", path: "/users/me", status: 502 });
    emu.faults.add({ method: "GET", path: "/users/me", status: 503 });
    // The waits run on a fake clock: measured, not slept.
    const clock = new FakeClock();
    const t = clock.now();
    assert.equal((await createClient(config(), undefined, undefined, clock).me()).id, 1);
    assert.equal(clock.waits[0], 1000, "waited Retry-After after the 429");
    assert.ok(clock.now() - t >= 1000, "waited at least Retry-After");
    emu.faults.add({ method: "GET", path: "/users/me", status: 504 });
    emu.faults.add({ method: "GET", path: "/users/me", drop: "before" });
    assert.equal((await createClient(config()).me()).id, 1);
    assert.equal(emu.log.entries().length, 7, "four tries, then three");
  });

  it("gives up after maxRetries with the last error", async () => {
    emu.faults.add({ method: "GET", path: "/users/me", status: 503, count: 10 });
    await assert.rejects(createClient(config()).me(), /GET \/users\/me failed: 503 service_unavailable/);
    assert.equal(emu.log.entries().length, 4, "one try and three retries");
  });

  it("never retries a 500, nor a POST that may have been processed", async () => {
    emu.faults.add({ method: "GET", path: "/users/me", status: 500 });
    await assert.rejects(createClient(config()).me(), /500/);
    emu.faults.add({ method: "POST", path: "/workflows", status: 502 });
    await assert.rejects(client.createWorkflow({ name: "maybe" }), /502/);
    assert.equal(emu.log.entries().length, 2);
  });

  it("retries a POST the server certainly did not process (429, 503)", async () => {
    emu.faults.add({ method: "POST", path: "/workflows", status: 503 });
    emu.faults.add({ method: "POST", path: "/workflows", status: 429, retryAfter: 0 });
    const w = await client.createWorkflow({ name: "once" });
    assert.equal(emu.context.store.state.workflows.filter((x) => x.name === "once").length, 1);
    assert.ok(w.id > 0);
  });

  it("reads the shares index in both the object and the spec's array form", async () => {
    const w = await client.createWorkflow({ name: "s" });
    await client.shareUsers(w.id, [101], { permissionLevel: "read" });
    const one = await client.getShares(w.id);
    emu.context.options.sharesAsArray = true;
    try {
      assert.deepEqual(await client.getShares(w.id), one);
    } finally {
      emu.context.options.sharesAsArray = false;
    }
    assert.deepEqual(one.readers.users, [{ id: 101, name: "Ben Reader" }]);
  });

  it("a timeout is reported with the setting that governs it", async () => {
    const slow = createClient(config({ requestTimeoutMs: 200, maxRetries: 0 }));
    emu.faults.add({ method: "GET", path: "/users/me", delayMs: 600 });
    await assert.rejects(slow.me(), /no answer from .* within 200 ms \(civis:requestTimeout\)/);
  });
});
