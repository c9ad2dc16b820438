import type { CivisClient, WireNotifications, WireSchedule, WireWorkflow, WorkflowCreate, WorkflowWrite } from "./client";
import { CivisApiError } from "./client";
import {
  checkEmails, checkInteger, checkIntegerList, checkKnownKeys, checkOptional, checkRequiredString,
  checkTimeZone, checkUrls, describe, fail, isPlainObject, type Failures,
} from "./checks";
import { checkDefinition, deepEqual, definitionText, sameDefinition } from "./definition";
import { liveWorkflow } from "./parentWorkflow";
import { isUnknown } from "./unknown";

// ---------------------------------------------------------------------------------------------
// Types

export interface Schedule {
  scheduled: boolean | null;
  scheduledDays: number[];
  scheduledHours: number[];
  scheduledMinutes: number[];
  scheduledRunsPerHour: number | null;
  scheduledDaysOfMonth: number[];
}

export interface Notifications {
  urls: string[];
  successEmailSubject: string | null;
  successEmailBody: string | null;
  successEmailAddresses: string[];
  failureEmailAddresses: string[];
  stallWarningMinutes: number | null;
  successOn: boolean;
  failureOn: boolean;
}

/** The inputs after check: one spelling of each meaning (definition as YAML text, full schedule and notifications). */
export interface WorkflowInputs {
  name: string;
  description?: string;
  definition?: string;
  schedule?: Schedule;
  timeZone?: string;
  allowConcurrentExecutions?: boolean;
  notifications?: Notifications;
  fromJobChain?: number;
  hidden?: boolean;
}

/** The properties the program may set; `fromJobChain` and `hidden` are fixed at creation. */
export const MANAGED = [
  "name", "description", "definition", "schedule", "timeZone", "allowConcurrentExecutions",
  "notifications", "fromJobChain", "hidden",
] as const;
type Managed = (typeof MANAGED)[number];
const CREATE_ONLY: readonly Managed[] = ["fromJobChain", "hidden"];

/**
 * What state keeps: the properties the program sets, as Civis now has them (so refresh shows
 * drift), the id, and what Civis computes that a program may use. Properties the program leaves
 * to Civis, and fields that change on their own (run state, timestamps), are not kept: state is
 * rewritten whole on every step of an update, so each byte per workflow costs every step.
 */
export interface WorkflowOutputs {
  workflowId: number;
  name: string;
  description?: string | null;
  definition?: string;
  schedule?: Schedule;
  timeZone?: string;
  allowConcurrentExecutions?: boolean;
  notifications?: Notifications;
  fromJobChain?: number;
  hidden?: boolean;
  valid: boolean | null;
  validationErrors: string | null;
  nextExecutionAt: string | null;
  /** Kept by earlier versions: which properties the program set. Now those are the ones present. */
  managedProperties?: Managed[];
}

/** What the server answers for a field it was never sent. */
export const DEFAULT_SCHEDULE: Schedule = {
  scheduled: null, scheduledDays: [], scheduledHours: [], scheduledMinutes: [],
  scheduledRunsPerHour: null, scheduledDaysOfMonth: [],
};
export const DEFAULT_NOTIFICATIONS: Notifications = {
  urls: [], successEmailSubject: null, successEmailBody: null, successEmailAddresses: [],
  failureEmailAddresses: [], stallWarningMinutes: null, successOn: true, failureOn: true,
};

// ---------------------------------------------------------------------------------------------
// Mapping between the wire and the resource's properties: the one place that knows both.

function toWire(inputs: WorkflowInputs, fields: readonly Managed[]): WorkflowWrite & Partial<WorkflowCreate> {
  const body: Record<string, unknown> = {};
  for (const f of fields) {
    const value = inputs[f];
    // A property the program no longer sets goes back to the server's default.
    body[f] = value !== undefined ? value : resetValue(f);
  }
  return body;
}

