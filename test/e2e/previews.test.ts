// What a reviewer approves is what `up` does: the engine's own preview text, read for each case.
// An edit previews as exactly the updates `up` makes; drift found by refresh shows as
// `live => program`; what a read can tell fails the preview, once, clearly.
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { REPO } from "../../scripts/engine";
import { TestStack, type StackRun } from "../support/stack";

const WORKFLOW_DIR = path.join(REPO, "test", "e2e", "programs", "workflow");
const WORKFLOW_PROGRAM = path.join(REPO, "dist", "test", "e2e", "programs", "workflow", "index.js");
const MANAGED_DIR = path.join(REPO, "test", "e2e", "programs", "managed");
const MANAGED_PROGRAM = path.join(REPO, "dist", "test", "e2e", "programs", "managed", "index.js");

const definition = (jobId: number) => `version: "2.0"
nightly_etl:
  tasks:
    load:
      action: civis.run_job
      input: {job_id: ${jobId}}
      on-success: [score]
    score:
      action: civis.run_job
      input: {job_id: 1235}
`;

/**
 * The steps `preview --diff` shows for our resources, as "<op> <type> <name>", e.g.
 * "update Workflow nightly"; unchanged ones are not listed.
 */
function steps(run: StackRun): string[] {
  const found = run.log.matchAll(
    /pulumi-nodejs:dynamic\/civis:(\w+): \((\w[\w-]*)\)\n(?:\s*\[id=[^\]]*\]\n)?\s*\[urn=[^\]]*::([^\]:]+)\]/g,
  );
  return [...found]
    .filter(([, , op]) => op !== "same")
    .map(([, type, op, name]) => `${op} ${type} ${name}`)
    .sort();
}

