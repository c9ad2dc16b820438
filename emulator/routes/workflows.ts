import type { Context } from "../context";
import { settle } from "../executions";
import type { Workflow } from "../types";
import { badRequest, idParam, Router } from "../http";
import { validateDefinition } from "../definition";
import { isTimeZone, nextExecution, scheduleFrom, EMPTY_SCHEDULE } from "../schedule";
import { findUser, notificationsFrom, renderSummary, renderWorkflow, workflowFor } from "../model";
import {
  ARCHIVE_FIELDS,
  CLONE_FIELDS,
  validateBody,
  WORKFLOW_CREATE_FIELDS,
  WORKFLOW_UPDATE_FIELDS,
} from "../validate";

const EXECUTION_STATES = ["queued", "running", "succeeded", "failed", "cancelled", "idle", "scheduled"];

/** A list query parameter, sent as `state=a,b`, `state=a&state=b` or Rails' `state[]=a`. */
function listQuery(q: URLSearchParams, name: string): string[] | undefined {
  const values = [...q.getAll(name), ...q.getAll(`${name}[]`)].flatMap((v) => v.split(",")).filter(Boolean);
  return values.length ? values : undefined;
}

const ORDERS = { updated_at: "updatedAt", name: "name", created_at: "createdAt" } as const;

