// The git field's check (every field filled in, the default branch, pinned refs) and when an
// unchanged program must still check the file out again.
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { checkGit, checkoutReason, isPinned } from "../../../../../provider/resources/workflow/git";
import type { CheckFailure } from "../../../../../provider/core/checks";

const URL = "https://git.example.com/data/pipelines.git";
const checked = (value: unknown) => {
  const failures: CheckFailure[] = [];
  return { git: checkGit(value, "git", failures), reasons: failures.map((f) => f.reason) };
};

describe("checkGit", () => {
  it("fills in the branch (main, or a ref that names one), the ref, refType and pullFromGit", () => {
    const base = { repoUrl: URL, path: "a.yml" };
    assert.deepEqual(checked(base).git, {
      ...base,
      branch: "main",
      ref: "main",
      refType: "branch",
      pullFromGit: false,
    });
    assert.deepEqual(checked({ ...base, ref: "release" }).git?.branch, "release", "a ref that is a branch name");
    const pinned = checked({ ...base, ref: "3f2a9c1d" }).git!;
    assert.deepEqual([pinned.branch, pinned.ref, isPinned(pinned)], ["main", "3f2a9c1d", true]);
    const tag = checked({ ...base, ref: "v1.2", refType: "tag", branch: "prod" }).git!;
    assert.deepEqual([tag.branch, tag.ref, tag.refType, isPinned(tag)], ["prod", "v1.2", "tag", true]);
    assert.equal(isPinned(checked({ ...base, branch: "dev" }).git!), false);
  });

  it("names each bad field and the fix", () => {
    assert.match(checked("repo.git").reasons[0], /^git must be an object such as \{ repoUrl: /);
    assert.deepEqual(checked({ repoUrl: URL, path: "a.yml", branch: "", refType: "tag", extra: 1 }).reasons, [
      checked({ repoUrl: URL, path: "a.yml", extra: 1 }).reasons[0],
      "git.branch must not be empty; leave it out for the default",
      'git.ref is required with refType "tag": the tag to run',
    ]);
    assert.match(checked({ repoUrl: "https://x y", path: "a.yml" }).reasons[0], /without spaces/);
    assert.match(
      checked({ repoUrl: URL, path: "a.yml", pullFromGit: "yes" }).reasons[0],
      /pullFromGit must be a boolean/,
    );
  });
});

describe("checkoutReason", () => {
  const git = checked({ repoUrl: URL, path: "a.yml" }).git!;
  const a = { hash: "a".repeat(40), message: "First" };
  const b = { hash: "b".repeat(40), message: "Second\n\nbody" };
  it("says when the branch moved on, and nothing when it did not or the program changed git anyway", () => {
    assert.equal(checkoutReason({ git, gitCommit: a, gitNewestCommit: a }, git), undefined);
    assert.equal(
      checkoutReason({ git, gitCommit: a, gitNewestCommit: b }, git),
      'git: the workflow runs commit aaaaaaa ("First"); branch main\'s newest is bbbbbbb ("Second"): up checks it out',
    );
    assert.equal(checkoutReason({ git: { ...git, path: "b.yml" }, gitCommit: a, gitNewestCommit: b }, git), undefined);
    assert.equal(checkoutReason({ git, gitCommit: a, gitNewestCommit: b }, undefined), undefined);
  });
  it("a definition changed in Civis is checked out again, pinned or not; a pinned ref never moves", () => {
    assert.match(
      checkoutReason({ git, gitCommit: null, gitNewestCommit: a }, git)!,
      /changed in Civis since branch main/,
    );
    const pinned = { ...git, ref: "a".repeat(7) };
    assert.equal(checkoutReason({ git: pinned, gitCommit: a, gitNewestCommit: b }, pinned), undefined);
    assert.match(checkoutReason({ git: pinned, gitCommit: null }, pinned)!, /since ref aaaaaaa was checked out/);
  });
});