describe("previews tell the truth", () => {
  let stack: TestStack;
  const env = (args: object) => ({ PULUMI_CIVIS_TEST_ARGS: JSON.stringify(args) });
  const program = (jobId: number, level = "read", extra: object = {}) => ({
    workflows: {
      nightly: {
        name: "Nightly ETL",
        definition: definition(jobId),
        schedule: { scheduled: true, scheduledHours: [6] },
        notifications: { failureEmailAddresses: ["data@example.com"] },
        ...extra,
      },
    },
    shares: { "nightly-readers": { of: "nightly", userIds: [101], permissionLevel: level } },
    projects: { "nightly-in-marketing": { of: "nightly", projectId: 42 } },
  });
  before(async () => {
    stack = await TestStack.create({ name: "previews", workDir: WORKFLOW_DIR, program: WORKFLOW_PROGRAM });
    await stack.ok("up", { env: env(program(1234)) });
  });
  after(async () => stack?.close());

  it("a definition edit previews as one update of the workflow, nothing replaced, no unknown id", async () => {
    const preview = await stack.ok("preview", { env: env(program(9999)), options: { diff: true } });
    assert.deepEqual(preview.changes, { same: 3, update: 1 });
    assert.deepEqual(steps(preview), ["update Workflow nightly"]);
    assert.doesNotMatch(preview.log, /replace|delete|\[unknown\]|output<string>/);
    assert.deepEqual(preview.requests, ["GET /users/me"], "the key is checked; nothing is written");
    const up = await stack.ok("up", { env: env(program(9999)) });
    assert.deepEqual(up.changes, { same: 3, update: 1 });
    assert.deepEqual(
      up.requests.filter((r) => !r.startsWith("GET")),
      [`PATCH /workflows/${workflowId(up)}`],
    );
  });

  it("a share's level change previews as one update of the share", async () => {
    const preview = await stack.ok("preview", { env: env(program(9999, "write")), options: { diff: true } });
    assert.deepEqual(steps(preview), ["update WorkflowShare nightly-readers"]);
    assert.match(preview.log, /permissionLevel\s*: "read" => "write"/);
    const up = await stack.ok("up", { env: env(program(9999, "write")) });
    assert.deepEqual(up.changes, { same: 3, update: 1 });
  });

  it("drift found by refresh shows as live => program, and the fixing up leaves an empty preview", async () => {
    const id = workflowId(await stack.ok("up", { env: env(program(9999, "write")) }));
    const edit = (p: string, method: string, body?: object) =>
      fetch(`${stack.emulator.url}/_emulator${p}`, { method, body: body && JSON.stringify(body) });
    await edit(`/workflows/${id}`, "PATCH", {
      name: "Renamed in the web app",
      definition: definition(4321),
      schedule: { scheduled: true, scheduledHours: [9] },
      notifications: { failureEmailAddresses: ["oncall@example.com"] },
    });
    await edit(`/workflows/${id}/shares/users/101`, "PUT", { permissionLevel: "read" });
    await edit(`/workflows/${id}/projects/42`, "DELETE");
    await stack.ok("refresh", { env: env(program(9999, "write")) });

    const preview = await stack.ok("preview", { env: env(program(9999, "write")), options: { diff: true } });
    const log = preview.log;
    assert.match(log, /name\s*: "Renamed in the web app" => "Nightly ETL"/);
    assert.match(log, /job_id: 4321 => 9999/, "the definition's task value, read as YAML");
    assert.match(log, /\[0\]: 9 => 6/, "the schedule's hour");
    assert.match(log, /"oncall@example\.com" => "data@example\.com"/, "the notification address");
    assert.match(log, /userIds\s*: \[\s*\+\s*\[0\]: 101/, "the principal the share lost at its level");
    assert.deepEqual(steps(preview), [
      "create WorkflowProject nightly-in-marketing",
      "update Workflow nightly",
      "update WorkflowShare nightly-readers",
    ]);

    const fixed = program(9999, "write");
    await stack.ok("up", { env: env(fixed) });
    const clean = await stack.ok("preview", { env: env(fixed), options: { expectNoChanges: true, diff: true } });
    assert.deepEqual(clean.requests, []);
  });
});

describe("a lone Workflow", () => {
  let stack: TestStack;
  const args = (name: string) => ({
    PULUMI_CIVIS_TEST_ARGS: JSON.stringify({ workflows: { solo: { name, definition: definition(1) } } }),
  });
  before(async () => {
    stack = await TestStack.create({ name: "previews-solo", workDir: WORKFLOW_DIR, program: WORKFLOW_PROGRAM });
    await stack.ok("up", { env: args("Solo") });
  });
  after(async () => stack?.close());

  it("a rename previews as one update", async () => {
    const preview = await stack.ok("preview", { env: args("Solo, renamed"), options: { diff: true } });
    assert.deepEqual(preview.changes, { same: 1, update: 1 });
    assert.deepEqual(steps(preview), ["update Workflow solo"]);
    assert.match(preview.log, /name\s*: "Solo" => "Solo, renamed"/);
  });

  it("a refresh that fails is said once under Diagnostics, with no copy from the provider's host", async () => {
    stack.emulator.faults.add({ method: "GET", path: "/workflows/\\d+", status: 500, count: 1 });
    const r = await stack.run("refresh", { env: args("Solo") });
    assert.equal(r.ok, false);
    const message = /Civis API: GET \/workflows\/\d+ failed: 500 internal_server_error: The server answered 500\./g;
    const diagnostics = r.log.slice(r.log.indexOf("Diagnostics:"));
    assert.equal(diagnostics.match(message)?.length, 1, r.log);
    // The host's copy reads "Error: <message>: <stack>"; the engine's own progress lines are all that remain.
    assert.doesNotMatch(r.log, /Error: Civis API/);
  });
});

describe("a ManagedWorkflow edit previews as one update", () => {
  let stack: TestStack;
  const args = (jobId: number) => ({
    PULUMI_CIVIS_TEST_ARGS: JSON.stringify({
      managed: {
        etl: {
          name: "Managed ETL",
          definition: definition(jobId),
          shares: { read: { users: [101] }, write: { users: [102] } },
          projectIds: [42, 43],
        },
      },
    }),
  });
  before(async () => {
    stack = await TestStack.create({ name: "previews-managed", workDir: MANAGED_DIR, program: MANAGED_PROGRAM });
    await stack.ok("up", { env: args(1234) });
  });
  after(async () => stack?.close());

  it("no share or project link is replaced", async () => {
    const preview = await stack.ok("preview", { env: args(1), options: { diff: true } });
    assert.deepEqual(preview.changes, { same: 6, update: 1 });
    assert.deepEqual(steps(preview), ["update Workflow etl"]);
    assert.doesNotMatch(preview.log, /replace|delete|\[unknown\]/);
  });
});

describe("what a read can tell fails the preview, before any write", () => {
  let stack: TestStack;
  before(async () => {
    stack = await TestStack.create({ name: "previews-errors", workDir: WORKFLOW_DIR, program: WORKFLOW_PROGRAM });
  });
  after(async () => stack?.close());
  const preview = (args: object, extra: Record<string, string | undefined> = {}) =>
    stack.run("preview", {
      stack: `s${Math.random().toString(36).slice(2, 8)}`,
      env: { PULUMI_CIVIS_TEST_ARGS: JSON.stringify(args), ...extra },
    });
  const once = (log: string, text: string) => log.split(text).length - 1;

  it("a wrong API key, with one request", async () => {
    const r = await preview({ workflows: { wf: { name: "n" } } }, { CIVIS_API_KEY: "not-the-key" });
    assert.equal(r.ok, false);
    assert.match(
      r.log,
      new RegExp(
        /resource 'wf' has a problem: Civis API: GET \/users\/me failed: 401 unauthorized: /.source +
          /the API key was refused; check civis:apiKey/.source,
      ),
    );
    assert.deepEqual(r.requests, ["GET /users/me"]);
  });

  it("a share on a workflow that does not exist names it and says what to check", async () => {
    const r = await preview({ shares: { s: { of: 99999, userIds: [101], permissionLevel: "read" } } });
    assert.equal(r.ok, false);
    const message = "workflow 99999 does not exist or the API user cannot see it; check workflowId";
    assert.match(r.log, new RegExp(`resource 's' has a problem: ${message}`));
    assert.equal(
      once(r.log, message),
      2,
      "once as the resource's step fails, once under Diagnostics; never the host's copy",
    );
    assert.deepEqual(r.requests, ["GET /users/me", "GET /workflows/99999"]);
  });

  it("a refused connection fails within 15 s, naming the endpoint and what to check", async () => {
    // What the provider adds to the preview is measured against the same preview of a live API: the
    // engine's own time (seconds on a busy machine) is not the provider's to spend.
    const timed = async (env?: Record<string, string>) => {
      const started = Date.now();
      const r = await preview({ workflows: { wf: { name: "n" } } }, env);
      return { r, seconds: (Date.now() - started) / 1000 };
    };
    const live = await timed();
    assert.equal(live.r.ok, true);
    const { r, seconds } = await timed({ CIVIS_API_ENDPOINT: "http://127.0.0.1:1", CIVIS_RETRY_BASE_MS: "1000" });
    assert.equal(r.ok, false);
    assert.match(r.log, /connection refused by http:\/\/127\.0\.0\.1:1; check civis:endpoint \/ CIVIS_API_ENDPOINT/);
    assert.ok(seconds - live.seconds < 15, `${seconds} s, of which the engine's own preview takes ${live.seconds} s`);
  });

  it("a wait over 2 s is said, with the request, the reason and the attempt", async () => {
    stack.emulator.faults.add({ method: "GET", path: "/users/me", status: 503, retryAfter: 3, count: 1 });
    const r = await preview({ workflows: { wf: { name: "n" } } });
    assert.equal(r.ok, true);
    assert.match(r.log, /retrying GET \/users\/me in 3 s after 503, attempt 2 of 10/);
  });

  it("bad values name their property path, with no {<nil>} and no definition dumped", async () => {
    const bad = definition(1).replace("on-success: [score]", "on-success: [nowhere]");
    const r = await preview({
      workflows: { wf: { name: "n", definition: bad, notifications: { failureEmailAddresses: ["not-an-address"] } } },
    });
    assert.equal(r.ok, false);
    assert.match(
      r.log,
      /has a problem: Workflow "wf": notifications\.failureEmailAddresses\[0\] must be an e-mail address/,
    );
    assert.match(
      r.log,
      /has a problem: Workflow "wf": definition nightly_etl\.tasks\.load\.on-success names "nowhere"/,
    );
    assert.doesNotMatch(r.log, /<nil>/);
    assert.doesNotMatch(r.log, /civis\.run_job/, "the definition's text is not shown");
    assert.deepEqual(r.requests, []);
  });
});

function workflowId(run: StackRun): number {
  return (run.outputs!.nightly as { workflowId: number }).workflowId;
}
