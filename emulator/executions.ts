/**
 * The emulator runs workflows: an execution follows its definition as Mistral would, moved on
 * lazily whenever it is read (no timers, so a state file holds it whole). A task runs for the
 * time its plan gives (control API `taskPlans`, by task name or `job:<id>`; 300 ms and success
 * by default), then its `on-success` / `on-error` and `on-complete` targets start; `fail`,
 * `succeed` and `pause` end or pause the run. A failed task without `on-error` fails the
 * execution once nothing runs. Reverse workflows run the target task's `requires`, each task
 * once all it requires succeeded. The emulator's own reading of the definition, apart from the
 * provider's (see definition.ts).
 */
import { parse } from "yaml";
import type { Context } from "./context";
import type { Execution, TaskPlan, TaskRun, Workflow } from "./types";

interface FlowTask {
  jobId?: number;
  onSuccess: string[];
  onError: string[];
  onComplete: string[];
  requires: string[];
}
interface Flow {
  reverse: boolean;
  tasks: Record<string, FlowTask>;
}

const COMMANDS = ["fail", "succeed", "pause"];
const DEFAULT_DURATION_MS = 300;
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** The tasks and transitions of a definition the platform found valid. */
export function flowOf(definition: string): Flow {
  const doc = parse(definition, { merge: true, maxAliasCount: 1000 }) as Obj;
  const name = Object.keys(doc).find((k) => k !== "version")!;
  const wf = doc[name] as Obj;
  const tasks: Record<string, FlowTask> = {};
  for (const [task, t] of Object.entries(wf.tasks as Obj)) {
    const body = t as Obj;
    const input = isObj(body.input) ? body.input : {};
    tasks[task] = {
      jobId: typeof input.job_id === "number" ? input.job_id : undefined,
      onSuccess: targets(body["on-success"]),
      onError: targets(body["on-error"]),
      onComplete: targets(body["on-complete"]),
      requires: targets(body.requires),
    };
  }
  return { reverse: wf.type === "reverse", tasks };
}

function targets(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map(
    (e) =>
      String(isObj(e) ? Object.keys(e)[0] : e)
        .trim()
        .split(/\s+/)[0],
  );
}

/** The tasks this execution may run: the included ones, or for a reverse flow the target's requirements. */
function scope(e: Execution, flow: Flow): Set<string> {
  if (flow.reverse && e.targetTask) {
    const seen = new Set<string>();
    const visit = (t: string) => {
      if (seen.has(t) || !flow.tasks[t]) return;
      seen.add(t);
      flow.tasks[t].requires.forEach(visit);
    };
    visit(e.targetTask);
    return seen;
  }
  const all = Object.keys(flow.tasks);
  return new Set(e.includedTasks.length ? all.filter((t) => e.includedTasks.includes(t)) : all);
}

/** Starts an execution of `w` now: its first tasks are running. */
export function startExecution(
  ctx: Context,
  w: Workflow,
  userId: number,
  params: { input: Obj; includedTasks: string[]; targetTask: string | null },
): Execution {
  const state = ctx.store.state;
  const now = Date.now();
  const e: Execution = {
    id: state.nextExecutionId++,
    workflowId: w.id,
    userId,
    definition: w.definition,
    ...params,
    mistralState: "running",
    mistralStateInfo: "",
    createdAt: now,
    updatedAt: now,
    finishedAt: null,
    pausedAt: null,
    tasks: [],
    // The plans as they are at the start: a test may change them for the next run meanwhile.
    plans: structuredClone(ctx.options.taskPlans),
  };
  const flow = flowOf(e.definition);
  const inScope = scope(e, flow);
  const first = flow.reverse
    ? [...inScope].filter((t) => flow.tasks[t].requires.length === 0)
    : [...inScope].filter(
        (t) =>
          ![...inScope].some((o) => {
            const f = flow.tasks[o];
            return [...f.onSuccess, ...f.onError, ...f.onComplete].includes(t);
          }),
      );
  for (const t of first) startTask(ctx, e, flow, t, now);
  state.executions.push(e);
  endIfIdle(e, now);
  return e;
}

function planOf(e: Execution, name: string, jobId: number | undefined): TaskPlan {
  return e.plans[name] ?? (jobId !== undefined ? e.plans[`job:${jobId}`] : undefined) ?? {};
}

function startTask(ctx: Context, e: Execution, flow: Flow, name: string, at: number, existing?: TaskRun): void {
  const jobId = flow.tasks[name].jobId;
  const plan = planOf(e, name, jobId);
  const attempts = (existing?.attempts ?? 0) + 1;
  const fails = plan.outcome === "error" || attempts <= (plan.failures ?? 0);
  const t: TaskRun = existing ?? {
    name,
    mistralState: "running",
    mistralStateInfo: "",
    attempts: 0,
    startedAt: at,
    endsAt: at,
    finishedAt: null,
    outcome: "success",
    unhandled: false,
    runs: [],
  };
  Object.assign(t, {
    mistralState: "running",
    mistralStateInfo: "",
    attempts,
    startedAt: at,
    endsAt: at + (plan.durationMs ?? DEFAULT_DURATION_MS) / ctx.options.runTimeScale,
    finishedAt: null,
    outcome: fails ? "error" : "success",
    unhandled: false,
  });
  if (jobId !== undefined) {
    const iso = new Date(at).toISOString();
    const run = { id: ctx.store.state.nextRunId++, jobId, state: "running" as const, createdAt: iso, startedAt: iso };
    t.runs.unshift({ ...run, finishedAt: null });
  }
  if (!existing) e.tasks.push(t);
}

