// The emulator's git repositories: commits are snapshots kept in the state file, hashed like git
// hashes where a client can check (a file's blob hash), uniquely elsewhere (a commit's hash).
import { createHash } from "node:crypto";
import type { Context } from "./context";
import type { GitAttachment, GitCommit, GitRepo, State } from "./types";
import { errorFor } from "./http";

/** The branch an attachment or a control-API commit names when none is given: the emulator's guess. */
export const DEFAULT_BRANCH = "main";

const sha1 = (text: string) => createHash("sha1").update(text, "utf8").digest("hex");

/** Git's blob hash (`git hash-object`), so a client may compute the `fileHash` a commit needs. */
export function blobHash(content: string): string {
  return sha1(`blob ${Buffer.byteLength(content, "utf8")}\0${content}`);
}

export function findRepo(state: State, url: string): GitRepo | undefined {
  return state.gitRepos.find((r) => r.url === url);
}

/** The repository at `url`, made (with no branches) if the emulator does not know it yet. */
export function repoFor(ctx: Context, url: string): GitRepo {
  const state = ctx.store.state;
  const known = findRepo(state, url);
  if (known) return known;
  const now = ctx.now();
  const repo: GitRepo = {
    id: Math.max(0, ...state.gitRepos.map((r) => r.id)) + 1,
    url,
    createdAt: now,
    updatedAt: now,
    branches: {},
    commits: {},
  };
  state.gitRepos.push(repo);
  return repo;
}

/** The newest commit of `branch`; undefined when the repository has no such branch. */
export function headOf(repo: GitRepo, branch: string): GitCommit | undefined {
  const hashes = repo.branches[branch];
  return hashes?.length ? repo.commits[hashes[hashes.length - 1]] : undefined;
}

/**
 * Appends a commit to `branch` (made if new, starting from nothing): the head's files with
 * `changes` applied, a null deleting its path. Not saved: the caller saves.
 */
export function commit(
  ctx: Context,
  repo: GitRepo,
  branch: string,
  changes: Record<string, string | null>,
  message: string,
  authorName: string,
): GitCommit {
  const parent = headOf(repo, branch);
  const files = { ...(parent?.files ?? {}) };
  for (const [path, content] of Object.entries(changes)) {
    if (content === null) delete files[path];
    else files[path] = content;
  }
  const date = ctx.now();
  // Unique: the number of commits grows with each, and the URL and branch tell repositories apart.
  const seed = [repo.url, branch, parent?.hash ?? "", JSON.stringify(files), message, authorName, date];
  const hash = sha1(`commit\0${seed.join("\0")}\0${Object.keys(repo.commits).length}`);
  const made: GitCommit = { hash, authorName, date, message, files };
  repo.commits[hash] = made;
  (repo.branches[branch] ??= []).push(hash);
  repo.updatedAt = date;
  return made;
}

/**
 * The commit a tag, a full SHA or a unique prefix of at least 7 characters names, as git resolves
 * one (a tag first). Branch names are not resolved.
 */
export function resolveCommit(repo: GitRepo, ref: string): GitCommit {
  const tagged = repo.tags?.[ref];
  if (tagged) return repo.commits[tagged];
  const wanted = ref.toLowerCase();
  if (!/^[0-9a-f]{7,40}$/.test(wanted))
    throw errorFor(404, `No commit ${ref} in ${repo.url}: give a full SHA or at least its first 7 characters.`);
  const found = Object.keys(repo.commits).filter((h) => h.startsWith(wanted));
  if (found.length > 1) throw errorFor(404, `${ref} is ambiguous in ${repo.url}: ${found.length} commits start so.`);
  if (!found.length) throw errorFor(404, `No commit ${ref} in ${repo.url}.`);
  return repo.commits[found[0]];
}

/** The attachment of workflow `id`, or the 404 that says it has none. */
export function attachmentOf(
  state: State,
  w: { id: number; git?: GitAttachment | null },
): { git: GitAttachment; repo: GitRepo } {
  const git = w.git;
  const repo = git ? state.gitRepos.find((r) => r.id === git.repoId) : undefined;
  if (!git || !repo) throw errorFor(404, `Workflow ${w.id} has no git file attached.`);
  return { git, repo };
}

/** The branch's newest commit, or the 404 that names the missing branch. */
export function branchHead(repo: GitRepo, branch: string): GitCommit {
  const head = headOf(repo, branch);
  if (!head) throw errorFor(404, `Branch ${branch} does not exist in ${repo.url}.`);
  return head;
}

/** The GitFile object of the spec. */
export function renderGitFile(git: GitAttachment, repo: GitRepo) {
  return {
    gitRef: git.ref,
    gitBranch: git.branch,
    gitPath: git.path,
    gitRepo: { id: repo.id, repoUrl: repo.url, createdAt: repo.createdAt, updatedAt: repo.updatedAt },
    gitRefType: git.refType,
    pullFromGit: git.pullFromGit,
  };
}

/** The GitFileGitCommit object of the spec. */
export function renderCommit(c: GitCommit) {
  return { commitHash: c.hash, authorName: c.authorName, date: c.date, message: c.message };
}

/** The GitFileContent object of the spec: a file's text, its size in bytes and its blob hash. */
export function renderContent(content: string) {
  return { content, type: "file", size: Buffer.byteLength(content, "utf8"), fileHash: blobHash(content) };
}
