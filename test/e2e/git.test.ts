// A Workflow whose definition is kept in git, through the real engine: up attaches and checks out
// the file, a second preview reads nothing, a file re-pointed in the web app shows as
// live => program and up puts it back, a branch that moved on is named by the preview after a
// refresh and checked out by up, a commit ref pins the file, a changed path is an update in place,
// destroy archives.
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { REPO } from "../../scripts/engine";
import { call, pushCommit } from "../support/emulator";
import { TestStack } from "../support/stack";

const PROGRAM_DIR = path.join(REPO, "test", "e2e", "programs", "workflow");
const PROGRAM = path.join(REPO, "dist", "test", "e2e", "programs", "workflow", "index.js");
const URL = "https://git.example.com/data/pipelines.git";
const yaml = (task: string) => `version: "2.0"\nnightly:\n  tasks:\n    ${task}: {action: std.noop}\n`;

describe("git: a workflow that runs a file kept in a repository", () => {
  let stack: TestStack;
  let first: string;
  before(async () => {
    stack = await TestStack.create({ name: "git", workDir: PROGRAM_DIR, program: PROGRAM });
    first = await pushCommit(stack.emulator, {
      repoUrl: URL,
      files: { "nightly.yml": yaml("load"), "copy.yml": yaml("copy") },
      message: "Add nightly",
    });
  });
  after(async () => stack?.close());
  const env = (file: string) => ({
    PULUMI_CIVIS_TEST_ARGS: JSON.stringify({
      workflows: { nightly: { name: "Nightly", git: { repoUrl: URL, path: file } } },
    }),
  });
  let id: number;
  const live = () => stack.emulator.context.store.state.workflows.find((w) => w.id === id)!;

  it("up attaches and checks out the file, the definition output is it; a second preview reads nothing", async () => {
    const up = await stack.ok("up", { env: env("nightly.yml") });
    const out = up.outputs!.nightly as { workflowId: number; definition: string };
    id = out.workflowId;
    assert.deepEqual(
      up.requests.filter((r) => r !== "GET /users/me"),
      [
        "POST /workflows",
        `PUT /workflows/${id}/git`,
        `GET /workflows/${id}/git/commits`,
        `POST /workflows/${id}/git/checkout-latest`,
        `GET /workflows/${id}`,
      ],
    );
    assert.equal(out.definition, yaml("load"));
    assert.deepEqual([live().definition, live().git?.path], [yaml("load"), "nightly.yml"]);
    const again = await stack.ok("preview", { env: env("nightly.yml"), options: { expectNoChanges: true } });
    assert.deepEqual(again.requests, []);
  });

  it("a file re-pointed in the web app shows on refresh as live => program, and up puts it back", async () => {
    await call(stack.emulator, "PATCH", `/workflows/${id}/git`, { gitPath: "copy.yml" });
    await call(stack.emulator, "POST", `/workflows/${id}/git/checkout-latest`);
    const refresh = await stack.ok("refresh", { env: env("nightly.yml") });
    assert.deepEqual(refresh.requests.filter((r) => r !== "GET /users/me").sort(), [
      `GET /workflows/${id}`,
      `GET /workflows/${id}/git`,
      `GET /workflows/${id}/git/commits`,
    ]);
    const preview = await stack.ok("preview", { env: env("nightly.yml"), options: { diff: true } });
    assert.match(preview.log, /path\s*: "copy\.yml" => "nightly\.yml"/);
    assert.deepEqual(preview.changes, { same: 1, update: 1 });
    await stack.ok("up", { env: env("nightly.yml") });
    assert.deepEqual([live().git?.path, live().definition], ["nightly.yml", yaml("load")]);
  });

  it("a branch that moved on: after a refresh the preview names both commits, up checks the newest out", async () => {
    const next = await pushCommit(stack.emulator, {
      repoUrl: URL,
      files: { "nightly.yml": yaml("score") },
      message: "Score after load",
    });
    const quiet = await stack.ok("preview", { env: env("nightly.yml"), options: { expectNoChanges: true } });
    assert.deepEqual(quiet.requests, [], "without a refresh nothing is read");
    await stack.ok("refresh", { env: env("nightly.yml") });
    const preview = await stack.ok("preview", { env: env("nightly.yml"), options: { diff: true } });
    assert.match(
      preview.log,
      new RegExp(
        `runs commit ${first.slice(0, 7)} \\("Add nightly"\\); branch main's newest is ${next.slice(0, 7)} ` +
          '\\("Score after load"\\): up checks it out',
      ),
    );
    assert.deepEqual(preview.changes, { same: 1, update: 1 });
    const up = await stack.ok("up", { env: env("nightly.yml") });
    assert.equal((up.outputs!.nightly as { definition: string }).definition, yaml("score"));
    assert.equal(live().definition, yaml("score"));
    await stack.ok("preview", { env: env("nightly.yml"), options: { expectNoChanges: true } });
  });

  it("a ref naming a commit pins the file: up reads it there, and a branch that moves on changes nothing", async () => {
    const pinned = (ref: string) => ({
      PULUMI_CIVIS_TEST_ARGS: JSON.stringify({
        workflows: { nightly: { name: "Nightly", git: { repoUrl: URL, path: "nightly.yml", ref } } },
      }),
    });
    const up = await stack.ok("up", { env: pinned(first) });
    assert.ok(up.requests.includes(`GET /workflows/${id}/git/commits/${first}`));
    assert.equal(live().definition, yaml("load"), "the file at the pinned commit");
    await pushCommit(stack.emulator, { repoUrl: URL, files: { "nightly.yml": yaml("later") }, message: "Later" });
    await stack.ok("refresh", { env: pinned(first) });
    const preview = await stack.ok("preview", { env: pinned(first), options: { expectNoChanges: true } });
    assert.doesNotMatch(preview.log, /newest/);
    assert.equal(live().definition, yaml("load"));
  });

  it("another path is an update in place: a PATCH of the attachment and a checkout; destroy archives", async () => {
    const preview = await stack.ok("preview", { env: env("copy.yml") });
    assert.deepEqual(preview.changes, { same: 1, update: 1 });
    const up = await stack.ok("up", { env: env("copy.yml") });
    assert.ok(up.requests.includes(`PATCH /workflows/${id}/git`));
    assert.deepEqual([live().git?.path, live().definition], ["copy.yml", yaml("copy")]);
    await stack.ok("destroy", { env: env("copy.yml") });
    assert.equal(live().archived, true);
  });
});