function resetValue(f: Managed): unknown {
  switch (f) {
    case "schedule": return { ...DEFAULT_SCHEDULE };
    case "notifications": return { ...DEFAULT_NOTIFICATIONS };
    case "allowConcurrentExecutions": return true;
    case "definition": return "";
    default: return null; // description, timeZone (the author's default)
  }
}

function fromWire(w: WireWorkflow, inputs: WorkflowInputs, managed: readonly Managed[]): WorkflowOutputs {
  const live: Record<Managed, unknown> = {
    name: w.name,
    description: w.description ?? null,
    // The server keeps the text byte for byte; keep the program's spelling while it means the same.
    definition: inputs.definition !== undefined && sameDefinition(inputs.definition, w.definition ?? "") ? inputs.definition : w.definition ?? "",
    schedule: withDefaults(DEFAULT_SCHEDULE, w.schedule as WireSchedule),
    timeZone: w.timeZone ?? null,
    allowConcurrentExecutions: w.allowConcurrentExecutions ?? null,
    notifications: withDefaults(DEFAULT_NOTIFICATIONS, w.notifications as WireNotifications),
    fromJobChain: inputs.fromJobChain,
    hidden: w.hidden ?? inputs.hidden ?? false,
  };
  return { ...computed(w), ...pick(live, managed) } as WorkflowOutputs;
}

/** What Civis computes that state keeps, whatever the program sets. */
function computed(w: Pick<WireWorkflow, "id" | "valid" | "validationErrors" | "nextExecutionAt">) {
  return { workflowId: w.id, valid: w.valid, validationErrors: w.validationErrors, nextExecutionAt: w.nextExecutionAt };
}

function pick(values: Partial<Record<Managed, unknown>>, fields: readonly Managed[]): Partial<Record<Managed, unknown>> {
  const out: Partial<Record<Managed, unknown>> = {};
  for (const f of fields) out[f] = values[f];
  return out;
}

/**
 * A nested object as Civis answered it, in the shape of `defaults`: a list answered as null or
 * left out is empty (the three mean the same), any other field left out takes its default, and
 * fields the shape does not know are dropped.
 */
function withDefaults<T extends object>(defaults: T, wire: object | null | undefined): T {
  const out: Record<string, unknown> = {};
  for (const [k, d] of Object.entries(defaults)) {
    const v = (wire as Record<string, unknown> | null | undefined)?.[k];
    out[k] = Array.isArray(d) ? (Array.isArray(v) ? v : []) : v === undefined ? d : v;
  }
  return out as T;
}

function managedOf(inputs: WorkflowInputs): Managed[] {
  return MANAGED.filter((f) => inputs[f] !== undefined);
}

// ---------------------------------------------------------------------------------------------
// check

const SCHEDULE_KEYS = Object.keys(DEFAULT_SCHEDULE);
const NOTIFICATION_KEYS = Object.keys(DEFAULT_NOTIFICATIONS);

/**
 * Validates the program's inputs before any API call and puts them in canonical form. Returns
 * failures naming the property and the fix, and warnings (e.g. an action Civis may not know).
 */