export function workflowRoutes(router: Router, ctx: Context): void {
  router.on("GET", "/workflows", (req) => {
    const state = ctx.store.state;
    const q = req.query;
    const limit = intQuery(q.get("limit"), 20, "limit");
    const page = intQuery(q.get("page_num"), 1, "page_num");
    if (limit < 1 || limit > 50) throw badRequest("limit must be between 1 and 50");
    if (page < 1) throw badRequest("page_num must be at least 1");
    const order = q.get("order") ?? "updated_at";
    if (!(order in ORDERS)) throw badRequest("order must be one of: updated_at, name, created_at");
    const dir = q.get("order_dir") ?? "desc";
    if (dir !== "asc" && dir !== "desc") throw badRequest("order_dir must be asc or desc");
    const archived = q.get("archived") ?? "false";
    if (!["true", "false", "all"].includes(archived)) throw badRequest("archived must be true, false or all");
    const hidden = q.get("hidden") === "true";
    const authors = q
      .get("author")
      ?.split(",")
      .filter(Boolean)
      .map((a) => intQuery(a, 0, "author"));
    const states = listQuery(q, "state");
    for (const s of states ?? [])
      if (!EXECUTION_STATES.includes(s)) throw badRequest(`state must be among ${EXECUTION_STATES.join(", ")}`);
    const scheduled = q.get("scheduled");
    if (scheduled !== null && scheduled !== "true" && scheduled !== "false")
      throw badRequest("scheduled must be true or false");

    const key = ORDERS[order as keyof typeof ORDERS];
    for (const w of state.workflows) settle(ctx, w);
    const visible = state.workflows
      .filter((w) => ctx.canSee(w, req.callerId))
      .filter((w) => archived === "all" || w.archived === (archived === "true"))
      .filter((w) => w.hidden === hidden)
      .filter((w) => !authors || authors.includes(w.authorId))
      .filter((w) => !states || states.includes(w.state))
      .filter((w) => scheduled === null || (w.schedule.scheduled === true) === (scheduled === "true"))
      .sort((a, b) => compare(a[key], b[key], a.id, b.id) * (dir === "asc" ? 1 : -1));
    const pages = Math.max(1, Math.ceil(visible.length / limit));
    const items = visible.slice((page - 1) * limit, page * limit).map((w) => renderSummary(state, w));
    return {
      status: 200,
      body: items,
      headers: {
        "X-Pagination-Per-Page": String(limit),
        "X-Pagination-Current-Page": String(page),
        "X-Pagination-Total-Pages": String(pages),
        "X-Pagination-Total-Entries": String(visible.length),
      },
    };
  });

  router.on("POST", "/workflows", (req) => {
    const state = ctx.store.state;
    const body = validateBody(req.body, WORKFLOW_CREATE_FIELDS, ["name"]);
    if (body.fromJobChain != null && (body.definition != null || body.schedule != null)) {
      throw badRequest("definition and schedule must not be specified with fromJobChain");
    }
    const w = blankWorkflow(ctx, req.callerId, body.hidden === true);
    if (body.fromJobChain != null) Object.assign(w, fromJobChain(ctx, body.fromJobChain as number));
    else Object.assign(w, validateDefinition(w.definition));
    applyWorkflowFields(ctx, w, body);
    state.workflows.push(w);
    ctx.store.save();
    return { status: 201, body: renderWorkflow(state, w, req.callerId) };
  });

  /**
   * A copy of a workflow the caller can read, owned by the caller: its definition and settings,
   * its schedule and notifications when asked; named as the spec's example names it.
   */
  router.on("POST", "/workflows/:id/clone", (req) => {
    const state = ctx.store.state;
    const source = workflowFor(state, idParam(req.params.id), req.callerId);
    const body = validateBody(req.body ?? {}, CLONE_FIELDS, []);
    const w = blankWorkflow(ctx, req.callerId, source.hidden);
    w.name = `Clone of Workflow ${source.id} ${source.name}`;
    w.description = source.description;
    w.definition = source.definition;
    w.allowConcurrentExecutions = source.allowConcurrentExecutions;
    w.timeZone = source.timeZone;
    if (body.cloneSchedule === true) w.schedule = structuredClone(source.schedule);
    if (body.cloneNotifications === true) w.notifications = structuredClone(source.notifications);
    Object.assign(w, validateDefinition(w.definition));
    state.workflows.push(w);
    ctx.store.save();
    return { status: 201, body: renderWorkflow(state, w, req.callerId) };
  });

  router.on("GET", "/workflows/:id", (req) => {
    const w = workflowFor(ctx.store.state, idParam(req.params.id), req.callerId);
    settle(ctx, w); // its state follows its executions
    return { status: 200, body: renderWorkflow(ctx.store.state, w, req.callerId) };
  });

  router.on("PATCH", "/workflows/:id", (req) => {
    const w = workflowFor(ctx.store.state, idParam(req.params.id), req.callerId, "write");
    const body = validateBody(req.body, WORKFLOW_UPDATE_FIELDS);
    applyWorkflowFields(ctx, w, body);
    w.updatedAt = ctx.now();
    ctx.store.save();
    return { status: 200, body: renderWorkflow(ctx.store.state, w, req.callerId) };
  });

  router.on("PUT", "/workflows/:id", (req) => {
    const state = ctx.store.state;
    const w = workflowFor(state, idParam(req.params.id), req.callerId, "write");
    const body = validateBody(req.body, WORKFLOW_UPDATE_FIELDS, ["name"]);
    // PUT replaces every attribute: what is not sent goes back to the server's default.
    const defaults = {
      description: null,
      definition: null,
      schedule: null,
      allowConcurrentExecutions: null,
      timeZone: null,
      notifications: null,
    };
    applyWorkflowFields(ctx, w, { ...defaults, ...body });
    w.updatedAt = ctx.now();
    ctx.store.save();
    return { status: 200, body: renderWorkflow(state, w, req.callerId) };
  });

  router.on("PUT", "/workflows/:id/archive", (req) => {
    const w = workflowFor(ctx.store.state, idParam(req.params.id), req.callerId, "manage");
    const body = validateBody(req.body, ARCHIVE_FIELDS, ["status"]);
    w.archived = body.status as boolean;
    w.updatedAt = ctx.now();
    ctx.store.save();
    return { status: 200, body: renderWorkflow(ctx.store.state, w, req.callerId) };
  });
}

