/**
 * The WorkflowExecution resource: a run of a workflow that `up` starts when the resource is
 * created and again whenever what the run is changes (a replace), and waits for as `wait` says.
 * Deleting it starts and cancels nothing (a run is history), except a run still going with
 * `cancelOnDelete`.
 */
import { CivisApiError, type ExecutionCreate, type WireExecution } from "../../client";
import { taskNames, unknownTasks } from "../../core/definition";
import { checkFields, diffFields } from "../../core/schema";
import type { Context, Findings, ResourceModule } from "../resource";
import { workflowProblem, workflowStatus } from "../workflowStatus";
import {
  COMPUTED,
  FIELDS,
  type ExecutionInputs,
  type ExecutionOutputs,
  type ExecutionState,
  type WaitMode,
} from "./fields";
import { startWithoutDuplicates } from "./start";
import { hasEnded, waitForRun } from "./wait";

/** A workflow's page in the Civis web app; an execution has no documented page of its own. */
export const workflowUrl = (id: number) => `https://platform.civisanalytics.com/spa/#/workflows/${id}`;

// ---------------------------------------------------------------------------------------------
// check

export function check(news: Record<string, unknown>) {
  const { inputs, failures, warnings } = checkFields(FIELDS, news);
  return { inputs: inputs as unknown as ExecutionInputs, failures, warnings };
}

// ---------------------------------------------------------------------------------------------
// diff: any change but cancelOnDelete replaces: a new run.

export const diff = (olds: Partial<ExecutionOutputs>, news: ExecutionInputs) => diffFields(FIELDS, olds, news);

// ---------------------------------------------------------------------------------------------
// preview

/** One read of the workflow: it exists, is not archived, and has the tasks the run names. */
export async function preview(
  ctx: Context,
  inputs: ExecutionInputs,
  olds?: Record<string, unknown>,
): Promise<Findings> {
  const none = { problems: [], warnings: [] };
  const { workflowId } = inputs;
  if (typeof workflowId !== "number" || ctx.ledger.written.has(workflowId)) return none;
  if (olds && diff(olds, inputs).replaces.length === 0) return none; // no run starts
  const status = await workflowStatus(ctx.previewReads, workflowId);
  const problem = workflowProblem(status, { property: "workflowId" });
  if (problem || status.state !== "live") return { problems: problem ? [problem] : [], warnings: [] };
  const tasks = taskNames(status.workflow.definition ?? "");
  return { problems: tasks ? unknownTasks(tasks, inputs, "", `workflow ${workflowId}`) : [], warnings: [] };
}

// ---------------------------------------------------------------------------------------------
// create

export async function create(ctx: Context, inputs: ExecutionInputs) {
  const { client, config, ledger } = ctx;
  const id = inputs.workflowId;
  const body: ExecutionCreate = {};
  if (inputs.targetTask !== undefined) body.targetTask = inputs.targetTask;
  if (inputs.includedTasks !== undefined) body.includedTasks = inputs.includedTasks;
  if (inputs.input !== undefined) body.input = inputs.input;
  let started: WireExecution;
  try {
    started = await startWithoutDuplicates(client, id, body, {
      taken: ledger.executions,
      lateLandingMs: config.requestTimeoutMs,
      clockSkewMs: config.clockSkewMs,
    });
  } catch (e) {
    if (e instanceof CivisApiError && e.status === 409)
      throw new Error(await concurrencyMessage(ctx, id, e), { cause: e });
    throw e;
  }
  const wait: WaitMode = inputs.wait ?? "success";
  let run = started;
  if (wait !== "none") {
    const minutes = inputs.timeoutMinutes ?? 60;
    const waited = await waitForRun(client, id, started, {
      timeoutMs: minutes * 60_000,
      pollStartMs: config.pollStartMs,
      say: (line) => ctx.say(`civis:WorkflowExecution: ${line}`),
      signal: ctx.signal,
    });
    run = waited.execution;
    if (waited.timedOut) {
      if (inputs.cancelOnTimeout) await client.cancelExecution(id, run.id);
      throw new Error(
        `workflow ${id}, execution ${run.id}: not finished after timeoutMinutes ${minutes}; ` +
          (inputs.cancelOnTimeout
            ? "cancelled (cancelOnTimeout)"
            : `it goes on in Civis (${workflowUrl(id)}); give a longer timeoutMinutes, or cancelOnTimeout: true`),
      );
    }
    if (wait === "success" && run.mistralState !== "success") throw new Error(await failureMessage(ctx, id, run));
  }
  ledger.written.add(id);
  return { id: String(run.id), outs: { ...inputs, ...stateOf(id, run) } };
}

