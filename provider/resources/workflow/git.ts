/**
 * Definitions kept in git (`git`): the workflow is attached to one file of a repository
 * (`PUT`/`PATCH .../git`) and runs it as it is at a commit. A branch that is tracked (`ref` is the
 * branch) moves: `checkout-latest` takes its newest commit. A `ref` that names a commit or a tag
 * pins the file: its content is read at that ref and written as the definition, because the spec
 * has no checkout of a given ref (`post_git_checkout` is only in the Python client's reference;
 * emulator/README.md).
 */
import { CivisApiError, type CivisClient, type GitFileWrite, type WireGitFile, type WireWorkflow } from "../../client";
import { checkKnownKeys, checkOptional, checkRequiredString, describe, fail, type Failures } from "../../core/checks";
import { deepEqual, isPlainObject } from "../../core/values";

/** The git file a workflow runs, as check leaves it: every field filled in. */
export type GitSource = {
  repoUrl: string;
  path: string;
  branch: string;
  /** The branch itself (tracked), a commit SHA or a tag (pinned). */
  ref: string;
  refType: "branch" | "tag";
  pullFromGit: boolean;
};

/** A commit as state keeps it: enough to name it in a preview. */
export type GitCommit = {
  hash: string;
  /** Null for a pinned ref that is not its branch's newest commit (Civis answers only that one's message). */
  message: string | null;
};

/** What state keeps of git besides the program's `git`: the commit the workflow runs and its branch's newest. */
export type GitOutputs = {
  gitCommit?: GitCommit | null;
  gitNewestCommit?: GitCommit | null;
};

const DEFAULT_BRANCH = "main";
const KEYS = ["repoUrl", "path", "branch", "ref", "refType", "pullFromGit"];
const COMMIT_SHA = /^[0-9a-f]{7,40}$/;

export function checkGit(value: unknown, property: string, failures: Failures): GitSource | undefined {
  if (!isPlainObject(value)) {
    failures.push(
      fail(
        property,
        `${property} must be an object such as { repoUrl: "https://github.com/org/repo.git", path: ` +
          `"workflows/nightly.yml" }, not ${describe(value)}`,
      ),
    );
    return undefined;
  }
  const before = failures.length;
  checkKnownKeys(value, KEYS, property, failures);
  checkRequiredString(value.repoUrl, `${property}.repoUrl`, failures);
  if (typeof value.repoUrl === "string" && /\s/.test(value.repoUrl))
    failures.push(fail(`${property}.repoUrl`, `${property}.repoUrl must be a repository URL, without spaces`));
  checkRequiredString(value.path, `${property}.path`, failures);
  if (typeof value.path === "string" && value.path.startsWith("/"))
    failures.push(
      fail(`${property}.path`, `${property}.path is the file's path inside the repository, without a leading /`),
    );
  for (const k of ["branch", "ref"]) {
    if (checkOptional(value[k], "string", `${property}.${k}`, failures) && value[k] === "")
      failures.push(fail(`${property}.${k}`, `${property}.${k} must not be empty; leave it out for the default`));
  }
  if (value.refType !== undefined && value.refType !== "branch" && value.refType !== "tag")
    failures.push(
      fail(`${property}.refType`, `${property}.refType must be "branch" or "tag", not ${describe(value.refType)}`),
    );
  if (value.refType === "tag" && value.ref === undefined)
    failures.push(fail(`${property}.ref`, `${property}.ref is required with refType "tag": the tag to run`));
  checkOptional(value.pullFromGit, "boolean", `${property}.pullFromGit`, failures);
  if (failures.length > before) return undefined;
  const ref = value.ref as string | undefined;
  const branchLike = ref !== undefined && value.refType !== "tag" && !COMMIT_SHA.test(ref);
  const branch = (value.branch as string | undefined) ?? (branchLike ? ref : DEFAULT_BRANCH);
  return {
    repoUrl: value.repoUrl as string,
    path: value.path as string,
    branch,
    ref: ref ?? branch,
    refType: (value.refType as "branch" | "tag" | undefined) ?? "branch",
    pullFromGit: (value.pullFromGit as boolean | undefined) ?? false,
  };
}

/** A ref other than the branch (a commit or a tag) pins the file: it never moves. */
export const isPinned = (g: GitSource) => g.ref !== g.branch;

export const toGitWire = (g: GitSource): GitFileWrite => ({
  gitRepoUrl: g.repoUrl,
  gitPath: g.path,
  gitBranch: g.branch,
  gitRef: g.ref,
  gitRefType: g.refType,
  pullFromGit: g.pullFromGit,
});

export const fromGitWire = (f: WireGitFile): GitSource => ({
  repoUrl: f.gitRepo.repoUrl,
  path: f.gitPath,
  branch: f.gitBranch,
  ref: f.gitRef,
  refType: f.gitRefType === "tag" ? "tag" : "branch",
  pullFromGit: f.pullFromGit,
});

/** Short enough to read in a preview, long enough to find in the repository. */
export const describeCommit = (c: GitCommit) =>
  `${c.hash.slice(0, 7)}${c.message !== null ? ` (${JSON.stringify(c.message.split("\n")[0])})` : ""}`;