export function check(news: Record<string, unknown>): { inputs: Record<string, unknown>; failures: Failures; warnings: string[] } {
  const failures: Failures = [];
  const warnings: string[] = [];
  const inputs: Record<string, unknown> = { ...news };
  checkKnownKeys(news, MANAGED, "", failures);
  const known = (k: string) => news[k] !== undefined && news[k] !== null && !isUnknown(news[k]);
  for (const k of MANAGED) if (news[k] === null) delete inputs[k];

  if (!isUnknown(news.name)) checkRequiredString(news.name, "name", failures);
  if (known("description")) checkOptional(news.description, "string", "description", failures);
  if (known("allowConcurrentExecutions")) checkOptional(news.allowConcurrentExecutions, "boolean", "allowConcurrentExecutions", failures);
  if (known("hidden")) checkOptional(news.hidden, "boolean", "hidden", failures);
  if (known("timeZone")) checkTimeZone(news.timeZone, "timeZone", failures);
  if (known("fromJobChain")) checkInteger(news.fromJobChain, "fromJobChain", failures);

  if (known("definition")) {
    if (typeof news.definition !== "string" && !isPlainObject(news.definition)) {
      failures.push(fail("definition", `definition must be YAML text or a WorkflowDefinition object, not ${describe(news.definition)}`));
    } else {
      const text = definitionText(news.definition);
      inputs.definition = text;
      const problems = checkDefinition(text);
      for (const e of problems.errors) failures.push(fail("definition", `definition ${e}`));
      warnings.push(...problems.warnings.map((w) => `definition: ${w}`));
    }
  }
  if (known("fromJobChain") && (known("definition") || known("schedule"))) {
    failures.push(fail("fromJobChain",
      "fromJobChain creates the definition and schedule from a job chain, so it cannot be combined with definition or schedule; remove one or the other"));
  }
  // A value that fails its check stays as written: the failures say what is wrong with it.
  if (known("schedule")) inputs.schedule = checkSchedule(news.schedule, failures) ?? news.schedule;
  if (known("notifications")) inputs.notifications = checkNotifications(news.notifications, failures) ?? news.notifications;
  return { inputs, failures, warnings };
}

function checkSchedule(value: unknown, failures: Failures): Schedule | undefined {
  if (!isPlainObject(value)) {
    failures.push(fail("schedule", `schedule must be an object such as { scheduled: true, scheduledHours: [6] }, not ${describe(value)}`));
    return undefined;
  }
  if (isUnknown(value)) return value as unknown as Schedule;
  checkKnownKeys(value, SCHEDULE_KEYS, "schedule", failures);
  checkOptional(value.scheduled, "boolean", "schedule.scheduled", failures);
  const s: Schedule = {
    scheduled: (value.scheduled as boolean | undefined) ?? null,
    scheduledDays: checkIntegerList(value.scheduledDays, "schedule.scheduledDays", failures, 0, 6) ?? [],
    scheduledHours: checkIntegerList(value.scheduledHours, "schedule.scheduledHours", failures, 0, 23) ?? [],
    scheduledMinutes: checkIntegerList(value.scheduledMinutes, "schedule.scheduledMinutes", failures, 0, 59) ?? [],
    scheduledRunsPerHour: null,
    scheduledDaysOfMonth: checkIntegerList(value.scheduledDaysOfMonth, "schedule.scheduledDaysOfMonth", failures, 1, 31) ?? [],
  };
  if (value.scheduledRunsPerHour !== undefined && value.scheduledRunsPerHour !== null &&
      checkInteger(value.scheduledRunsPerHour, "schedule.scheduledRunsPerHour", failures, 1, 60)) {
    s.scheduledRunsPerHour = value.scheduledRunsPerHour;
  }
  if (s.scheduledDays.length > 0 && s.scheduledDaysOfMonth.length > 0) {
    failures.push(fail("schedule.scheduledDaysOfMonth",
      "schedule.scheduledDays and schedule.scheduledDaysOfMonth cannot both be set; schedule by weekday or by day of the month"));
  }
  return s;
}

