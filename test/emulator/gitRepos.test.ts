// The emulator's git repositories as tests make them: pushes through the control API, a reset
// that empties them, and a state file that keeps them across a restart (older files load too).
import { after, before, beforeEach, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { defaultSeed } from "../../emulator/seed";
import type { GitRepo } from "../../emulator/types";
import { call, pushCommit, withEmulator, type Emulator } from "../support/emulator";
import { scratchDir } from "../support/stack";

const REPO = "https://github.com/example/flows.git";

async function control(emu: Emulator, method: string, p: string, body?: unknown) {
  const res = await fetch(`${emu.url}/_emulator${p}`, {
    method,
    headers: body ? { "Content-Type": "application/json" } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

describe("emulator control API: git", () => {
  let emu: Emulator;
  before(async () => (emu = await withEmulator()));
  after(async () => emu?.close());
  beforeEach(async () => void (await control(emu, "POST", "/reset")));

  it("a push makes the repository and branch, then commits on top of the head; null deletes", async () => {
    const first = await control(emu, "POST", "/git/commits", {
      repoUrl: REPO,
      files: { a: "1", b: "2" },
      message: "m1",
    });
    assert.equal(first.status, 201);
    assert.deepEqual(Object.keys(first.body), ["commitHash"]);
    const second = await pushCommit(emu, {
      repoUrl: REPO,
      files: { a: "3", b: null },
      message: "m2",
      authorName: "Lin",
    });
    const other = await pushCommit(emu, { repoUrl: REPO, branch: "dev", files: { c: "4" }, message: "m3" });
    const [repo] = (await control(emu, "GET", "/git/repos")).body as GitRepo[];
    assert.deepEqual(repo.branches, { main: [first.body.commitHash, second], dev: [other] });
    assert.deepEqual(repo.commits[second].files, { a: "3" });
    assert.deepEqual(repo.commits[other].files, { c: "4" }, "a new branch starts from nothing");
    assert.deepEqual(
      [repo.commits[second].authorName, repo.commits[first.body.commitHash].authorName],
      ["Lin", "Emulator"],
    );
    assert.equal(repo.updatedAt, repo.commits[other].date);
    await pushCommit(emu, { repoUrl: "https://example.com/two.git", files: {}, message: "empty" });
    const ids = ((await control(emu, "GET", "/git/repos")).body as GitRepo[]).map((r) => r.id);
    assert.equal(new Set(ids).size, 2);
  });

  it("a commit pushed out of band is what the workflow's next checkout takes", async () => {
    const { body: w } = await call(emu, "POST", "/workflows/", { name: "tracks main" });
    await call(emu, "PUT", `/workflows/${w.id}/git`, { gitRepoUrl: REPO, gitPath: "w.yml" });
    await pushCommit(emu, { repoUrl: REPO, files: { "w.yml": "one" }, message: "one" });
    const newer = await pushCommit(emu, { repoUrl: REPO, files: { "w.yml": "two" }, message: "two" });
    assert.equal((await call(emu, "GET", `/workflows/${w.id}/git/commits`)).body.commitHash, newer);
    assert.equal((await call(emu, "POST", `/workflows/${w.id}/git/checkout-latest`)).body.content, "two");
    assert.equal((await call(emu, "GET", `/workflows/${w.id}`)).body.definition, "two");
  });

  const bad: Array<[string, unknown, RegExp]> = [
    ["no repoUrl", { files: {}, message: "m" }, /repoUrl must be a non-empty string/],
    ["no message", { repoUrl: REPO, files: {} }, /message must be a non-empty string/],
    ["no files", { repoUrl: REPO, message: "m" }, /files must be an object/],
    ["files as a list", { repoUrl: REPO, files: ["a"], message: "m" }, /files must be an object/],
    ["a number as content", { repoUrl: REPO, files: { a: 1 }, message: "m" }, /files\[a\] must be a string or null/],
    ["an unknown field", { repoUrl: REPO, file: {}, files: {}, message: "m" }, /file: not among/],
    ["an empty tag", { repoUrl: REPO, files: {}, message: "m", tag: "" }, /tag must be a non-empty string/],
  ];
  for (const [what, body, message] of bad) {
    it(`POST /_emulator/git/commits: 400 for ${what}`, async () => {
      const r = await control(emu, "POST", "/git/commits", body);
      assert.equal(r.status, 400);
      assert.match(r.body.errorDescription, message);
      assert.deepEqual((await control(emu, "GET", "/git/repos")).body, []);
    });
  }

  it("a tag names the commit it was pushed with, and GET .../git/commits/{tag} reads the file there", async () => {
    await pushCommit(emu, { repoUrl: REPO, files: { "w.yml": "v1" }, message: "release", tag: "v1" });
    await pushCommit(emu, { repoUrl: REPO, files: { "w.yml": "v2" }, message: "later" });
    const w = (await call(emu, "POST", "/workflows/", { name: "tagged" })).body;
    await call(emu, "PUT", `/workflows/${w.id}/git`, {
      gitRepoUrl: REPO,
      gitPath: "w.yml",
      gitRef: "v1",
      gitRefType: "tag",
    });
    const at = await call(emu, "GET", `/workflows/${w.id}/git/commits/v1`);
    assert.deepEqual([at.status, at.body.content], [200, "v1"]);
    assert.equal((await call(emu, "GET", `/workflows/${w.id}/git/commits/v2`)).status, 404);
  });

  it("reset empties the repositories", async () => {
    await pushCommit(emu, { repoUrl: REPO, files: { a: "1" }, message: "m" });
    await control(emu, "POST", "/reset");
    assert.deepEqual((await control(emu, "GET", "/git/repos")).body, []);
  });
});

describe("emulator git state across a restart", () => {
  const dir = scratchDir("git-state");
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("keeps repositories, commits and attachments in the state file", async () => {
    const stateFile = path.join(dir, "kept.json");
    let emu = await withEmulator({ stateFile });
    let hash: string;
    let id: number;
    try {
      id = (await call(emu, "POST", "/workflows/", { name: "kept" })).body.id;
      await call(emu, "PUT", `/workflows/${id}/git`, { gitRepoUrl: REPO, gitPath: "w.yml", gitBranch: "dev" });
      hash = await pushCommit(emu, { repoUrl: REPO, branch: "dev", files: { "w.yml": "kept" }, message: "m" });
    } finally {
      await emu.close();
    }
    emu = await withEmulator({ stateFile });
    try {
      assert.equal((await call(emu, "GET", `/workflows/${id}/git`)).body.gitBranch, "dev");
      assert.equal((await call(emu, "GET", `/workflows/${id}/git/commits`)).body.commitHash, hash);
      assert.equal((await call(emu, "GET", `/workflows/${id}/git/commits/${hash}`)).body.content, "kept");
    } finally {
      await emu.close();
    }
  });

  it("loads a state file written before git was served (no gitRepos) and serves git from it", async () => {
    const stateFile = path.join(dir, "old.json");
    const { gitRepos: _, ...old } = defaultSeed();
    fs.writeFileSync(stateFile, JSON.stringify(old));
    const emu = await withEmulator({ stateFile });
    try {
      const { body: w } = await call(emu, "POST", "/workflows/", { name: "old" });
      assert.equal((await call(emu, "GET", `/workflows/${w.id}/git`)).status, 404);
      assert.equal((await call(emu, "PUT", `/workflows/${w.id}/git`, { gitRepoUrl: REPO, gitPath: "a" })).status, 200);
      assert.equal((await control(emu, "GET", "/git/repos")).body.length, 1);
    } finally {
      await emu.close();
    }
  });
});