/**
 * Applies the fields a request sends. A field sent as null goes back to the server's default
 * (the author's time zone, an empty schedule, default notifications); an absent one is left alone.
 */
export function applyWorkflowFields(ctx: Context, w: Workflow, body: Record<string, unknown>): void {
  const sent = (k: string) => body[k] !== undefined;
  if (sent("name")) {
    if (typeof body.name !== "string" || body.name.trim() === "") throw badRequest("name can't be blank");
    w.name = body.name;
  }
  if (sent("description")) w.description = (body.description as string | null) ?? null;
  if (sent("timeZone")) {
    const tz = (body.timeZone as string | null) ?? findUser(ctx.store.state, w.authorId)?.timeZone ?? "America/Chicago";
    if (!isTimeZone(tz)) throw badRequest(`timeZone ${JSON.stringify(tz)} is not a known time zone`);
    w.timeZone = tz;
  }
  if (sent("allowConcurrentExecutions"))
    w.allowConcurrentExecutions = (body.allowConcurrentExecutions as boolean | null) ?? true;
  if (sent("schedule")) w.schedule = scheduleFrom(body.schedule as Record<string, unknown> | null);
  if (sent("notifications")) w.notifications = notificationsFrom(body.notifications as Record<string, unknown> | null);
  if (sent("definition")) {
    w.definition = (body.definition as string | null) ?? "";
    Object.assign(w, validateDefinition(w.definition));
  }
  w.nextExecutionAt = nextExecution(w.schedule, w.timeZone, new Date(ctx.now()));
  if (w.lastExecutionId === null) w.state = w.schedule.scheduled ? "scheduled" : "idle";
}

/** A definition that runs a job chain, and the schedule of its root job. */
function fromJobChain(ctx: Context, jobId: number): Partial<Workflow> {
  const jobs = ctx.store.state.jobs;
  const root = jobs.find((j) => j.id === jobId);
  if (!root) throw badRequest(`fromJobChain: job ${jobId} does not exist`);
  const lines = ["version: '2.0'", "workflow:", "  tasks:"];
  const seen = new Set<number>();
  const queue = [root.id];
  while (queue.length) {
    const nextId = queue.shift()!;
    const job = jobs.find((j) => j.id === nextId);
    if (!job || seen.has(job.id)) continue;
    seen.add(job.id);
    lines.push(`    job_${job.id}:`, "      action: civis.run_job", "      input:", `        job_id: ${job.id}`);
    if (job.next.length) lines.push("      on-success:", ...job.next.map((n) => `        - job_${n}`));
    queue.push(...job.next);
  }
  const definition = lines.join("\n") + "\n";
  return { definition, schedule: { ...root.schedule }, ...validateDefinition(definition) };
}

function intQuery(value: string | null, fallback: number, name: string): number {
  if (value === null || value === "") return fallback;
  if (!/^-?[0-9]+$/.test(value)) throw badRequest(`${name} must be an integer`);
  return Number(value);
}

function compare(a: string | number, b: string | number, idA: number, idB: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return idA - idB;
}

/** A new workflow of `callerId` with the server's defaults, its creator its only owner; not yet stored. */
function blankWorkflow(ctx: Context, callerId: number, hidden: boolean): Workflow {
  const state = ctx.store.state;
  const now = ctx.now();
  return {
    id: state.nextWorkflowId++,
    name: "",
    description: null,
    definition: "",
    valid: false,
    validationErrors: null,
    fileId: state.nextFileId++,
    authorId: callerId,
    state: "idle",
    lastExecutionId: null,
    schedule: { ...EMPTY_SCHEDULE },
    allowConcurrentExecutions: true,
    timeZone: findUser(state, callerId)!.timeZone,
    nextExecutionAt: null,
    notifications: notificationsFrom(undefined),
    archived: false,
    hidden,
    createdAt: now,
    updatedAt: now,
    userShares: { [String(callerId)]: "manage" },
    groupShares: {},
    projectIds: [],
  };
}
