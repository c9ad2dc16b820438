import type { Context } from "../context";
import type { Job, PermissionLevel, Workflow } from "../types";
import { jobIdsOf } from "../definition";
import { badRequest, errorFor, idParam, notFound, Router } from "../http";
import { workflowFor } from "../model";
import { SHARE_GROUPS_FIELDS, SHARE_USERS_FIELDS, TRANSFER_FIELDS, validateBody } from "../validate";

const LEVELS: PermissionLevel[] = ["read", "write", "manage"];

export function shareRoutes(router: Router, ctx: Context): void {
  router.on("GET", "/workflows/:id/shares", (req) => {
    const w = workflowFor(ctx.store.state, idParam(req.params.id), req.callerId);
    return { status: 200, body: shareIndex(ctx, w, req.callerId) };
  });

  /**
   * A new owner: the author becomes `userId`, with manage. The previous owner keeps its manage as
   * an ordinary share (or nothing, by the `previousOwnerKeeps` option). The emulator knows no
   * objects a workflow depends on, so `dependencies` is empty (`includeDependencies` has nothing to share).
   */
  router.on("PUT", "/workflows/:id/transfer", (req) => {
    const state = ctx.store.state;
    const w = workflowFor(state, idParam(req.params.id), req.callerId, "manage");
    const body = validateBody(req.body, TRANSFER_FIELDS, ["userId", "includeDependencies"]);
    const to = body.userId as number;
    if (!state.users.some((u) => u.id === to)) throw badRequest(`userId: no user with id ${to}`);
    const previous = w.authorId;
    w.authorId = to;
    w.userShares[String(to)] = "manage";
    if (previous !== to && ctx.options.previousOwnerKeeps === "nothing") delete w.userShares[String(previous)];
    w.updatedAt = ctx.now();
    ctx.store.save();
    return { status: 200, body: { dependencies: [] } };
  });

  /**
   * What the workflow runs (the jobs its tasks name), as `callerId` sees them: a name only where
   * the caller can read the job, and with `user_id`, that user's own level on each (null where
   * none). Jobs the emulator does not know are not listed.
   */
  router.on("GET", "/workflows/:id/dependencies", (req) => {
    const state = ctx.store.state;
    const w = workflowFor(state, idParam(req.params.id), req.callerId);
    const raw = req.query.get("user_id");
    const target = raw === null ? undefined : Number(raw);
    if (target !== undefined && !Number.isInteger(target)) throw badRequest("user_id must be an integer");
    const levelOf = (job: Job, user: number) => (job.userShares ?? { 1: "manage" })[String(user)] ?? null;
    const body = jobIdsOf(w.definition).flatMap((id) => {
      const job = state.jobs.find((j) => j.id === id);
      if (!job) return [];
      return [
        {
          objectType: "JobTypes::Script",
          fcoType: job.fcoType ?? "scripts/sql",
          id: job.id,
          name: levelOf(job, req.callerId) ? job.name : null,
          permissionLevel: target === undefined ? null : levelOf(job, target),
          description: null,
          shareable: levelOf(job, req.callerId) === "manage",
        },
      ];
    });
    return { status: 200, body };
  });

  for (const kind of ["users", "groups"] as const) {
    const idsField = kind === "users" ? "userIds" : "groupIds";
    const fields = kind === "users" ? SHARE_USERS_FIELDS : SHARE_GROUPS_FIELDS;

    router.on("PUT", `/workflows/:id/shares/${kind}`, (req) => {
      const state = ctx.store.state;
      const w = workflowFor(state, idParam(req.params.id), req.callerId, "manage");
      const body = validateBody(req.body, fields, [idsField, "permissionLevel"]);
      const level = body.permissionLevel as PermissionLevel;
      if (!LEVELS.includes(level)) throw badRequest(`permissionLevel must be one of read, write, manage`);
      const ids = body[idsField] as number[];
      if (ids.length === 0)
        throw badRequest(`${idsField} must name at least one ${kind === "users" ? "user" : "group"}`);
      const known = kind === "users" ? state.users.map((u) => u.id) : state.groups.map((g) => g.id);
      const unknown = ids.filter((id) => !known.includes(id));
      if (unknown.length)
        throw badRequest(`${idsField}: no ${kind === "users" ? "user" : "group"} with id ${unknown.join(", ")}`);
      const shares = kind === "users" ? w.userShares : w.groupShares;
      for (const id of ids) {
        // The author stays an owner whatever level a share names.
        if (kind === "users" && id === w.authorId) continue;
        shares[String(id)] = level;
      }
      w.updatedAt = ctx.now();
      ctx.store.save();
      return { status: 200, body: shareIndex(ctx, w, req.callerId) };
    });

    router.on("DELETE", `/workflows/:id/shares/${kind}/:principal`, (req) => {
      const w = workflowFor(ctx.store.state, idParam(req.params.id), req.callerId, "manage");
      const principal = idParam(req.params.principal);
      if (kind === "users" && principal === w.authorId) {
        throw errorFor(403, `User ${principal} owns workflow ${w.id}; an owner's access cannot be revoked.`);
      }
      const shares = kind === "users" ? w.userShares : w.groupShares;
      if (!(String(principal) in shares)) throw notFound();
      delete shares[String(principal)];
      w.updatedAt = ctx.now();
      ctx.store.save();
      return { status: 204 };
    });
  }
}

/**
 * The ShareIndex object, as `callerId` sees it: a private user is counted in the totals but
 * listed only to themselves. The spec declares an array of them; newer servers answer with one
 * object. The emulator answers one object unless told to use the array (control API).
 */
export function shareIndex(ctx: Context, w: Workflow, callerId: number) {
  const state = ctx.store.state;
  const visible = (id: string) => Number(id) === callerId || !state.users.find((u) => u.id === Number(id))?.private;
  const set = (level: PermissionLevel) => ({
    users: Object.entries(w.userShares)
      .filter(([id, l]) => l === level && visible(id))
      .map(([id]) => ({ id: Number(id), name: state.users.find((u) => u.id === Number(id))?.name ?? "Unknown" })),
    groups: Object.entries(w.groupShares)
      .filter(([, l]) => l === level)
      .map(([id]) => ({ id: Number(id), name: state.groups.find((g) => g.id === Number(id))?.name ?? "Unknown" })),
  });
  const index = {
    readers: set("read"),
    writers: set("write"),
    owners: set("manage"),
    totalUserShares: Object.keys(w.userShares).length,
    totalGroupShares: Object.keys(w.groupShares).length,
  };
  return ctx.options.sharesAsArray ? [index] : index;
}