/** The outputs' view of a run. */
export function stateOf(workflowId: number, e: WireExecution): ExecutionState {
  return {
    executionId: e.id,
    state: e.mistralState === "paused" ? "paused" : e.state,
    startedAt: e.startedAt,
    finishedAt: e.finishedAt,
    tasks: e.tasks.map((t) => ({ name: t.name, state: t.mistralState, stateInfo: t.mistralStateInfo || null })),
    url: workflowUrl(workflowId),
  };
}

/** `workflow 12 ("Nightly"), execution 501 failed: task load: <Civis's words>; ...; see <url>`. */
async function failureMessage(ctx: Context, workflowId: number, e: WireExecution): Promise<string> {
  const name = await ctx.client.getWorkflow(workflowId).then(
    (w) => ` (${JSON.stringify(w.name)})`,
    () => "",
  );
  const failed = e.tasks.filter((t) => t.mistralState === "error");
  const what = e.mistralState === "cancelled" ? "was cancelled" : "failed";
  const tasks = failed.length
    ? failed.map((t) => `task ${t.name}: ${t.mistralStateInfo || "no state info"}`).join("; ")
    : (e.mistralStateInfo ?? "");
  return (
    `workflow ${workflowId}${name}, execution ${e.id} ${what}${tasks ? `: ${tasks}` : ""}; ` +
    `see ${workflowUrl(workflowId)} (execution ${e.id}); the next up runs it again`
  );
}

/** Civis refused a second run of a workflow that allows one at a time: which run is going. */
async function concurrencyMessage(ctx: Context, workflowId: number, e: CivisApiError): Promise<string> {
  const { items } = await ctx.client.listExecutions(workflowId, { limit: 20, pageNum: 1 });
  const running = items.find((x) => x.state === "running" || x.mistralState === "running");
  return (
    `workflow ${workflowId} runs one execution at a time (allowConcurrentExecutions: false) and ` +
    `${running ? `execution ${running.id} is running` : "one is running"}; wait for it or cancel it in Civis ` +
    `(${workflowUrl(workflowId)}), or allow concurrent executions. Civis said: ${e.description}`
  );
}

// ---------------------------------------------------------------------------------------------
// read

/** One GET of the run; a run Civis no longer has drops from state. */
export async function read(ctx: Context, id: string, props: ExecutionOutputs) {
  try {
    const e = await ctx.client.getExecution(props.workflowId, Number(id));
    // Only the inputs the state has: an undefined value cannot cross to the engine.
    const inputs = Object.fromEntries(
      Object.keys(FIELDS)
        .map((f): [string, unknown] => [f, props[f as keyof ExecutionInputs]])
        .filter(([, v]) => v !== undefined),
    );
    return { id, props: { ...props, ...stateOf(props.workflowId, e) }, inputs: inputs as unknown as ExecutionInputs };
  } catch (e) {
    if (e instanceof CivisApiError && e.isGone) return undefined;
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// update: only cancelOnDelete changes in place, and starts nothing.

export function update(_ctx: Context, _id: string, olds: ExecutionOutputs, news: ExecutionInputs) {
  const state = Object.fromEntries(COMPUTED.map((k) => [k, olds[k]])) as unknown as ExecutionState;
  return Promise.resolve({ ...news, ...state });
}

// ---------------------------------------------------------------------------------------------
// delete

/** Starts and cancels nothing, except a run still going with `cancelOnDelete`. */
export async function remove(ctx: Context, id: string, props: ExecutionOutputs): Promise<string[]> {
  if (!props.cancelOnDelete) return [];
  try {
    const e = await ctx.client.getExecution(props.workflowId, Number(id));
    if (!hasEnded(e)) await ctx.client.cancelExecution(props.workflowId, e.id);
  } catch (e) {
    if (!(e instanceof CivisApiError && e.isGone)) throw e;
  }
  return [];
}

type Module = ResourceModule<ExecutionInputs, ExecutionOutputs>;
const OPERATIONS = { check, diff, preview, create, read, update, remove };
export const WorkflowExecution: Module = { fields: FIELDS, computed: COMPUTED, ...OPERATIONS };
