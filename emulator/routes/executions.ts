import type { Context } from "../context";
import type { Execution, TaskRun } from "../types";
import {
  advance,
  cancelExecution,
  flowOf,
  resumeExecution,
  retryExecution,
  settle,
  startExecution,
  stateOf,
} from "../executions";
import { badRequest, errorFor, idParam, notFound, Router } from "../http";
import { simpleUser, workflowFor } from "../model";
import { validateBody } from "../validate";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const ORDERS = { id: "id", created_at: "createdAt", updated_at: "updatedAt" } as const;

/**
 * `/workflows/{id}/executions*`: starting, watching, cancelling, resuming and retrying runs of a
 * workflow (executions.ts runs them). Starting needs write; reading, read.
 */
export function executionRoutes(router: Router, ctx: Context): void {
  const state = () => ctx.store.state;
  const executionOf = (id: string, executionId: string, callerId: number, need: "read" | "write" = "read") => {
    const w = workflowFor(state(), idParam(id), callerId, need);
    const e = state().executions.find((x) => x.id === idParam(executionId) && x.workflowId === w.id);
    if (!e) throw notFound();
    advance(ctx, e);
    return { w, e };
  };
  const answer = (status: number, w: Parameters<typeof settle>[1], e: Execution, callerId: number) => {
    settle(ctx, w);
    ctx.store.save();
    return { status, body: renderExecution(ctx, e, callerId) };
  };

  router.on("POST", "/workflows/:id/executions", (req) => {
    const w = workflowFor(state(), idParam(req.params.id), req.callerId, "write");
    // `input` is free key-value pairs, which the field table cannot say: checked apart.
    const { input, ...rest } = (req.body ?? {}) as Record<string, unknown>;
    if (input !== undefined && input !== null && (typeof input !== "object" || Array.isArray(input)))
      throw badRequest("input must be a JSON object");
    const body: Record<string, unknown> = {
      ...validateBody(rest, { targetTask: "string", includedTasks: { array: "string" } }),
      input,
    };
    if (w.archived) throw badRequest(`Workflow ${w.id} is archived; restore it to run it.`);
    if (!w.valid) throw badRequest(`Workflow ${w.id} has an invalid definition: ${w.validationErrors}`);
    const tasks = Object.keys(flowOf(w.definition).tasks);
    const included = (body.includedTasks as string[] | null | undefined) ?? [];
    for (const t of [...included, ...(typeof body.targetTask === "string" ? [body.targetTask] : [])])
      if (!tasks.includes(t)) throw badRequest(`${t} is not a task of workflow ${w.id}`);
    settle(ctx, w);
    const running = state().executions.find((e) => e.workflowId === w.id && stateOf(e) === "running");
    if (!w.allowConcurrentExecutions && running)
      throw errorFor(409, `Workflow ${w.id} does not allow concurrent executions; execution ${running.id} is running.`);
    const e = startExecution(ctx, w, req.callerId, {
      input: (body.input as Record<string, unknown> | null) ?? {},
      includedTasks: included,
      targetTask: (body.targetTask as string | null) ?? null,
    });
    return answer(201, w, e, req.callerId);
  });

  router.on("GET", "/workflows/:id/executions", (req) => {
    const w = workflowFor(state(), idParam(req.params.id), req.callerId);
    settle(ctx, w);
    ctx.store.save();
    const q = req.query;
    const limit = Number(q.get("limit") ?? 20);
    const page = Number(q.get("page_num") ?? 1);
    if (!Number.isInteger(limit) || limit < 1 || limit > 50) throw badRequest("limit must be between 1 and 50");
    if (!Number.isInteger(page) || page < 1) throw badRequest("page_num must be at least 1");
    const order = q.get("order") ?? "id";
    if (!(order in ORDERS)) throw badRequest("order must be one of: id, created_at, updated_at");
    const dir = q.get("order_dir") ?? "desc";
    if (dir !== "asc" && dir !== "desc") throw badRequest("order_dir must be asc or desc");
    const key = ORDERS[order as keyof typeof ORDERS];
    const all = state()
      .executions.filter((e) => e.workflowId === w.id)
      .sort((a, b) => (a[key] - b[key] || a.id - b.id) * (dir === "asc" ? 1 : -1));
    return {
      status: 200,
      body: all.slice((page - 1) * limit, page * limit).map((e) => renderSummary(ctx, e)),
      headers: {
        "X-Pagination-Per-Page": String(limit),
        "X-Pagination-Current-Page": String(page),
        "X-Pagination-Total-Pages": String(Math.max(1, Math.ceil(all.length / limit))),
        "X-Pagination-Total-Entries": String(all.length),
      },
    };
  });

  router.on("GET", "/workflows/:id/executions/:executionId", (req) => {
    const { w, e } = executionOf(req.params.id, req.params.executionId, req.callerId);
    return answer(200, w, e, req.callerId);
  });

  router.on("POST", "/workflows/:id/executions/:executionId/cancel", (req) => {
    const { w, e } = executionOf(req.params.id, req.params.executionId, req.callerId, "write");
    cancelExecution(ctx, e);
    return answer(202, w, e, req.callerId);
  });

  router.on("POST", "/workflows/:id/executions/:executionId/resume", (req) => {
    const { w, e } = executionOf(req.params.id, req.params.executionId, req.callerId, "write");
    if (!resumeExecution(ctx, e)) throw badRequest(`Execution ${e.id} is not paused.`);
    return answer(202, w, e, req.callerId);
  });

  router.on("POST", "/workflows/:id/executions/:executionId/retry", (req) => {
    const { w, e } = executionOf(req.params.id, req.params.executionId, req.callerId, "write");
    const body = validateBody(req.body, { taskName: "string" });
    const taskName = (body.taskName as string | null) ?? undefined;
    if (!retryExecution(ctx, e, taskName))
      throw badRequest(
        `Execution ${e.id} has no failed task${taskName ? ` named ${taskName}` : ""} to retry (it is ${stateOf(e)}).`,
      );
    return answer(202, w, e, req.callerId);
  });

  router.on("GET", "/workflows/:id/executions/:executionId/tasks/:taskName", (req) => {
    const { w, e } = executionOf(req.params.id, req.params.executionId, req.callerId);
    settle(ctx, w);
    ctx.store.save();
    const t = e.tasks.find((x) => x.name === req.params.taskName);
    if (!t) throw notFound();
    return { status: 200, body: renderTask(ctx, t, req.callerId) };
  });
}

