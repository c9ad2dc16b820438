// Documented behaviour of the live API, reproduced: defaults, bad requests and their errors,
// auth, pagination, shares and projects.
import { after, before, beforeEach, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import { call, withEmulator, DEFAULT_API_KEY, type Emulator } from "../support/emulator";
import { SPEC_FILE, specSkip } from "../support/spec";

const DEFINITION = "version: '2.0'\nwf:\n  tasks:\n    a:\n      action: std.noop\n";

describe("emulator: workflows", () => {
  let emu: Emulator;
  before(async () => (emu = await withEmulator()));
  after(async () => emu?.close());
  beforeEach(async () => void (await fetch(`${emu.url}/_emulator/reset`, { method: "POST" })));

  it("fills the server defaults for fields not sent", async () => {
    const r = await call(emu, "POST", "/workflows/", { name: "n" });
    assert.equal(r.status, 201);
    assert.equal(r.body.timeZone, "America/Chicago");
    assert.equal(r.body.allowConcurrentExecutions, true);
    assert.deepEqual(r.body.schedule, {
      scheduled: null,
      scheduledDays: [],
      scheduledHours: [],
      scheduledMinutes: [],
      scheduledRunsPerHour: null,
      scheduledDaysOfMonth: [],
    });
    assert.deepEqual(r.body.notifications, {
      urls: [],
      successEmailSubject: null,
      successEmailBody: null,
      successEmailAddresses: [],
      failureEmailAddresses: [],
      stallWarningMinutes: null,
      successOn: true,
      failureOn: true,
    });
    assert.equal(r.body.archived, false);
    assert.equal(typeof r.body.fileId, "number");
    assert.equal(r.body.user.id, 1);
    assert.equal(r.body.myPermissionLevel, "manage");
    assert.equal(r.body.state, "idle");
  });

  it("filters the list by the spec's scheduled and state filters", async () => {
    const on = (
      await call(emu, "POST", "/workflows/", { name: "on", schedule: { scheduled: true, scheduledHours: [6] } })
    ).body;
    const off = (await call(emu, "POST", "/workflows/", { name: "off" })).body;
    const ids = async (query: string) =>
      (await call(emu, "GET", `/workflows/?${query}`)).body.map((w: { id: number }) => w.id).sort();
    assert.deepEqual(await ids("scheduled=true"), [on.id]);
    assert.deepEqual(await ids("scheduled=false"), [off.id]);
    // Scheduled and never run is the "scheduled" state; the rest are idle.
    assert.deepEqual(await ids("state[]=scheduled"), [on.id]);
    assert.deepEqual(await ids("state=idle"), [off.id]);
    assert.deepEqual(await ids("state=idle,scheduled"), [on.id, off.id].sort());
    assert.deepEqual(await ids("state=running"), []);
    assert.equal((await call(emu, "GET", "/workflows/?state=sleeping")).status, 400);
    assert.equal((await call(emu, "GET", "/workflows/?scheduled=maybe")).status, 400);
  });

  it("transfer: the new owner is the author with manage; the previous keeps manage, or nothing if told", async () => {
    const made = async () => (await call(emu, "POST", "/workflows/", { name: "owned" })).body as { id: number };
    const w = await made();
    const bad = await call(emu, "PUT", `/workflows/${w.id}/transfer`, { userId: 103 });
    assert.equal(bad.status, 400, "includeDependencies is required");
    assert.equal(
      (await call(emu, "PUT", `/workflows/${w.id}/transfer`, { userId: 999, includeDependencies: false })).status,
      400,
    );
    const r = await call(emu, "PUT", `/workflows/${w.id}/transfer`, {
      userId: 103,
      includeDependencies: false,
      sendEmail: false,
    });
    assert.deepEqual([r.status, r.body], [200, { dependencies: [] }]);
    const after = (await call(emu, "GET", `/workflows/${w.id}`)).body as { user: { id: number } };
    assert.equal(after.user.id, 103);
    const shares = (await call(emu, "GET", `/workflows/${w.id}/shares`)).body as {
      owners: { users: Array<{ id: number }> };
    };
    assert.deepEqual(shares.owners.users.map((u) => u.id).sort(), [1, 103]);
    emu.context.options.previousOwnerKeeps = "nothing";
    try {
      const other = await made();
      await call(emu, "PUT", `/workflows/${other.id}/transfer`, { userId: 103, includeDependencies: false });
      assert.equal((await call(emu, "GET", `/workflows/${other.id}`)).status, 404, "the caller lost it");
    } finally {
      emu.context.options.previousOwnerKeeps = "manage";
    }
  });

  it("clone: the caller's copy, named as in the spec's example; schedule and notifications if asked", async () => {
    const source = (
      await call(emu, "POST", "/workflows/", {
        name: "Source",
        definition: 'version: "2.0"\nwf:\n  tasks:\n    a: {action: std.noop}\n',
        schedule: { scheduled: true, scheduledHours: [5] },
        notifications: { failureEmailAddresses: ["a@example.com"] },
      })
    ).body as { id: number; definition: string };
    const plain = await call(emu, "POST", `/workflows/${source.id}/clone`);
    assert.equal(plain.status, 201);
    const copy = plain.body as { id: number; name: string; definition: string; schedule: { scheduled: unknown } };
    assert.deepEqual([copy.name, copy.definition], [`Clone of Workflow ${source.id} Source`, source.definition]);
    assert.equal(copy.schedule.scheduled, null, "no schedule unless asked");
    const both = (
      await call(emu, "POST", `/workflows/${source.id}/clone`, { cloneSchedule: true, cloneNotifications: true })
    ).body as { schedule: { scheduledHours: number[] }; notifications: { failureEmailAddresses: string[] } };
    assert.deepEqual(
      [both.schedule.scheduledHours, both.notifications.failureEmailAddresses],
      [[5], ["a@example.com"]],
    );
    assert.equal((await call(emu, "POST", `/workflows/999999/clone`)).status, 404);
  });

  it("dependencies: the jobs the tasks run, a target user's level, names only where the caller can read", async () => {
    const definition =
      'version: "2.0"\nwf:\n  tasks:\n    a: {action: civis.run_job, input: {job_id: 1234}, on-success: [b]}\n' +
      "    b: {action: civis.run_job, input: {job_id: 1240}}\n    c: {action: civis.run_job, input: {job_id: 99}}\n";
    const w = (await call(emu, "POST", "/workflows/", { name: "runs jobs", definition })).body as { id: number };
    const forBen = (await call(emu, "GET", `/workflows/${w.id}/dependencies?user_id=101`)).body as Array<{
      id: number;
      name: string | null;
      permissionLevel: string | null;
      shareable: boolean;
    }>;
    assert.deepEqual(
      forBen.map((d) => [d.id, d.name, d.permissionLevel, d.shareable]),
      [
        [1234, "Import leads", "read", true],
        [1240, "Warehouse export", null, false],
      ],
    );
    const plain = (await call(emu, "GET", `/workflows/${w.id}/dependencies`)).body as Array<{ permissionLevel: null }>;
    assert.deepEqual(
      plain.map((d) => d.permissionLevel),
      [null, null],
    );
  });

  it(
    "serves every path and method of the spec (none answers 501), and 404 for what the spec lacks",
    { skip: specSkip },
    async () => {
      const w = (await call(emu, "POST", "/workflows/", { name: "n" })).body;
      const spec = JSON.parse(fs.readFileSync(SPEC_FILE, "utf8")) as { paths: Record<string, Record<string, unknown>> };
      for (const [template, methods] of Object.entries(spec.paths)) {
        const path = template.replace("{id}", String(w.id)).replace(/\{[a-z_]+\}/g, "1");
        for (const method of Object.keys(methods).filter((m) => m !== "parameters")) {
          const r = await call(emu, method.toUpperCase(), path, method === "get" ? undefined : {});
          assert.notEqual(r.status, 501, `${method.toUpperCase()} ${template}`);
          assert.notEqual(r.status, 405, `${method.toUpperCase()} ${template}`);
        }
      }
      assert.equal((await call(emu, "GET", `/workflows/${w.id}/nonsense`)).status, 404);
    },
  );

  it("keeps the definition byte for byte and reports validity", async () => {
    const text = "# comment\nversion: 2\nwf:\n  tasks:\n    a: {action: std.noop, on-success: [b]}\n";
    const r = await call(emu, "POST", "/workflows/", { name: "n", definition: text });
    assert.equal(r.body.definition, text);
    assert.equal(r.body.valid, false, "b is not a task");
    assert.match(r.body.validationErrors, /undefined task b/);
    const ok = await call(emu, "POST", "/workflows/", { name: "n", definition: DEFINITION });
    assert.equal(ok.body.valid, true);
    assert.equal(ok.body.validationErrors, null);
    const merged = await call(emu, "POST", "/workflows/", {
      name: "merge",
      definition:
        "version: '2.0'\nwf:\n  task-defaults: &d {retry: {count: 1}}\n" +
        "  tasks:\n    a:\n      <<: *d\n      action: std.noop\n",
    });
    assert.equal(merged.body.valid, true, "anchors and merge keys are accepted");
  });

  it("PATCH changes only the fields it is given; PUT replaces all and needs a name", async () => {
    const { body: w } = await call(emu, "POST", "/workflows/", {
      name: "n",
      description: "d",
      timeZone: "UTC",
      allowConcurrentExecutions: false,
    });
    const p = await call(emu, "PATCH", `/workflows/${w.id}`, { description: "e" });
    assert.equal(p.body.description, "e");
    assert.equal(p.body.timeZone, "UTC");
    assert.equal(p.body.allowConcurrentExecutions, false);
    assert.equal((await call(emu, "PUT", `/workflows/${w.id}`, { description: "x" })).status, 400);
    const put = await call(emu, "PUT", `/workflows/${w.id}`, { name: "m" });
    assert.equal(put.body.description, null);
    assert.equal(put.body.timeZone, "America/Chicago");
    assert.equal(put.body.allowConcurrentExecutions, true);
  });

  const badRequests: Array<[string, string, string, unknown, RegExp]> = [
    ["no name", "POST", "/workflows/", {}, /name is required/],
    ["blank name", "POST", "/workflows/", { name: "  " }, /name can't be blank/],
    ["unknown field", "POST", "/workflows/", { name: "n", colour: "red" }, /colour is not a permitted parameter/],
    ["wrong type", "POST", "/workflows/", { name: 5 }, /name must be a string/],
    [
      "wrong nested type",
      "POST",
      "/workflows/",
      { name: "n", schedule: { scheduledHours: ["6"] } },
      /schedule\.scheduledHours\[0\] must be an integer/,
    ],
    [
      "definition with fromJobChain",
      "POST",
      "/workflows/",
      { name: "n", fromJobChain: 1234, definition: DEFINITION },
      /must not be specified with fromJobChain/,
    ],
    [
      "schedule with fromJobChain",
      "POST",
      "/workflows/",
      { name: "n", fromJobChain: 1234, schedule: { scheduled: true } },
      /must not be specified with fromJobChain/,
    ],
    ["unknown job chain", "POST", "/workflows/", { name: "n", fromJobChain: 99 }, /job 99 does not exist/],
    [
      "hour out of range",
      "POST",
      "/workflows/",
      { name: "n", schedule: { scheduledHours: [24] } },
      /scheduledHours must be between 0 and 23/,
    ],
    [
      "both day kinds",
      "POST",
      "/workflows/",
      { name: "n", schedule: { scheduledDays: [1], scheduledDaysOfMonth: [1] } },
      /mutually exclusive/,
    ],
    ["unknown time zone", "POST", "/workflows/", { name: "n", timeZone: "Mars/Olympus" }, /not a known time zone/],
    [
      "fromJobChain on PATCH",
      "PATCH",
      "/workflows/{id}",
      { fromJobChain: 1234 },
      /fromJobChain is not a permitted parameter/,
    ],
    ["hidden on PATCH", "PATCH", "/workflows/{id}", { hidden: true }, /hidden is not a permitted parameter/],
    ["hidden on PUT", "PUT", "/workflows/{id}", { name: "n", hidden: true }, /hidden is not a permitted parameter/],
    ["archive without status", "PUT", "/workflows/{id}/archive", {}, /status is required/],
    ["limit over 50", "GET", "/workflows/?limit=51", undefined, /limit must be between 1 and 50/],
    ["bad order", "GET", "/workflows/?order=id", undefined, /order must be one of/],
    [
      "bad permission level",
      "PUT",
      "/workflows/{id}/shares/users",
      { userIds: [101], permissionLevel: "admin" },
      /permissionLevel must be one of/,
    ],
    [
      "unknown user",
      "PUT",
      "/workflows/{id}/shares/users",
      { userIds: [999], permissionLevel: "read" },
      /no user with id 999/,
    ],
    [
      "unknown group",
      "PUT",
      "/workflows/{id}/shares/groups",
      { groupIds: [999], permissionLevel: "read" },
      /no group with id 999/,
    ],
    [
      "empty user list",
      "PUT",
      "/workflows/{id}/shares/users",
      { userIds: [], permissionLevel: "read" },
      /at least one user/,
    ],
  ];
  for (const [what, method, rawPath, body, message] of badRequests) {
    it(`400 bad_request: ${what}`, async () => {
      const { body: w } = await call(emu, "POST", "/workflows/", { name: "target" });
      const before = emu.context.store.state.workflows.length;
      const r = await call(emu, method, rawPath.replace("{id}", String(w.id)), body);
      assert.equal(r.status, 400);
      assert.equal(r.body.error, "bad_request");
      assert.equal(r.body.code, 400);
      assert.match(r.body.errorDescription, /^The given request was not as expected: Validation failed: /);
      assert.match(r.body.errorDescription, message);
      assert.equal(emu.context.store.state.workflows.length, before, "nothing was created");
    });
  }

  it("404 not_found for unknown ids, non-numeric ids, and workflows the caller may not see", async () => {
    for (const path of [
      "/workflows/9999",
      "/workflows/abc",
      "/workflows/9999/shares",
      "/workflows/9999/projects",
      "/projects/9999",
    ]) {
      const r = await call(emu, "GET", path);
      assert.equal(r.status, 404, path);
      assert.deepEqual(r.body, {
        error: "not_found",
        errorDescription: "The requested resource could not be found.",
        code: 404,
      });
    }
    const { body: w } = await call(emu, "POST", "/workflows/", { name: "private" }, "emulator-colleague-key");
    assert.equal((await call(emu, "GET", `/workflows/${w.id}`)).status, 404);
  });

  it("there is no DELETE /workflows/{id}", async () => {
    const { body: w } = await call(emu, "POST", "/workflows/", { name: "n" });
    assert.equal((await call(emu, "DELETE", `/workflows/${w.id}`)).status, 405);
  });

  it("auth: Basic with the key as user name, Bearer, and 401 otherwise", async () => {
    assert.equal((await call(emu, "GET", "/users/me")).status, 200);
    const bearer = await fetch(`${emu.url}/users/me`, { headers: { Authorization: `Bearer ${DEFAULT_API_KEY}` } });
    assert.equal(bearer.status, 200);
    for (const key of [null, "wrong-key"]) {
      const r = await call(emu, "GET", "/users/me", undefined, key);
      assert.equal(r.status, 401);
      assert.equal(r.body.error, "unauthorized");
    }
    const token = await fetch(`${emu.url}/users/me`, { headers: { Authorization: `Token ${DEFAULT_API_KEY}` } });
    assert.equal(token.status, 401);
  });

  it("lists with pagination headers, order, archived and author filters", async () => {
    for (const name of ["c", "a", "b"]) await call(emu, "POST", "/workflows/", { name });
    await call(emu, "POST", "/workflows/", { name: "theirs" }, "emulator-colleague-key");
    const { body: gone } = await call(emu, "POST", "/workflows/", { name: "gone" });
    await call(emu, "PUT", `/workflows/${gone.id}/archive`, { status: true });

    const page = await call(emu, "GET", "/workflows/?limit=2&page_num=2&order=name&order_dir=asc");
    assert.deepEqual(
      page.body.map((w: { name: string }) => w.name),
      ["c"],
    );
    assert.equal(page.headers.get("x-pagination-total-entries"), "3");
    assert.equal(page.headers.get("x-pagination-total-pages"), "2");
    assert.equal(page.headers.get("x-pagination-current-page"), "2");
    assert.equal(page.headers.get("x-pagination-per-page"), "2");
    const newest = await call(emu, "GET", "/workflows/?order=created_at");
    assert.deepEqual(
      newest.body.map((w: { name: string }) => w.name),
      ["b", "a", "c"],
      "desc by default",
    );
    assert.deepEqual(
      (await call(emu, "GET", "/workflows/?archived=true")).body.map((w: { name: string }) => w.name),
      ["gone"],
    );
    assert.equal((await call(emu, "GET", "/workflows/?archived=all")).body.length, 4);
    assert.equal(
      (await call(emu, "GET", "/workflows/?author=2")).body.length,
      0,
      "the colleague's workflow is not shared with the caller",
    );
    assert.equal((await call(emu, "GET", "/workflows/?author=1")).body.length, 3);
  });

  it("shares: the creator owns; grant, change level, revoke; the owner cannot be revoked", async () => {
    const { body: w } = await call(emu, "POST", "/workflows/", { name: "n" });
    const initial = await call(emu, "GET", `/workflows/${w.id}/shares`);
    assert.deepEqual(initial.body.owners.users, [{ id: 1, name: "Pat Emulator" }]);
    await call(emu, "PUT", `/workflows/${w.id}/shares/users`, { userIds: [101, 102], permissionLevel: "read" });
    const moved = await call(emu, "PUT", `/workflows/${w.id}/shares/users`, {
      userIds: [102],
      permissionLevel: "write",
    });
    assert.deepEqual(
      moved.body.readers.users.map((u: { id: number }) => u.id),
      [101],
    );
    assert.deepEqual(
      moved.body.writers.users.map((u: { id: number }) => u.id),
      [102],
    );
    assert.equal((await call(emu, "DELETE", `/workflows/${w.id}/shares/users/101`)).status, 204);
    assert.equal((await call(emu, "DELETE", `/workflows/${w.id}/shares/users/101`)).status, 404, "already revoked");
    assert.equal((await call(emu, "DELETE", `/workflows/${w.id}/shares/users/1`)).status, 403, "the owner stays");
    await call(emu, "PUT", `/workflows/${w.id}/shares/groups`, { groupIds: [8], permissionLevel: "read" });
    assert.equal((await call(emu, "DELETE", `/workflows/${w.id}/shares/groups/8`)).status, 204);
  });

  it("projects: add (idempotent), list, remove; unknown project is 404", async () => {
    const { body: w } = await call(emu, "POST", "/workflows/", { name: "n" });
    assert.equal((await call(emu, "PUT", `/workflows/${w.id}/projects/42`)).status, 204);
    assert.equal((await call(emu, "PUT", `/workflows/${w.id}/projects/42`)).status, 204);
    assert.deepEqual(
      (await call(emu, "GET", `/workflows/${w.id}/projects`)).body.map((p: { id: number }) => p.id),
      [42],
    );
    assert.equal((await call(emu, "GET", "/projects/42")).body.workflows[0].id, w.id);
    assert.equal((await call(emu, "PUT", `/workflows/${w.id}/projects/999`)).status, 404);
    assert.equal((await call(emu, "DELETE", `/workflows/${w.id}/projects/42`)).status, 204);
    assert.equal((await call(emu, "DELETE", `/workflows/${w.id}/projects/42`)).status, 404);
  });

  it("rate limit: 429 with Retry-After over the limit, X-RateLimit headers always", async () => {
    emu.context.options.rateLimit = { limit: 2, windowMs: 60_000 };
    try {
      const first = await call(emu, "GET", "/users/me");
      assert.equal(first.headers.get("x-ratelimit-limit"), "2");
      assert.equal(first.headers.get("x-ratelimit-remaining"), "1");
      await call(emu, "GET", "/users/me");
      const over = await call(emu, "GET", "/users/me");
      assert.equal(over.status, 429);
      assert.ok(Number(over.headers.get("retry-after")) >= 1);
    } finally {
      emu.context.options.rateLimit = { limit: 1000, windowMs: 300_000 };
    }
    const refused = emu.log.entries().at(-1)!;
    assert.deepEqual(
      [refused.method, refused.path, refused.status, refused.applied],
      ["GET", "/users/me", 429, false],
      "the log records the refused request",
    );
  });
});
