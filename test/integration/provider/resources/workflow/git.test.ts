// A Workflow's git against the emulator: attached and checked out at create, re-pointed in the
// web app and put back, a branch that moves on found by refresh and checked out by update, a
// pinned commit that never moves, a file that cannot be checked out undoing the create.
import { after, before, beforeEach, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { createClient, type CivisClient } from "../../../../../provider/client";
import * as workflow from "../../../../../provider/resources/workflow/resource";
import { DEFAULT_API_KEY, pushCommit, requests, withEmulator, type Emulator } from "../../../../support/emulator";
import { contextOf } from "../../../../support/context";

const REPO = "https://git.example.com/data/pipelines.git";
const yaml = (task: string) => `version: "2.0"\nnightly:\n  tasks:\n    ${task}: {action: std.noop}\n`;

describe("Workflow git against the emulator", () => {
  let emu: Emulator;
  let client: CivisClient;
  let first: string;
  before(async () => {
    emu = await withEmulator();
    client = createClient({
      apiKey: DEFAULT_API_KEY,
      endpoint: `${emu.url}/`,
      maxRetries: 2,
      requestTimeoutMs: 2000,
      retryBaseMs: 5,
    });
    first = await pushCommit(emu, { repoUrl: REPO, files: { "nightly.yml": yaml("load") }, message: "Add nightly" });
  });
  after(async () => emu?.close());
  beforeEach(() => {
    emu.faults.clear();
    emu.log.clear();
  });
  const stored = (id: string) => emu.context.store.state.workflows.find((w) => w.id === Number(id))!;
  const checked = (news: Record<string, unknown>) => {
    const { inputs, failures } = workflow.check(news);
    assert.deepEqual(failures, []);
    return inputs;
  };

  it("create: POST, attach, read the branch's newest commit, check it out, GET; a no-op diff after", async () => {
    const inputs = checked({ name: "Git nightly", git: { repoUrl: REPO, path: "nightly.yml" } });
    assert.deepEqual(inputs.git, {
      repoUrl: REPO,
      path: "nightly.yml",
      branch: "main",
      ref: "main",
      refType: "branch",
      pullFromGit: false,
    });
    const { id, outs } = await workflow.create(contextOf(client), inputs);
    assert.deepEqual(requests(emu), [
      "POST /workflows",
      `PUT /workflows/${id}/git`,
      `GET /workflows/${id}/git/commits`,
      `POST /workflows/${id}/git/checkout-latest`,
      `GET /workflows/${id}`,
    ]);
    assert.equal(stored(id).definition, yaml("load"));
    assert.equal(outs.definition, yaml("load"), "the definition output is the file the workflow runs");
    assert.deepEqual(outs.gitCommit, { hash: first, message: "Add nightly" });
    assert.deepEqual(workflow.diff(outs, inputs), { changes: [], replaces: [] });
    const read = await workflow.read(contextOf(client), id, outs);
    assert.deepEqual(read?.inputs, { name: "Git nightly", git: inputs.git }, "the definition is not an input");
    assert.deepEqual(workflow.diff(read.props, inputs), { changes: [], replaces: [] });
  });

  it("a file re-pointed in the web app shows on refresh; update puts it back: one PATCH, a checkout", async () => {
    await pushCommit(emu, { repoUrl: REPO, files: { "other.yml": yaml("other") }, message: "Add other" });
    const inputs = checked({ name: "Re-pointed", git: { repoUrl: REPO, path: "nightly.yml" } });
    const { id, outs } = await workflow.create(contextOf(client), inputs);
    await client.attachGit(Number(id), { gitPath: "other.yml" }, "PATCH");
    await client.checkoutLatest(Number(id));
    const read = (await workflow.read(contextOf(client), id, outs))!;
    assert.equal(read.inputs.git!.path, "other.yml", "live => program");
    assert.equal(read.props.gitCommit, null, "the definition is no longer the commit's");
    const d = workflow.diff(read.props, inputs);
    assert.deepEqual([d.changes, d.replaces], [["git"], []]);
    emu.log.clear();
    const after = await workflow.update(contextOf(client), id, read.props, inputs);
    assert.deepEqual(requests(emu), [
      `PATCH /workflows/${id}/git`,
      `GET /workflows/${id}/git/commits`,
      `POST /workflows/${id}/git/checkout-latest`,
      `GET /workflows/${id}`,
    ]);
    assert.equal(stored(id).definition, yaml("load"));
    assert.equal(after.definition, yaml("load"));
    assert.deepEqual(workflow.diff(after, inputs).changes, []);
  });

  it("a branch that moved on: refresh reads its newest commit, diff says which, update checks it out", async () => {
    const inputs = checked({ name: "Moving", git: { repoUrl: REPO, path: "moving.yml", branch: "dev" } });
    const old = await pushCommit(emu, {
      repoUrl: REPO,
      branch: "dev",
      files: { "moving.yml": yaml("a") },
      message: "A",
    });
    const { id, outs } = await workflow.create(contextOf(client), inputs);
    const next = await pushCommit(emu, {
      repoUrl: REPO,
      branch: "dev",
      files: { "moving.yml": yaml("b") },
      message: "Run b instead\n\nlonger text",
    });
    assert.deepEqual(workflow.diff(outs, inputs).changes, [], "no read, no change: a preview without refresh");
    const read = (await workflow.read(contextOf(client), id, outs))!;
    assert.deepEqual(read.props.gitNewestCommit, { hash: next, message: "Run b instead\n\nlonger text" });
    const d = workflow.diff(read.props, inputs);
    assert.deepEqual(d.changes, ["git"]);
    assert.deepEqual(d.warnings, [
      `git: the workflow runs commit ${old.slice(0, 7)} ("A"); branch dev's newest is ${next.slice(0, 7)} ` +
        '("Run b instead"): up checks it out',
    ]);
    emu.log.clear();
    const after = await workflow.update(contextOf(client), id, read.props, inputs);
    assert.ok(!requests(emu).some((r) => r.endsWith("/git") && !r.startsWith("GET")), "the attachment is unchanged");
    assert.equal(stored(id).definition, yaml("b"));
    assert.deepEqual(after.gitCommit, { hash: next, message: "Run b instead\n\nlonger text" });
    assert.deepEqual(workflow.diff(after, inputs).changes, []);
  });

  it("a ref naming a commit pins the file: read at that commit, never moved", async () => {
    const inputs = checked({ name: "Pinned", git: { repoUrl: REPO, path: "nightly.yml", ref: first.slice(0, 10) } });
    assert.equal(inputs.git!.branch, "main");
    await pushCommit(emu, { repoUrl: REPO, files: { "nightly.yml": yaml("later") }, message: "Later" });
    const { id, outs } = await workflow.create(contextOf(client), inputs);
    assert.deepEqual(requests(emu).slice(1), [
      `PUT /workflows/${id}/git`,
      `GET /workflows/${id}/git/commits/${first.slice(0, 10)}`,
      `PATCH /workflows/${id}`,
    ]);
    assert.equal(stored(id).definition, yaml("load"));
    emu.log.clear();
    const read = (await workflow.read(contextOf(client), id, outs))!;
    assert.deepEqual(requests(emu), [`GET /workflows/${id}`, `GET /workflows/${id}/git`], "no branch read");
    assert.deepEqual(workflow.diff(read.props, inputs).changes, []);
  });

  it("a tag ref (refType tag) pins the file at the tagged commit; a branch that moves on changes nothing", async () => {
    await pushCommit(emu, { repoUrl: REPO, files: { "nightly.yml": yaml("tagged") }, message: "Release", tag: "v1" });
    const inputs = checked({ name: "Tagged", git: { repoUrl: REPO, path: "nightly.yml", ref: "v1", refType: "tag" } });
    await pushCommit(emu, { repoUrl: REPO, files: { "nightly.yml": yaml("after") }, message: "After the tag" });
    const { id, outs } = await workflow.create(contextOf(client), inputs);
    assert.ok(requests(emu).includes(`GET /workflows/${id}/git/commits/v1`));
    assert.equal(stored(id).definition, yaml("tagged"));
    const read = (await workflow.read(contextOf(client), id, outs))!;
    assert.deepEqual(workflow.diff(read.props, inputs).changes, []);
  });

  it("a file that cannot be checked out fails the create naming git, and the workflow is archived again", async () => {
    const inputs = checked({ name: "Missing file", git: { repoUrl: REPO, path: "missing.yml" } });
    await assert.rejects(workflow.create(contextOf(client), inputs), (e: Error) => {
      assert.match(e.message, /^git: workflow \d+ could not run missing\.yml of https:\/\/git\.example\.com/);
      assert.match(e.message, /Check that the repository, the branch and the file exist/);
      return true;
    });
    const made = emu.context.store.state.workflows.filter((w) => w.name === "Missing file");
    assert.deepEqual(
      made.map((w) => w.archived),
      [true],
    );
  });

  it("a checkout whose answer is lost is tried again, not given up", async () => {
    const inputs = checked({ name: "Lost checkout", git: { repoUrl: REPO, path: "nightly.yml" } });
    emu.faults.add({ method: "POST", path: "/workflows/\\d+/git/checkout-latest", drop: "after", count: 1 });
    const { id } = await workflow.create(contextOf(client), inputs);
    assert.equal(requests(emu).filter((r) => r.endsWith("checkout-latest")).length, 2);
    assert.equal(stored(id).archived, false);
  });

  it("git with definition or fromJobChain fails the check, naming both", () => {
    for (const other of [{ definition: yaml("x") }, { fromJobChain: 1234 }]) {
      const { failures } = workflow.check({ name: "Both", git: { repoUrl: REPO, path: "a.yml" }, ...other });
      assert.equal(failures.length, 1);
      assert.match(failures[0].reason, /^git and (definition|fromJobChain) each say what the workflow runs/);
    }
  });
});