/** Moves `e` on to `now`: tasks end in the order they end, and start what follows them. */
export function advance(ctx: Context, e: Execution, now = Date.now()): void {
  if (e.mistralState !== "running") return;
  const flow = flowOf(e.definition);
  const inScope = scope(e, flow);
  for (;;) {
    const due = e.tasks
      .filter((t) => t.mistralState === "running" && t.endsAt <= now)
      .sort((a, b) => a.endsAt - b.endsAt)[0];
    if (!due || e.mistralState !== "running") break;
    const at = due.endsAt;
    finishTask(ctx, e, due, at);
    const f = flow.tasks[due.name];
    const next = due.outcome === "success" ? [...f.onSuccess, ...f.onComplete] : [...f.onError, ...f.onComplete];
    // Only on-error handles a failure (on-complete runs, and the execution still fails), as in Mistral.
    if (due.outcome === "error" && (flow.reverse || f.onError.length === 0)) due.unhandled = true;
    if (flow.reverse && due.outcome === "success") {
      for (const t of inScope) {
        const ready = flow.tasks[t].requires.every(
          (r) => e.tasks.find((x) => x.name === r)?.mistralState === "success",
        );
        if (ready && !e.tasks.some((x) => x.name === t)) startTask(ctx, e, flow, t, at);
      }
    }
    for (const target of flow.reverse ? [] : next) {
      if (target === "fail") end(e, "error", at, `Workflow failed by the fail command of task ${due.name}`);
      else if (target === "succeed") end(e, "success", at, "");
      else if (target === "pause") [e.mistralState, e.pausedAt] = ["paused", at];
      else if (inScope.has(target) && !e.tasks.some((x) => x.name === target) && !COMMANDS.includes(target))
        startTask(ctx, e, flow, target, at);
    }
    endIfIdle(e, at);
  }
}

function finishTask(ctx: Context, e: Execution, t: TaskRun, at: number): void {
  t.mistralState = t.outcome;
  t.finishedAt = at;
  const run = t.runs[0];
  if (run && run.finishedAt === null) {
    run.state = t.outcome === "success" ? "succeeded" : "failed";
    run.finishedAt = new Date(at).toISOString();
  }
  if (t.outcome === "error") {
    const plan = planOf(e, t.name, run?.jobId);
    t.mistralStateInfo = plan.stateInfo ?? (run ? `Job ${run.jobId} run ${run.id} failed` : `Task ${t.name} failed`);
  }
  e.updatedAt = at;
}

function endIfIdle(e: Execution, at: number): void {
  if (e.mistralState !== "running" || e.tasks.some((t) => t.mistralState === "running")) return;
  const failed = e.tasks.filter((t) => t.unhandled);
  if (failed.length === 0) return end(e, "success", at, "");
  end(
    e,
    "error",
    at,
    `Failure caused by error in tasks: ${failed.map((t) => t.name).join(", ")}\n\n` +
      failed.map((t) => `  ${t.name} -> ${t.mistralStateInfo}`).join("\n"),
  );
}

function end(e: Execution, state: "success" | "error" | "cancelled", at: number, info: string): void {
  [e.mistralState, e.mistralStateInfo, e.finishedAt, e.updatedAt] = [state, info, at, at];
}

/** Cancels a running or paused execution: its running tasks are cancelled. A finished one is left as it is. */
export function cancelExecution(ctx: Context, e: Execution): void {
  const now = Date.now();
  advance(ctx, e, now);
  if (e.mistralState !== "running" && e.mistralState !== "paused") return;
  for (const t of e.tasks.filter((x) => x.mistralState === "running")) {
    [t.mistralState, t.finishedAt] = ["cancelled", now];
    if (t.runs[0]?.finishedAt === null)
      [t.runs[0].state, t.runs[0].finishedAt] = ["cancelled", new Date(now).toISOString()];
  }
  end(e, "cancelled", now, "Cancelled by user");
}

/** Resumes a paused execution; the pause does not count against its running tasks. */
export function resumeExecution(ctx: Context, e: Execution): boolean {
  if (e.mistralState !== "paused") return false;
  const now = Date.now();
  for (const t of e.tasks.filter((x) => x.mistralState === "running")) t.endsAt += now - (e.pausedAt ?? now);
  [e.mistralState, e.pausedAt, e.updatedAt] = ["running", null, now];
  endIfIdle(e, now);
  return true;
}

/** Runs the failed tasks again (or the one named) of a failed execution; false: nothing to retry. */
export function retryExecution(ctx: Context, e: Execution, taskName: string | undefined): boolean {
  const now = Date.now();
  advance(ctx, e, now);
  if (e.mistralState !== "error") return false;
  const failed = e.tasks.filter((t) => t.mistralState === "error" && (!taskName || t.name === taskName));
  if (failed.length === 0) return false;
  const flow = flowOf(e.definition);
  [e.mistralState, e.mistralStateInfo, e.finishedAt, e.updatedAt] = ["running", "", null, now];
  for (const t of failed) startTask(ctx, e, flow, t.name, now, t);
  return true;
}

/** The execution's `state` in the workflow's words. */
export function stateOf(e: Execution): string {
  return { running: "running", paused: "running", success: "succeeded", error: "failed", cancelled: "cancelled" }[
    e.mistralState
  ];
}

/** Moves `w`'s executions on and sets its `state` and `lastExecutionId` from them. */
export function settle(ctx: Context, w: Workflow): void {
  const mine = ctx.store.state.executions.filter((e) => e.workflowId === w.id);
  if (mine.length === 0) return;
  for (const e of mine) advance(ctx, e);
  const last = mine[mine.length - 1];
  w.lastExecutionId = last.id;
  w.state = mine.some((e) => stateOf(e) === "running") ? "running" : stateOf(last);
}
