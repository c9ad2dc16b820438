import type { Context } from "../context";
import type { GitAttachment } from "../types";
import {
  attachmentOf,
  blobHash,
  branchHead,
  commit,
  DEFAULT_BRANCH,
  headOf,
  renderCommit,
  renderContent,
  renderGitFile,
  repoFor,
  resolveCommit,
} from "../git";
import { badRequest, errorFor, idParam, Router } from "../http";
import { findUser, workflowFor } from "../model";
import { GIT_COMMIT_FIELDS, GIT_FILE_FIELDS, validateBody } from "../validate";
import { applyWorkflowFields } from "./workflows";

const REF_TYPES = ["branch", "tag"];

/**
 * `/workflows/{id}/git*`: a workflow attached to one file of a repository (the emulator's, see
 * git.ts). Attaching records metadata only; the definition changes only by `checkout-latest`.
 */
export function gitRoutes(router: Router, ctx: Context): void {
  const workflow = (id: string, callerId: number, need: "read" | "write" = "read") =>
    workflowFor(ctx.store.state, idParam(id), callerId, need);

  router.on("GET", "/workflows/:id/git", (req) => {
    const { git, repo } = attachmentOf(ctx.store.state, workflow(req.params.id, req.callerId));
    return { status: 200, body: renderGitFile(git, repo) };
  });

  // PUT attaches anew, whatever was attached: what is not sent takes its default.
  router.on("PUT", "/workflows/:id/git", (req) => {
    const w = workflow(req.params.id, req.callerId, "write");
    const body = validateBody(req.body, GIT_FILE_FIELDS, ["gitRepoUrl", "gitPath"]);
    w.git = attachment(ctx, body);
    ctx.store.save();
    return { status: 200, body: renderGitFile(w.git, attachmentOf(ctx.store.state, w).repo) };
  });

  // PATCH changes the fields it is given; one sent as null goes back to its default.
  router.on("PATCH", "/workflows/:id/git", (req) => {
    const w = workflow(req.params.id, req.callerId, "write");
    const { git, repo } = attachmentOf(ctx.store.state, w);
    const body = validateBody(req.body, GIT_FILE_FIELDS);
    const was = {
      gitRepoUrl: repo.url,
      gitPath: git.path,
      gitBranch: git.branch,
      gitRef: git.ref,
      gitRefType: git.refType,
      pullFromGit: git.pullFromGit,
    };
    const given = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
    w.git = attachment(ctx, { ...was, ...given });
    ctx.store.save();
    return { status: 200, body: renderGitFile(w.git, attachmentOf(ctx.store.state, w).repo) };
  });

  // The spec declares one commit, not a list: the newest on the attachment's branch.
  router.on("GET", "/workflows/:id/git/commits", (req) => {
    const { git, repo } = attachmentOf(ctx.store.state, workflow(req.params.id, req.callerId));
    return { status: 200, body: renderCommit(branchHead(repo, git.branch)) };
  });

  router.on("GET", "/workflows/:id/git/commits/:commitHash", (req) => {
    const { git, repo } = attachmentOf(ctx.store.state, workflow(req.params.id, req.callerId));
    const at = resolveCommit(repo, req.params.commitHash);
    const content = at.files[git.path];
    if (content === undefined) throw errorFor(404, `${git.path} does not exist at commit ${at.hash}.`);
    return { status: 200, body: renderContent(content) };
  });

  router.on("POST", "/workflows/:id/git/checkout-latest", (req) => {
    const w = workflow(req.params.id, req.callerId, "write");
    const { git, repo } = attachmentOf(ctx.store.state, w);
    const head = branchHead(repo, git.branch);
    const content = head.files[git.path];
    if (content === undefined)
      throw errorFor(404, `${git.path} does not exist at the newest commit of ${git.branch} (${head.hash}).`);
    // As a PATCH of the definition would: validity re-read, updatedAt moved.
    applyWorkflowFields(ctx, w, { definition: content });
    w.updatedAt = ctx.now();
    ctx.store.save();
    return { status: 200, body: renderContent(content) };
  });

  /**
   * A commit of new content for the attached file, on top of the branch's newest commit (a
   * branch not there yet starts from nothing). `fileHash` guards against a lost update: it must
   * be the blob hash of the file as it is now (of "" where it is absent).
   */
  router.on("POST", "/workflows/:id/git/commits", (req) => {
    const state = ctx.store.state;
    const w = workflow(req.params.id, req.callerId, "write");
    const body = validateBody(req.body, GIT_COMMIT_FIELDS, ["content", "message", "fileHash"]);
    const { git, repo } = attachmentOf(state, w);
    const current = blobHash(headOf(repo, git.branch)?.files[git.path] ?? "");
    if (body.fileHash !== current) {
      throw errorFor(
        409,
        `fileHash ${String(body.fileHash)} is not the hash of ${git.path} at the newest commit of ` +
          `${git.branch} (${current}): the file changed since it was read.`,
      );
    }
    const content = body.content as string;
    const author = findUser(state, req.callerId)?.name ?? "Unknown";
    commit(ctx, repo, git.branch, { [git.path]: content }, body.message as string, author);
    ctx.store.save();
    return { status: 200, body: renderContent(content) };
  });
}

/**
 * The attachment a request's fields (merged with the current ones for a PATCH) describe, with
 * the defaults for what is absent or null. An unknown repository URL is recorded, with no
 * branches: attaching is metadata, and only a later checkout finds the file missing.
 */
function attachment(ctx: Context, f: Record<string, unknown>): GitAttachment {
  for (const key of ["gitRepoUrl", "gitPath"])
    if (f[key] === undefined || f[key] === null) throw badRequest(`${key} is required`);
  for (const key of ["gitRepoUrl", "gitPath", "gitBranch", "gitRef"]) {
    const value = f[key];
    if (typeof value === "string" && value.trim() === "") throw badRequest(`${key} can't be blank`);
  }
  // The defaults are the emulator's guesses: the spec names none (README).
  const refType = (f.gitRefType as string | null | undefined) ?? "branch";
  if (!REF_TYPES.includes(refType))
    throw badRequest(`gitRefType must be one of ${REF_TYPES.join(", ")}, not ${JSON.stringify(refType)}`);
  const branch = (f.gitBranch as string | null | undefined) ?? DEFAULT_BRANCH;
  return {
    repoId: repoFor(ctx, f.gitRepoUrl as string).id,
    path: f.gitPath as string,
    branch,
    ref: (f.gitRef as string | null | undefined) ?? branch,
    refType: refType as GitAttachment["refType"],
    pullFromGit: (f.pullFromGit as boolean | null | undefined) ?? false,
  };
}