function renderSummary(ctx: Context, e: Execution) {
  return {
    id: e.id,
    state: stateOf(e),
    mistralState: e.mistralState,
    mistralStateInfo: e.mistralStateInfo,
    user: simpleUser(ctx.store.state, e.userId),
    startedAt: iso(e.createdAt),
    finishedAt: iso(e.finishedAt),
    createdAt: iso(e.createdAt),
    updatedAt: iso(e.updatedAt),
  };
}

function renderExecution(ctx: Context, e: Execution, callerId: number) {
  const summary = renderSummary(ctx, e);
  return {
    ...summary,
    definition: e.definition,
    input: e.input,
    includedTasks: e.includedTasks,
    tasks: e.tasks.map((t) => renderTask(ctx, t, callerId)),
  };
}

function renderTask(ctx: Context, t: TaskRun, callerId: number) {
  const level = (jobId: number) => {
    const job = ctx.store.state.jobs.find((j) => j.id === jobId);
    const shares = job?.userShares ?? { 1: "manage" };
    return shares[String(callerId)] ?? "nil";
  };
  return {
    name: t.name,
    mistralState: t.mistralState,
    mistralStateInfo: t.mistralStateInfo,
    runs: t.runs.map((r) => ({ ...r, myPermissionLevel: level(r.jobId) })),
    executions: [],
  };
}