/**
 * Attaches workflow `id` to the program's file (`how`: `PUT` for a new attachment, `PATCH` for a
 * changed one; a `PATCH` that finds none attached attaches with `PUT`), unless `attached` is it
 * already, then checks out the file. The workflow as it then is, with the commit it runs.
 */
export async function attachAndCheckOut(
  client: CivisClient,
  id: number,
  git: GitSource,
  attached: GitSource | null | undefined,
): Promise<{ workflow: WireWorkflow } & GitOutputs> {
  try {
    if (!attached || !deepEqual(attached, git)) {
      const how = attached ? "PATCH" : "PUT";
      await client.attachGit(id, toGitWire(git), how).catch((e: unknown) => {
        if (how === "PATCH" && e instanceof CivisApiError && e.status === 404)
          return client.attachGit(id, toGitWire(git), "PUT");
        throw e;
      });
    }
    return await checkOut(client, id, git);
  } catch (e) {
    if (!(e instanceof CivisApiError)) throw e;
    const at = isPinned(git) ? `ref ${git.ref}` : `branch ${git.branch}`;
    throw new Error(
      `git: workflow ${id} could not run ${git.path} of ${git.repoUrl} at ${at}: ${e.message}. Check that the ` +
        `repository, the ${isPinned(git) ? "ref" : "branch"} and the file exist, and that Civis can reach the ` +
        "repository (its git credentials in the web app)",
      { cause: e },
    );
  }
}

/**
 * Makes the workflow run the file: a pinned ref's content written as the definition (one read,
 * one PATCH); a tracked branch's newest commit checked out, read before the checkout so that a
 * commit landing in between makes the next refresh check out again rather than go unseen.
 */
async function checkOut(
  client: CivisClient,
  id: number,
  git: GitSource,
): Promise<{ workflow: WireWorkflow } & GitOutputs> {
  if (isPinned(git)) {
    const file = await client.gitFileAt(id, git.ref);
    const workflow = await client.patchWorkflow(id, { definition: file.content });
    return { workflow, gitCommit: { hash: git.ref, message: null }, gitNewestCommit: null };
  }
  const head = await client.gitHead(id);
  // A checkout changes nothing when repeated: an unknown fate (a timeout, a 502) is tried again.
  for (let attempt = 1; ; attempt++) {
    try {
      await client.checkoutLatest(id);
      break;
    } catch (e) {
      if (!(e instanceof CivisApiError && e.mayHaveBeenApplied) || attempt >= 3) throw e;
    }
  }
  const commit = { hash: head.commitHash, message: head.message };
  return { workflow: await client.getWorkflow(id), gitCommit: commit, gitNewestCommit: commit };
}

/**
 * What a refresh finds of git: the attachment (null: none), and the branch's newest commit for a
 * tracked branch. The commit the workflow runs stays the one last checked out, unless the
 * definition changed since (edited in the web app, or pulled by Civis): then it is unknown (null),
 * and the next `up` checks out again.
 */
export async function readGit(
  client: CivisClient,
  w: WireWorkflow,
  stored: { definition?: string | null } & GitOutputs,
  sameDefinition: (a: string, b: string) => boolean,
): Promise<{ git: GitSource | null } & GitOutputs> {
  let attached: GitSource | null;
  try {
    attached = fromGitWire(await client.gitFile(w.id));
  } catch (e) {
    if (!(e instanceof CivisApiError && e.isGone)) throw e;
    return { git: null, gitCommit: null, gitNewestCommit: null };
  }
  let newest: GitCommit | null = null;
  if (!isPinned(attached)) {
    try {
      const head = await client.gitHead(w.id);
      newest = { hash: head.commitHash, message: head.message };
    } catch (e) {
      if (!(e instanceof CivisApiError && e.isGone)) throw e;
    }
  }
  const edited = typeof stored.definition === "string" && !sameDefinition(stored.definition, w.definition ?? "");
  return { git: attached, gitCommit: edited ? null : (stored.gitCommit ?? null), gitNewestCommit: newest };
}

/**
 * Why an `up` must check the file out again though the program's `git` is unchanged: the branch
 * has a newer commit, or the definition no longer is the commit's. Undefined when it need not.
 */
export function checkoutReason(olds: { git?: GitSource | null } & GitOutputs, git: GitSource | undefined) {
  if (!git || !olds.git || !deepEqual(olds.git, git)) return undefined;
  const where = isPinned(git) ? `ref ${git.ref}` : `branch ${git.branch}`;
  if (olds.gitCommit === null)
    return `git: the workflow's definition was changed in Civis since ${where} was checked out: up checks it out again`;
  const running = olds.gitCommit;
  const newest = olds.gitNewestCommit;
  if (isPinned(git) || !running || !newest || newest.hash === running.hash) return undefined;
  return (
    `git: the workflow runs commit ${describeCommit(running)}; ${where}'s newest is ${describeCommit(newest)}: ` +
    "up checks it out"
  );
}
