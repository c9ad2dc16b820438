// The git paths: attaching a workflow to a file of a repository, reading its commits and the file
// at one, checking out the branch's newest commit as the definition, and committing through Civis.
import { after, before, beforeEach, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { call, pushCommit, withEmulator, type Emulator } from "../support/emulator";

const REPO = "https://github.com/example/flows.git";
const PATH = "flows/nightly.yml";
const VALID = "version: '2.0'\nwf:\n  tasks:\n    a:\n      action: std.noop\n";
const INVALID = "version: '2.0'\nwf:\n  tasks:\n    a: {action: std.noop, on-success: [b]}\n";
// Git's own blob hashes (`git hash-object`): of the empty file, and of "hello\n".
const EMPTY_BLOB = "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391";
const HELLO_BLOB = "ce013625030ba8dba906f756967f9e9ca394464a";
const COLLEAGUE = "emulator-colleague-key";

describe("emulator: git", () => {
  let emu: Emulator;
  let id: number;
  before(async () => (emu = await withEmulator()));
  after(async () => emu?.close());
  beforeEach(async () => {
    await fetch(`${emu.url}/_emulator/reset`, { method: "POST" });
    id = (await call(emu, "POST", "/workflows/", { name: "git", definition: VALID })).body.id;
  });
  const attach = (body: unknown = { gitRepoUrl: REPO, gitPath: PATH }) =>
    call(emu, "PUT", `/workflows/${id}/git`, body);
  const push = (files: Record<string, string | null>, message = "change", branch?: string) =>
    pushCommit(emu, { repoUrl: REPO, files, message, branch });
  const definition = async () => (await call(emu, "GET", `/workflows/${id}`)).body.definition as string;

  it("GET .../git: 404 naming the missing attachment until PUT attaches, with the emulator's defaults", async () => {
    const none = await call(emu, "GET", `/workflows/${id}/git`);
    assert.equal(none.status, 404);
    assert.deepEqual(none.body, {
      error: "not_found",
      errorDescription: `Workflow ${id} has no git file attached.`,
      code: 404,
    });
    const put = await attach();
    assert.equal(put.status, 200);
    const { gitRepo, ...rest } = put.body;
    assert.deepEqual(rest, {
      gitRef: "main",
      gitBranch: "main",
      gitPath: PATH,
      gitRefType: "branch",
      pullFromGit: false,
    });
    assert.equal(gitRepo.repoUrl, REPO);
    assert.equal(typeof gitRepo.id, "number");
    assert.deepEqual((await call(emu, "GET", `/workflows/${id}/git`)).body, put.body);
    assert.equal(await definition(), VALID, "attaching does not change the definition");
  });

  it("PUT: an unknown URL is recorded with no branches; gitRef defaults to the branch; PUT replaces all", async () => {
    const put = await attach({ gitRepoUrl: REPO, gitPath: PATH, gitBranch: "dev", pullFromGit: true });
    assert.deepEqual([put.body.gitRef, put.body.gitBranch, put.body.pullFromGit], ["dev", "dev", true]);
    const repos = (await fetch(`${emu.url}/_emulator/git/repos`).then((r) => r.json())) as unknown[];
    assert.deepEqual(repos, [
      {
        id: put.body.gitRepo.id,
        url: REPO,
        createdAt: put.body.gitRepo.createdAt,
        updatedAt: put.body.gitRepo.updatedAt,
        branches: {},
        commits: {},
      },
    ]);
    const again = await attach({ gitRepoUrl: REPO, gitPath: "other.yml", gitRef: "v1", gitRefType: "tag" });
    assert.deepEqual(
      [again.body.gitPath, again.body.gitBranch, again.body.gitRef, again.body.gitRefType, again.body.pullFromGit],
      ["other.yml", "main", "v1", "tag", false],
    );
    assert.equal(again.body.gitRepo.id, put.body.gitRepo.id, "the same URL is the same repository");
  });

  const badAttachments: Array<[string, unknown, RegExp]> = [
    ["no gitRepoUrl", { gitPath: PATH }, /gitRepoUrl is required/],
    ["no gitPath", { gitRepoUrl: REPO }, /gitPath is required/],
    ["no body", undefined, /gitRepoUrl is required/],
    ["a blank gitPath", { gitRepoUrl: REPO, gitPath: " " }, /gitPath can't be blank/],
    ["an unknown gitRefType", { gitRepoUrl: REPO, gitPath: PATH, gitRefType: "commit" }, /gitRefType must be one of/],
    ["a wrong type", { gitRepoUrl: REPO, gitPath: PATH, pullFromGit: "yes" }, /pullFromGit must be a boolean/],
    ["an unknown field", { gitRepoUrl: REPO, gitPath: PATH, gitSha: "x" }, /gitSha is not a permitted parameter/],
  ];
  for (const [what, body, message] of badAttachments) {
    it(`PUT .../git: 400 for ${what}`, async () => {
      const r = await call(emu, "PUT", `/workflows/${id}/git`, body); // undefined: no body at all
      assert.equal(r.status, 400);
      assert.match(r.body.errorDescription, /^The given request was not as expected: Validation failed: /);
      assert.match(r.body.errorDescription, message);
      assert.equal((await call(emu, "GET", `/workflows/${id}/git`)).status, 404, "nothing was attached");
    });
  }

  it("PATCH .../git: 404 with nothing attached; merges the fields given; null restores a default", async () => {
    assert.equal((await call(emu, "PATCH", `/workflows/${id}/git`, { gitBranch: "dev" })).status, 404);
    await attach({ gitRepoUrl: REPO, gitPath: PATH, pullFromGit: true });
    const p = await call(emu, "PATCH", `/workflows/${id}/git`, { gitRef: "abc1234", gitPath: "b.yml" });
    assert.equal(p.status, 200);
    assert.deepEqual(
      [p.body.gitPath, p.body.gitBranch, p.body.gitRef, p.body.pullFromGit, p.body.gitRepo.repoUrl],
      ["b.yml", "main", "abc1234", true, REPO],
    );
    const reset = await call(emu, "PATCH", `/workflows/${id}/git`, { gitRef: null, pullFromGit: null });
    assert.deepEqual([reset.body.gitRef, reset.body.pullFromGit], ["main", false]);
    assert.equal((await call(emu, "PATCH", `/workflows/${id}/git`, { gitRefType: "sha" })).status, 400);
    assert.equal((await call(emu, "PATCH", `/workflows/${id}/git`, { gitPath: null })).status, 400);
    const moved = await call(emu, "PATCH", `/workflows/${id}/git`, { gitRepoUrl: "https://example.com/new.git" });
    assert.notEqual(moved.body.gitRepo.id, p.body.gitRepo.id, "a new URL is a new repository");
    assert.equal(await definition(), VALID);
  });

  it("GET .../git/commits: the branch's newest commit, one object; 404 when unattached or no branch", async () => {
    assert.equal((await call(emu, "GET", `/workflows/${id}/git/commits`)).status, 404, "not attached");
    await attach();
    const noBranch = await call(emu, "GET", `/workflows/${id}/git/commits`);
    assert.equal(noBranch.status, 404);
    assert.match(noBranch.body.errorDescription, /Branch main does not exist/);
    const first = await push({ [PATH]: VALID }, "first");
    const head = await call(emu, "GET", `/workflows/${id}/git/commits`);
    assert.deepEqual(head.body, { commitHash: first, authorName: "Emulator", date: head.body.date, message: "first" });
    assert.ok(!Number.isNaN(Date.parse(head.body.date)));
    const second = await push({ "README.md": "hi" }, "second");
    await push({ [PATH]: INVALID }, "elsewhere", "dev");
    assert.equal((await call(emu, "GET", `/workflows/${id}/git/commits`)).body.commitHash, second, "main only");
    for (const hash of [first, second]) assert.match(hash, /^[0-9a-f]{40}$/);
    assert.notEqual(first, second);
  });

  it("GET .../git/commits/{hash}: the file at a commit, by full hash or a 7+ character prefix", async () => {
    await attach();
    const first = await push({ [PATH]: "hello\n" }, "first");
    const second = await push({ [PATH]: VALID }, "second");
    const gone = await push({ [PATH]: null }, "delete");
    const at = await call(emu, "GET", `/workflows/${id}/git/commits/${first}`);
    assert.deepEqual(at.body, { content: "hello\n", type: "file", size: 6, fileHash: HELLO_BLOB });
    const short = await call(emu, "GET", `/workflows/${id}/git/commits/${second.slice(0, 7)}`);
    assert.equal(short.body.content, VALID);
    assert.equal((await call(emu, "GET", `/workflows/${id}/git/commits/${second.slice(0, 6)}`)).status, 404);
    assert.equal((await call(emu, "GET", `/workflows/${id}/git/commits/${"0".repeat(40)}`)).status, 404);
    const absent = await call(emu, "GET", `/workflows/${id}/git/commits/${gone}`);
    assert.equal(absent.status, 404);
    assert.match(absent.body.errorDescription, /flows\/nightly\.yml does not exist at commit/);
  });

  it("POST .../git/checkout-latest: the head's file becomes the definition, validated as a PATCH would", async () => {
    assert.equal((await call(emu, "POST", `/workflows/${id}/git/checkout-latest`)).status, 404, "not attached");
    await attach();
    assert.equal((await call(emu, "POST", `/workflows/${id}/git/checkout-latest`)).status, 404, "no branch");
    await push({ "README.md": "no workflow yet" });
    const absent = await call(emu, "POST", `/workflows/${id}/git/checkout-latest`);
    assert.equal(absent.status, 404);
    assert.match(absent.body.errorDescription, /flows\/nightly\.yml does not exist at the newest commit of main/);
    assert.equal(await definition(), VALID, "a failed checkout changes nothing");

    const before = (await call(emu, "GET", `/workflows/${id}`)).body;
    await push({ [PATH]: INVALID });
    const r = await call(emu, "POST", `/workflows/${id}/git/checkout-latest`);
    assert.equal(r.status, 200);
    assert.equal(r.body.content, INVALID);
    const after = (await call(emu, "GET", `/workflows/${id}`)).body;
    assert.deepEqual([after.definition, after.valid], [INVALID, false]);
    assert.match(after.validationErrors, /undefined task b/);
    assert.ok(after.updatedAt > before.updatedAt);
    await push({ [PATH]: VALID });
    await call(emu, "POST", `/workflows/${id}/git/checkout-latest`);
    const fixed = (await call(emu, "GET", `/workflows/${id}`)).body;
    assert.deepEqual([fixed.definition, fixed.valid, fixed.validationErrors], [VALID, true, null]);
  });

  it("POST .../git/commits: a commit by the caller on the branch when fileHash is the head's; else 409", async () => {
    const body = { content: "hello\n", message: "from Civis", fileHash: EMPTY_BLOB };
    assert.equal((await call(emu, "POST", `/workflows/${id}/git/commits`, body)).status, 404, "not attached");
    await attach();
    const created = await call(emu, "POST", `/workflows/${id}/git/commits`, body);
    assert.equal(created.status, 200, "an absent file takes the hash of the empty blob");
    assert.deepEqual(created.body, { content: "hello\n", type: "file", size: 6, fileHash: HELLO_BLOB });
    const head = (await call(emu, "GET", `/workflows/${id}/git/commits`)).body;
    assert.deepEqual([head.authorName, head.message], ["Pat Emulator", "from Civis"]);

    const stale = await call(emu, "POST", `/workflows/${id}/git/commits`, { ...body, content: VALID });
    assert.equal(stale.status, 409);
    assert.equal(stale.body.error, "conflict");
    assert.match(stale.body.errorDescription, new RegExp(`is not the hash of ${PATH}.*\\(${HELLO_BLOB}\\)`));
    const next = await call(emu, "POST", `/workflows/${id}/git/commits`, {
      content: VALID,
      message: "m",
      fileHash: HELLO_BLOB,
    });
    assert.equal(next.status, 200);
    assert.equal((await call(emu, "GET", `/workflows/${id}/git/commits/${head.commitHash}`)).body.content, "hello\n");
    assert.equal(await definition(), VALID, "a commit does not check out");
    for (const missing of ["content", "message", "fileHash"]) {
      const full: Record<string, string> = { content: "x", message: "m", fileHash: EMPTY_BLOB };
      const { [missing]: _, ...rest } = full;
      const r = await call(emu, "POST", `/workflows/${id}/git/commits`, rest);
      assert.equal(r.status, 400);
      assert.match(r.body.errorDescription, new RegExp(`${missing} is required`));
    }
  });

  it("permissions: read to read, write to change; a reader cannot attach, commit or check out", async () => {
    await attach();
    await push({ [PATH]: VALID });
    assert.equal((await call(emu, "GET", `/workflows/${id}/git`, undefined, COLLEAGUE)).status, 404, "no share");
    await call(emu, "PUT", `/workflows/${id}/shares/users`, { userIds: [2], permissionLevel: "read" });
    for (const path of ["git", "git/commits"]) {
      assert.equal((await call(emu, "GET", `/workflows/${id}/${path}`, undefined, COLLEAGUE)).status, 200, path);
    }
    const writes: Array<[string, string, unknown]> = [
      ["PUT", "git", { gitRepoUrl: REPO, gitPath: "x.yml" }],
      ["PATCH", "git", { gitPath: "x.yml" }],
      ["POST", "git/checkout-latest", undefined],
      ["POST", "git/commits", { content: "x", message: "m", fileHash: EMPTY_BLOB }],
    ];
    for (const [method, path, body] of writes) {
      const r = await call(emu, method, `/workflows/${id}/${path}`, body, COLLEAGUE);
      assert.equal(r.status, 403, `${method} ${path}`);
    }
    assert.equal((await call(emu, "GET", `/workflows/${id}/git`)).body.gitPath, PATH, "unchanged");
    await call(emu, "PUT", `/workflows/${id}/shares/users`, { userIds: [2], permissionLevel: "write" });
    const content = await call(
      emu,
      "POST",
      `/workflows/${id}/git/commits`,
      {
        content: "by Ada",
        message: "m",
        fileHash: (await call(emu, "GET", `/workflows/${id}/git/commits/${await headHash()}`)).body.fileHash,
      },
      COLLEAGUE,
    );
    assert.equal(content.status, 200);
    assert.equal((await call(emu, "GET", `/workflows/${id}/git/commits`)).body.authorName, "Ada Analyst");
  });
  const headHash = async () => (await call(emu, "GET", `/workflows/${id}/git/commits`)).body.commitHash as string;
});