function checkNotifications(value: unknown, failures: Failures): Notifications | undefined {
  if (!isPlainObject(value)) {
    failures.push(fail("notifications", `notifications must be an object such as { failureEmailAddresses: ["data@example.com"] }, not ${describe(value)}`));
    return undefined;
  }
  if (isUnknown(value)) return value as unknown as Notifications;
  checkKnownKeys(value, NOTIFICATION_KEYS, "notifications", failures);
  const n: Notifications = { ...DEFAULT_NOTIFICATIONS };
  n.urls = checkUrls(value.urls, "notifications.urls", failures) ?? [];
  n.successEmailAddresses = checkEmails(value.successEmailAddresses, "notifications.successEmailAddresses", failures) ?? [];
  n.failureEmailAddresses = checkEmails(value.failureEmailAddresses, "notifications.failureEmailAddresses", failures) ?? [];
  for (const k of ["successEmailSubject", "successEmailBody"] as const) {
    if (checkOptional(value[k], "string", `notifications.${k}`, failures)) n[k] = (value[k] as string | undefined) ?? null;
  }
  for (const k of ["successOn", "failureOn"] as const) {
    if (checkOptional(value[k], "boolean", `notifications.${k}`, failures)) n[k] = (value[k] as boolean | undefined) ?? true;
  }
  if (value.stallWarningMinutes !== undefined && value.stallWarningMinutes !== null &&
      checkInteger(value.stallWarningMinutes, "notifications.stallWarningMinutes", failures, 1)) {
    n.stallWarningMinutes = value.stallWarningMinutes;
  }
  return n;
}

// ---------------------------------------------------------------------------------------------
// diff

/**
 * The properties whose change the update must send: those the program sets now and that differ
 * from what is stored, and those it set before and no longer does (they go back to the server's
 * default unless they are there already). A property the program never set is never compared.
 */
export function changedProperties(olds: Partial<WorkflowOutputs>, news: WorkflowInputs): Managed[] {
  const before = new Set<Managed>(olds.managedProperties ?? managedOf(olds as WorkflowInputs));
  return MANAGED.filter((f) => {
    const next = news[f];
    if (next !== undefined) return isUnknown(next) || !sameValue(f, olds[f], next);
    return before.has(f) && !sameValue(f, olds[f], resetValue(f));
  });
}

function sameValue(f: Managed, old: unknown, next: unknown): boolean {
  if (f === "definition") return sameDefinition(old as string | undefined, next as string);
  if (f === "hidden" && old === undefined) return next === false;
  return deepEqual(old ?? null, next ?? null);
}

export function diff(olds: Partial<WorkflowOutputs>, news: WorkflowInputs) {
  const changed = changedProperties(olds, news);
  // The creator of a workflow made from a job chain cannot change that; hiding is fixed at creation.
  const replaces = changed.filter((f) => CREATE_ONLY.includes(f));
  return { changes: changed.length > 0, replaces, deleteBeforeReplace: false };
}

// ---------------------------------------------------------------------------------------------
// create

/**
 * One POST with every property the program sets. A POST that may or may not have been processed
 * (a timeout, a connection reset after sending, a 502/504) is never simply sent again: first the
 * workflow it may have created is looked for and taken over, so no duplicate is left behind.
 */
export async function create(client: CivisClient, inputs: WorkflowInputs, opts: CreateOptions = {}) {
  const managed = managedOf(inputs);
  const body = toWire(inputs, managed) as WorkflowCreate;
  const w = (opts.adoptExisting && (await findCreated(client, body, 0))) || (await createOnce(client, body, opts));
  claimed.add(w.id);
  return { id: String(w.id), outs: fromWire(w, inputs, managed) };
}

export interface CreateOptions {
  /** Take over a live workflow of the caller's with the same name and definition instead of creating one. */
  adoptExisting?: boolean;
  /** How long a request that timed out may still land on the server (the request timeout). */
  lateLandingMs?: number;
}

/** Workflows this process created or took over: never taken over twice. */
const claimed = new Set<number>();
/**
 * Clock difference tolerated between this machine and the server when matching creation times
 * (CIVIS_CLOCK_SKEW_MS, default 10 s): a same-named workflow created earlier than that is never taken over.
 */
function clockSkewMs(): number {
  const v = Number(process.env.CIVIS_CLOCK_SKEW_MS);
  return Number.isFinite(v) && v >= 0 ? v : 10_000;
}

