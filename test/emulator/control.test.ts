// The control API tests use: the request log, fault injection, out-of-band edits, reset.
import { after, before, beforeEach, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as net from "node:net";
import type { LogEntry } from "../../emulator/log";
import { call, withEmulator, type Emulator } from "../support/emulator";

async function control(emu: Emulator, method: string, path: string, body?: unknown) {
  const res = await fetch(`${emu.url}/_emulator${path}`, {
    method,
    headers: body ? { "Content-Type": "application/json" } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

describe("emulator control API", () => {
  let emu: Emulator;
  before(async () => (emu = await withEmulator()));
  after(async () => emu?.close());
  beforeEach(async () => void (await control(emu, "POST", "/reset")));

  it("logs method, path, query, body and status, never the Authorization header, and not itself", async () => {
    await call(emu, "POST", "/workflows/", { name: "logged" });
    await call(emu, "GET", "/workflows/?limit=5");
    const log = (await control(emu, "GET", "/log")).body;
    assert.equal(log.length, 2);
    assert.deepEqual(
      [log[0].method, log[0].path, log[0].status, log[0].body],
      ["POST", "/workflows", 201, { name: "logged" }],
    );
    assert.deepEqual(log[1].query, { limit: "5" });
    assert.ok(!JSON.stringify(log).includes("emulator-api-key"));
    assert.ok(!JSON.stringify(log).toLowerCase().includes("authorization"));
  });

  it("injects a status with Retry-After for the next N matching requests only", async () => {
    await control(emu, "POST", "/faults", { method: "GET", path: "/users/me", count: 2, status: 429, retryAfter: 3 });
    const first = await call(emu, "GET", "/users/me");
    assert.equal(first.status, 429);
    assert.equal(first.headers.get("retry-after"), "3");
    assert.equal((await call(emu, "GET", "/workflows/")).status, 200, "other paths are untouched");
    assert.equal((await call(emu, "GET", "/users/me")).status, 429);
    assert.equal((await call(emu, "GET", "/users/me")).status, 200);
    for (const status of [500, 502, 503, 504]) {
      await control(emu, "POST", "/faults", { path: "/users/me", status });
      const r = await call(emu, "GET", "/users/me");
      assert.equal(r.status, status);
      assert.equal(r.body.code, status);
    }
  });

  it("drops the connection before the change (nothing applied) or after it (applied, no answer)", async () => {
    await control(emu, "POST", "/faults", { method: "POST", path: "/workflows", drop: "before" });
    await assert.rejects(call(emu, "POST", "/workflows/", { name: "lost" }));
    assert.equal(emu.context.store.state.workflows.length, 0);
    await control(emu, "POST", "/faults", { method: "POST", path: "/workflows", drop: "after" });
    await assert.rejects(call(emu, "POST", "/workflows/", { name: "applied" }));
    assert.deepEqual(
      emu.context.store.state.workflows.map((w) => w.name),
      ["applied"],
    );
    const log = (await control(emu, "GET", "/log")).body;
    assert.deepEqual(
      log.map((e: LogEntry) => [e.status, e.applied, e.fault]),
      [
        ["dropped", false, "drop before"],
        ["dropped", true, "drop after"],
      ],
    );
  });

  it(
    "echoes the request's key and its Basic form " + "in an error answer's slug and description, never in the log",
    async () => {
      const key = "emulator-colleague-key"; // a second seeded key: the echo is the caller's, not a fixed text
      const basic = Buffer.from(`${key}:`).toString("base64");
      await control(emu, "POST", "/faults", {
        method: "PATCH",
        path: "/workflows/\\d+",
        status: 400,
        echoCredentials: true,
      });
      const r = await call(emu, "PATCH", "/workflows/1", { name: "x" }, key);
      assert.equal(r.status, 400);
      for (const field of [r.body.error, r.body.errorDescription]) {
        assert.ok(field.includes(key) && field.includes(basic), field);
      }
      // Bearer auth carries the bare key; the echo still gives both forms.
      await control(emu, "POST", "/faults", { path: "/users/me", status: 500, echoCredentials: true });
      const bearer = await fetch(`${emu.url}/users/me`, { headers: { Authorization: `Bearer ${key}` } });
      const text = await bearer.text();
      assert.equal(bearer.status, 500);
      assert.ok(text.includes(key) && text.includes(basic), text);
      const log = JSON.stringify((await control(emu, "GET", "/log")).body);
      assert.ok(!log.includes(key) && !log.includes(basic), log);
      assert.match(log, /status 400 echoing credentials/);
      assert.equal(
        (await control(emu, "POST", "/faults", { path: "/users/me", delayMs: 5, echoCredentials: true })).status,
        400,
        "echoCredentials without status is refused: it would echo nothing",
      );
    },
  );

  it("runs rate-limit windows faster with timeScale, and refuses a scale that is not above 0", async () => {
    for (const timeScale of [0, -1, "fast"]) {
      assert.equal((await control(emu, "POST", "/options", { timeScale })).status, 400, `timeScale ${timeScale}`);
    }
    // A 30 s window: Retry-After 30 on the wall clock, 1 at scale 50 (0.6 s, in whole seconds).
    const limited = { rateLimit: { limit: 1, windowMs: 30_000 } };
    try {
      for (const [timeScale, retryAfter] of [
        [1, "30"],
        [50, "1"],
      ] as const) {
        assert.equal((await control(emu, "POST", "/options", { ...limited, timeScale })).body.timeScale, timeScale);
        await call(emu, "GET", "/users/me");
        assert.equal((await call(emu, "GET", "/users/me")).headers.get("retry-after"), retryAfter);
      }
      await new Promise((r) => setTimeout(r, 650));
      assert.equal((await call(emu, "GET", "/users/me")).status, 200, "the window passed in 0.6 s");
    } finally {
      await control(emu, "POST", "/options", { rateLimit: { limit: 1000, windowMs: 300_000 }, timeScale: 1 });
    }
  });

  it("delays a response", async () => {
    await control(emu, "POST", "/faults", { path: "/users/me", delayMs: 300 });
    const t = Date.now();
    assert.equal((await call(emu, "GET", "/users/me")).status, 200);
    assert.ok(Date.now() - t >= 290);
  });

  it("makes out-of-band changes as a person in the web app would", async () => {
    const { body: w } = await call(emu, "POST", "/workflows/", { name: "mine" });
    await call(emu, "PUT", `/workflows/${w.id}/shares/users`, { userIds: [101], permissionLevel: "read" });
    await call(emu, "PUT", `/workflows/${w.id}/projects/42`);
    await control(emu, "PATCH", `/workflows/${w.id}`, { name: "renamed in the web app", archived: true });
    await control(emu, "DELETE", `/workflows/${w.id}/shares/users/101`);
    await control(emu, "DELETE", `/workflows/${w.id}/projects/42`);
    const after = (await call(emu, "GET", `/workflows/${w.id}`)).body;
    assert.equal(after.name, "renamed in the web app");
    assert.equal(after.archived, true);
    assert.deepEqual((await call(emu, "GET", `/workflows/${w.id}/shares`)).body.readers.users, []);
    assert.deepEqual((await call(emu, "GET", `/workflows/${w.id}/projects`)).body, []);
  });

  it("reset restores the seed and clears the log and faults", async () => {
    await call(emu, "POST", "/workflows/", { name: "x" });
    await control(emu, "POST", "/faults", { path: ".*", status: 500, count: 5 });
    await control(emu, "POST", "/reset");
    assert.equal(emu.context.store.state.workflows.length, 0);
    assert.deepEqual((await control(emu, "GET", "/faults")).body, []);
    assert.equal((await call(emu, "GET", "/users/me")).status, 200);
  });

  it("listens on loopback only", () => {
    assert.ok(net.isIP(new URL(emu.url).hostname));
    assert.equal(new URL(emu.url).hostname, "127.0.0.1");
  });
});
