// Every kind of response the emulator gives validates against the response schema of the real
// spec in ../shared/civis-api/workflows-spec.json (with the documented live-API differences).
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { call, pushCommit, withEmulator, type Emulator } from "../support/emulator";
import { responseSchema, specSkip, validate } from "../support/spec";

describe("emulator responses match the spec's schemas", { skip: specSkip }, () => {
  let emu: Emulator;
  let id: number;
  before(async () => {
    emu = await withEmulator();
  });
  after(async () => emu?.close());

  const conforms = (method: string, specPath: string, status: number, body: unknown) => {
    assert.deepEqual(validate(body, responseSchema(method, specPath, status)), [], `${method} ${specPath} ${status}`);
  };

  it("POST /workflows/ (201 Workflow), with every field", async () => {
    const r = await call(emu, "POST", "/workflows/", {
      name: "Full",
      description: "d",
      definition: "version: '2.0'\nwf:\n  tasks:\n    a:\n      action: std.noop\n",
      schedule: { scheduled: true, scheduledDays: [1], scheduledHours: [2], scheduledMinutes: [3] },
      allowConcurrentExecutions: false,
      timeZone: "UTC",
      notifications: { urls: ["https://x.example.com"], successOn: false },
      hidden: false,
    });
    assert.equal(r.status, 201);
    conforms("POST", "/workflows/", 201, r.body);
    id = r.body.id;
  });

  it("POST /workflows/ with only a name, and from a job chain", async () => {
    const r = await call(emu, "POST", "/workflows/", { name: "Bare" });
    assert.equal(r.status, 201);
    conforms("POST", "/workflows/", 201, r.body);
    const chain = await call(emu, "POST", "/workflows/", { name: "Chain", fromJobChain: 1234 });
    assert.equal(chain.status, 201);
    conforms("POST", "/workflows/", 201, chain.body);
    assert.equal(chain.body.valid, true);
  });

  it("GET, PATCH, PUT /workflows/{id} and PUT .../archive (200 Workflow)", async () => {
    conforms("GET", "/workflows/{id}", 200, (await call(emu, "GET", `/workflows/${id}`)).body);
    conforms("PATCH", "/workflows/{id}", 200, (await call(emu, "PATCH", `/workflows/${id}`, { name: "Renamed" })).body);
    conforms("PUT", "/workflows/{id}", 200, (await call(emu, "PUT", `/workflows/${id}`, { name: "Put" })).body);
    const archived = await call(emu, "PUT", `/workflows/${id}/archive`, { status: true });
    conforms("PUT", "/workflows/{id}/archive", 200, archived.body);
    assert.equal(archived.body.archived, true);
    await call(emu, "PUT", `/workflows/${id}/archive`, { status: false });
  });

  it("GET /workflows/ (200 [WorkflowSummary])", async () => {
    const r = await call(emu, "GET", "/workflows/?limit=2");
    conforms("GET", "/workflows/", 200, r.body);
    assert.equal(r.body.length, 2);
  });

  it("shares: GET, PUT users and groups (200 ShareIndex), in both the object and the array form", async () => {
    conforms(
      "PUT",
      "/workflows/{id}/shares/users",
      200,
      (await call(emu, "PUT", `/workflows/${id}/shares/users`, { userIds: [101], permissionLevel: "read" })).body,
    );
    conforms(
      "PUT",
      "/workflows/{id}/shares/groups",
      200,
      (await call(emu, "PUT", `/workflows/${id}/shares/groups`, { groupIds: [8], permissionLevel: "write" })).body,
    );
    conforms("GET", "/workflows/{id}/shares", 200, (await call(emu, "GET", `/workflows/${id}/shares`)).body);
    emu.context.options.sharesAsArray = true;
    const asArray = await call(emu, "GET", `/workflows/${id}/shares`);
    emu.context.options.sharesAsArray = false;
    assert.ok(Array.isArray(asArray.body));
    conforms("GET", "/workflows/{id}/shares", 200, asArray.body);
  });

  it("POST /workflows/{id}/clone (201 Workflow)", async () => {
    const w = (await call(emu, "POST", "/workflows/", { name: "to clone" })).body as { id: number };
    const r = await call(emu, "POST", `/workflows/${w.id}/clone`, { cloneSchedule: true });
    conforms("POST", "/workflows/{id}/clone", 201, r.body);
  });

  it("GET /workflows/{id}/dependencies (200 [ShareDependenciesSummary])", async () => {
    const definition = 'version: "2.0"\nwf:\n  tasks:\n    a: {action: civis.run_job, input: {job_id: 1234}}\n';
    const w = (await call(emu, "POST", "/workflows/", { name: "deps", definition })).body as { id: number };
    const r = await call(emu, "GET", `/workflows/${w.id}/dependencies?user_id=101`);
    assert.equal((r.body as unknown[]).length, 1);
    conforms("GET", "/workflows/{id}/dependencies", 200, r.body);
  });

  it("PUT /workflows/{id}/transfer (200 ShareTransfer)", async () => {
    const w = (await call(emu, "POST", "/workflows/", { name: "to transfer" })).body as { id: number };
    const r = await call(emu, "PUT", `/workflows/${w.id}/transfer`, { userId: 103, includeDependencies: true });
    conforms("PUT", "/workflows/{id}/transfer", 200, r.body);
  });

  it("projects: GET /workflows/{id}/projects and GET /projects/{id}", async () => {
    assert.equal((await call(emu, "PUT", `/workflows/${id}/projects/42`)).status, 204);
    conforms("GET", "/workflows/{id}/projects", 200, (await call(emu, "GET", `/workflows/${id}/projects`)).body);
    conforms("GET", "/projects/{project_id}", 200, (await call(emu, "GET", "/projects/42")).body);
  });

  it("git: GET, PUT, PATCH .../git (200 GitFile), commits (GitFileGitCommit, GitFileContent), checkout", async () => {
    const w = (await call(emu, "POST", "/workflows/", { name: "in git" })).body as { id: number };
    const repoUrl = "https://github.com/example/flows.git";
    const hash = await pushCommit(emu, { repoUrl, files: { "w.yml": "version: '2.0'\n" }, message: "first" });
    const put = await call(emu, "PUT", `/workflows/${w.id}/git`, { gitRepoUrl: repoUrl, gitPath: "w.yml" });
    conforms("PUT", "/workflows/{id}/git", 200, put.body);
    conforms("GET", "/workflows/{id}/git", 200, (await call(emu, "GET", `/workflows/${w.id}/git`)).body);
    const patch = await call(emu, "PATCH", `/workflows/${w.id}/git`, { pullFromGit: true });
    conforms("PATCH", "/workflows/{id}/git", 200, patch.body);
    conforms(
      "GET",
      "/workflows/{id}/git/commits",
      200,
      (await call(emu, "GET", `/workflows/${w.id}/git/commits`)).body,
    );
    const at = await call(emu, "GET", `/workflows/${w.id}/git/commits/${hash}`);
    conforms("GET", "/workflows/{id}/git/commits/{commit_hash}", 200, at.body);
    const checkout = await call(emu, "POST", `/workflows/${w.id}/git/checkout-latest`);
    conforms("POST", "/workflows/{id}/git/checkout-latest", 200, checkout.body);
    const pushed = await call(emu, "POST", `/workflows/${w.id}/git/commits`, {
      content: "changed",
      message: "from Civis",
      fileHash: at.body.fileHash,
    });
    assert.equal(pushed.status, 200);
    conforms("POST", "/workflows/{id}/git/commits", 200, pushed.body);
  });

  it("executions: start, list, get, a task, cancel, retry, resume (WorkflowExecution and the rest)", async () => {
    const definition =
      'version: "2.0"\nx:\n  tasks:\n    a: {action: civis.run_job, input: {job_id: 1234}, on-success: [pause]}\n';
    const w = (await call(emu, "POST", "/workflows/", { name: "Runs", definition })).body;
    const started = await call(emu, "POST", `/workflows/${w.id}/executions`, { input: { k: 1 } });
    assert.equal(started.status, 201);
    conforms("POST", "/workflows/{id}/executions", 201, started.body);
    const e = `/workflows/${w.id}/executions/${started.body.id}`;
    conforms("GET", "/workflows/{id}/executions", 200, (await call(emu, "GET", `/workflows/${w.id}/executions`)).body);
    await new Promise((r) => setTimeout(r, 400)); // a ends, and the run pauses
    conforms("GET", "/workflows/{id}/executions/{execution_id}", 200, (await call(emu, "GET", e)).body);
    const task = await call(emu, "GET", `${e}/tasks/a`);
    conforms("GET", "/workflows/{id}/executions/{execution_id}/tasks/{task_name}", 200, task.body);
    const resumed = await call(emu, "POST", `${e}/resume`);
    assert.equal(resumed.status, 202);
    conforms("POST", "/workflows/{id}/executions/{execution_id}/resume", 202, resumed.body);
    const cancelled = await call(emu, "POST", `${e}/cancel`);
    conforms("POST", "/workflows/{id}/executions/{execution_id}/cancel", 202, cancelled.body);
    await fetch(`${emu.url}/_emulator/options`, { method: "POST", body: '{"taskPlans": {"a": {"failures": 1}}}' });
    const failing = (await call(emu, "POST", `/workflows/${w.id}/executions`)).body.id;
    await new Promise((r) => setTimeout(r, 400));
    const retried = await call(emu, "POST", `/workflows/${w.id}/executions/${failing}/retry`, {});
    assert.equal(retried.status, 202);
    conforms("POST", "/workflows/{id}/executions/{execution_id}/retry", 202, retried.body);
  });

  it("GET /users/me (200 UserMe)", async () => {
    conforms("GET", "/users/me", 200, (await call(emu, "GET", "/users/me")).body);
  });
});
