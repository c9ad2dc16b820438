import type { Context } from "./context";
import type { Faults, FaultSpec } from "./faults";
import type { RequestLog } from "./log";
import type { RateLimiter } from "./ratelimit";
import type { PermissionLevel, State } from "./types";
import { isTimeScale } from "./clock";
import { commit, DEFAULT_BRANCH, repoFor } from "./git";
import { badRequest, errorFor, idParam, notFound, Router } from "./http";
import { applyWorkflowFields } from "./routes/workflows";

export const CONTROL_PREFIX = "/_emulator";

/**
 * The control API, for tests only: the request log, fault injection, behaviour switches, a
 * reset, out-of-band changes made the way a person in the Civis web app would make them, and
 * commits pushed to the git repositories workflows attach to.
 * It needs no key and is never logged; the emulator only ever listens on loopback.
 */
export function controlRoutes(
  ctx: Context,
  deps: { faults: Faults; log: RequestLog; limiter: Pick<RateLimiter, "reset">; seed: () => State },
): Router {
  const r = new Router();
  const P = CONTROL_PREFIX;
  const body = (b: unknown) => (b ?? {}) as Record<string, unknown>;
  const workflow = (id: string) => {
    const w = ctx.store.state.workflows.find((x) => x.id === idParam(id));
    if (!w) throw notFound();
    return w;
  };

  r.on("GET", `${P}/log`, () => ({ status: 200, body: deps.log.entries() }));
  r.on("DELETE", `${P}/log`, () => {
    deps.log.clear();
    return { status: 204 };
  });

  r.on("GET", `${P}/faults`, () => ({ status: 200, body: deps.faults.list() }));
  r.on("POST", `${P}/faults`, (req) => {
    try {
      return { status: 201, body: { id: deps.faults.add(req.body as FaultSpec).id } };
    } catch (e) {
      throw errorFor(400, (e as Error).message);
    }
  });
  r.on("DELETE", `${P}/faults`, () => {
    deps.faults.clear();
    return { status: 204 };
  });

  r.on("GET", `${P}/state`, () => ({ status: 200, body: ctx.store.state }));
  r.on("GET", `${P}/options`, () => ({ status: 200, body: ctx.options }));
  r.on("POST", `${P}/options`, (req) => {
    const { timeScale } = body(req.body);
    if (timeScale !== undefined && !isTimeScale(timeScale)) throw badRequest("timeScale must be a number above 0");
    Object.assign(ctx.options, body(req.body));
    deps.limiter.reset();
    return { status: 200, body: ctx.options };
  });
  r.on("POST", `${P}/reset`, () => {
    ctx.store.replace(deps.seed());
    deps.log.clear();
    deps.faults.clear();
    deps.limiter.reset();
    return { status: 204 };
  });

  // Out-of-band edits, as the workflow's author would make them in the web app.
  r.on("PATCH", `${P}/workflows/:id`, (req) => {
    const w = workflow(req.params.id);
    const { archived, ...fields } = body(req.body);
    applyWorkflowFields(ctx, w, fields);
    if (archived !== undefined) w.archived = Boolean(archived);
    w.updatedAt = ctx.now();
    ctx.store.save();
    return { status: 200, body: w };
  });
  for (const kind of ["users", "groups"] as const) {
    const sharesOf = (id: string) => (kind === "users" ? workflow(id).userShares : workflow(id).groupShares);
    r.on("PUT", `${P}/workflows/:id/shares/${kind}/:principal`, (req) => {
      const level = body(req.body).permissionLevel as PermissionLevel;
      if (!["read", "write", "manage"].includes(level))
        throw badRequest("permissionLevel must be read, write or manage");
      sharesOf(req.params.id)[String(idParam(req.params.principal))] = level;
      ctx.store.save();
      return { status: 204 };
    });
    r.on("DELETE", `${P}/workflows/:id/shares/${kind}/:principal`, (req) => {
      delete sharesOf(req.params.id)[String(idParam(req.params.principal))];
      ctx.store.save();
      return { status: 204 };
    });
  }
  r.on("DELETE", `${P}/workflows/:id/projects/:projectId`, (req) => {
    const w = workflow(req.params.id);
    w.projectIds = w.projectIds.filter((p) => p !== idParam(req.params.projectId));
    ctx.store.save();
    return { status: 204 };
  });

  // Git: a push to a repository (made if new), as someone with a clone of it would make one.
  r.on("POST", `${P}/git/commits`, (req) => {
    const push = gitPush(body(req.body));
    const repo = repoFor(ctx, push.repoUrl);
    const made = commit(ctx, repo, push.branch, push.files, push.message, push.authorName);
    // A tag names the new commit (moved there if it named another, as `git tag -f` would).
    if (push.tag !== undefined) (repo.tags ??= {})[push.tag] = made.hash;
    ctx.store.save();
    return { status: 201, body: { commitHash: made.hash } };
  });
  r.on("GET", `${P}/git/repos`, () => ({ status: 200, body: ctx.store.state.gitRepos }));
  return r;
}

const PUSH_FIELDS = ["repoUrl", "branch", "files", "message", "authorName", "tag"];

/**
 * The body of `POST /_emulator/git/commits`: `{repoUrl, branch?, files: {path: content | null},
 * message, authorName?}`, a null content deleting the file. Strict, so a test's typo fails loudly.
 */
function gitPush(b: Record<string, unknown>) {
  const unknown = Object.keys(b).filter((k) => !PUSH_FIELDS.includes(k));
  if (unknown.length) throw badRequest(`${unknown.join(", ")}: not among ${PUSH_FIELDS.join(", ")}`);
  const text = (key: string, fallback?: string): string => {
    const value = b[key] ?? fallback;
    if (typeof value !== "string" || value.trim() === "") throw badRequest(`${key} must be a non-empty string`);
    return value;
  };
  const files = b.files;
  if (typeof files !== "object" || files === null || Array.isArray(files))
    throw badRequest("files must be an object of path -> content (a string, or null to delete the file)");
  for (const [path, content] of Object.entries(files)) {
    if (content !== null && typeof content !== "string") throw badRequest(`files[${path}] must be a string or null`);
  }
  return {
    repoUrl: text("repoUrl"),
    branch: text("branch", DEFAULT_BRANCH),
    files: files as Record<string, string | null>,
    message: text("message"),
    authorName: text("authorName", "Emulator"),
    tag: b.tag === undefined ? undefined : text("tag"),
  };
}