async function createOnce(client: CivisClient, body: WorkflowCreate, opts: CreateOptions): Promise<WireWorkflow> {
  for (let attempt = 0; ; attempt++) {
    const sentAt = Date.now();
    try {
      return await client.createWorkflow(body);
    } catch (e) {
      if (!(e instanceof CivisApiError) || !e.mayHaveBeenApplied || attempt >= 3) throw e;
      // A timed-out request may still be applied a little later: keep looking for that long.
      const found = await findCreated(client, body, sentAt - clockSkewMs(), e.timedOut ? opts.lateLandingMs ?? 0 : 1000);
      if (found) return found;
      // A 500 is Civis's own word that the work failed: it is not sent again (a POST is re-sent
      // only when Civis certainly did not process it). A gateway's 502/504 or a lost connection
      // says nothing, and the look found nothing, so the POST goes again.
      if (e.status === 500) throw e;
    }
  }
}

/**
 * The caller's live workflow that a create request with this body made: same name and
 * definition (and hidden flag), created at or after `since`, not already claimed; newest first.
 * Looks again until `forMs` has passed.
 */
async function findCreated(client: CivisClient, body: WorkflowCreate, since: number, forMs = 0): Promise<WireWorkflow | undefined> {
  const me = await client.me();
  const deadline = Date.now() + forMs;
  for (let wait = 200; ; wait = Math.min(wait * 2, 2000)) {
    // Every page, newest first, until the workflows are older than `since` (the order allows no later match).
    for (let pageNum = 1; ; pageNum++) {
      const { items, totalPages } = await client.listWorkflows({
        author: me.id, archived: "false", hidden: body.hidden === true, order: "created_at", orderDir: "desc", limit: 50, pageNum,
      });
      for (const summary of items) {
        if (summary.name !== body.name || claimed.has(summary.id) || Date.parse(summary.createdAt) < since) continue;
        const w = await client.getWorkflow(summary.id);
        if (body.fromJobChain !== undefined || sameDefinition(w.definition ?? "", body.definition ?? "")) return w;
      }
      const oldest = items.at(-1);
      if (pageNum >= totalPages || !oldest || Date.parse(oldest.createdAt) < since) break;
    }
    if (Date.now() + wait > deadline) return undefined;
    await new Promise((r) => setTimeout(r, wait));
  }
}

// ---------------------------------------------------------------------------------------------
// read

/**
 * One GET. A workflow that is gone or archived drops from state (an empty id), so the next `up`
 * creates it again; otherwise the live values replace the stored ones and drift shows.
 */
export async function read(client: CivisClient, id: string, props: Partial<WorkflowOutputs>) {
  const w = await liveWorkflow(client, workflowIdOf(id));
  if (!w) return { id: "", props: {} };
  const managed = props.managedProperties ?? managedOf(props as WorkflowInputs);
  return { id, props: fromWire(w, props as WorkflowInputs, managed) };
}

// ---------------------------------------------------------------------------------------------
// update

/** One PATCH with the changed properties only. */
export async function update(client: CivisClient, id: string, olds: Partial<WorkflowOutputs>, news: WorkflowInputs) {
  const changed = changedProperties(olds, news);
  const managed = managedOf(news);
  if (changed.length === 0) {
    return { outs: { ...computed({ ...olds, id: olds.workflowId } as WireWorkflow), ...pick(olds, managed) } };
  }
  const w = await client.patchWorkflow(workflowIdOf(id), toWire(news, changed));
  return { outs: fromWire(w, news, managed) };
}

// ---------------------------------------------------------------------------------------------
// delete

/** Civis has no DELETE for workflows: archive it. Already archived or gone is success. */
export async function remove(client: CivisClient, id: string): Promise<void> {
  try {
    await client.archiveWorkflow(workflowIdOf(id), true);
  } catch (e) {
    if (e instanceof CivisApiError && e.isGone) return;
    throw e;
  }
}

function workflowIdOf(id: string): number {
  const n = Number(id);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`civis:Workflow id ${JSON.stringify(id)} is not a Civis workflow id`);
  return n;
}
