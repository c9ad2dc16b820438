/**
 * The Workflow resource: check, diff, create, read, update and delete of one Civis workflow.
 * Its fields are declared once in `fields.ts`; creating without duplicates is
 * `create.ts`.
 */
import { CivisApiError, type CivisClient, type WireWorkflow, type WorkflowCreate } from "../../client";
import { checkInteger, checkKnownKeys, fail, type Failures } from "../../core/checks";
import type { ProviderConfig } from "../../core/config";
import { liveWorkflow } from "../workflowStatus";
import type { ResourceModule } from "../resource";
import { isUnknown } from "../../core/unknown";
import { createWithoutDuplicates } from "./create";
import { adoptable, describeChanges, fixedFieldProblems } from "./adopt";
import {
  computed, FIELD_NAMES, FIELDS, fieldsSetBy, fromWire, sameValue, toWire,
  type FieldName, type WorkflowInputs, type WorkflowOutputs,
} from "./fields";

export type { WorkflowInputs, WorkflowOutputs };

// ---------------------------------------------------------------------------------------------
// check

/**
 * Validates the program's inputs before any API call and puts them in canonical form. Returns
 * failures naming the property and the fix, and warnings (e.g. an action Civis may not know).
 */
export function check(news: Record<string, unknown>) {
  const failures: Failures = [];
  const warnings: string[] = [];
  const inputs: Record<string, unknown> = { ...news };
  checkKnownKeys(news, [...FIELD_NAMES, "adoptWorkflowId"], "", failures);
  // Which existing workflow to take over, at creation only: afterwards it is history, no change.
  if (news.adoptWorkflowId !== undefined && news.adoptWorkflowId !== null && !isUnknown(news.adoptWorkflowId)) {
    checkInteger(news.adoptWorkflowId, "adoptWorkflowId", failures);
  }
  const given = (f: FieldName) => news[f] !== undefined && news[f] !== null;
  for (const f of FIELD_NAMES) {
    const value = news[f];
    if (value === null) delete inputs[f];
    if (isUnknown(value) || (!given(f) && !FIELDS[f].required)) continue;
    const canonical = FIELDS[f].check(value, f, failures, warnings);
    // A value that fails its check stays as written: the failures say what is wrong with it.
    if (canonical !== undefined) inputs[f] = canonical;
  }
  if (given("fromJobChain") && (given("definition") || given("schedule"))) {
    failures.push(fail("fromJobChain",
      "fromJobChain creates the definition and schedule from a job chain, so it cannot be combined with definition or schedule; remove one or the other"));
  }
  return { inputs: inputs as WorkflowInputs, failures, warnings };
}

// ---------------------------------------------------------------------------------------------
// diff

/**
 * The fields whose change the update must send: those the program sets now and that differ
 * from what is stored, and those it set before and no longer does (they go back to Civis's
 * default unless they are there already). A field the program never set is never compared.
 */
export function changedProperties(olds: Partial<WorkflowOutputs>, news: WorkflowInputs): FieldName[] {
  const before = new Set(fieldsSetBy(olds));
  return FIELD_NAMES.filter((f) => {
    const next = news[f];
    if (next !== undefined) return isUnknown(next) || !sameValue(f, olds[f], next);
    return before.has(f) && !sameValue(f, olds[f], FIELDS[f].reset);
  });
}

export function diff(olds: Partial<WorkflowOutputs>, news: WorkflowInputs) {
  const changes = changedProperties(olds, news);
  return { changes, replaces: changes.filter((f) => FIELDS[f].createOnly) };
}

// ---------------------------------------------------------------------------------------------
// create

/**
 * One POST with every field the program sets (see create.ts for what an unknown fate
 * costs); or, with `adoptWorkflowId`, no POST: a GET and one PATCH of the fields that differ.
 */
export async function create(
  client: CivisClient, inputs: WorkflowInputs, config: Partial<Pick<ProviderConfig, "adoptExisting" | "requestTimeoutMs" | "clockSkewMs">> = {},
) {
  const fields = fieldsSetBy(inputs);
  let w: WireWorkflow;
  let warnings: string[] = [];
  if (typeof inputs.adoptWorkflowId === "number") {
    const found = await adoptable(client, inputs.adoptWorkflowId);
    if ("problem" in found) throw new Error(found.problem);
    w = found.workflow;
    const fixed = fixedFieldProblems(w, inputs, changedProperties(fromWire(w, inputs, fields), inputs));
    if (fixed.length) throw new Error(fixed.join("; "));
  } else {
    ({ workflow: w, warnings } = await createWithoutDuplicates(client, toWire(inputs, fields) as unknown as WorkflowCreate, {
      adoptExisting: config.adoptExisting, lateLandingMs: config.requestTimeoutMs, clockSkewMs: config.clockSkewMs,
    }));
  }
  // A workflow taken over (adopted, or found after a lost answer) may differ from the program in
  // what the look does not compare (the schedule, say): one PATCH makes Civis and state agree.
  const differing = changedProperties(fromWire(w, inputs, fields), inputs);
  if (differing.length) w = await client.patchWorkflow(w.id, toWire(inputs, differing));
  return { id: String(w.id), outs: fromWire(w, inputs, fields), adopted: typeof inputs.adoptWorkflowId === "number", warnings };
}

/**
 * At the preview of a create with `adoptWorkflowId`: whether it can be taken over (problems),
 * and which fields the adoption will change (warnings, shown on the resource).
 */
export async function preflight(client: CivisClient, inputs: WorkflowInputs) {
  if (typeof inputs.adoptWorkflowId !== "number") return { problems: [], warnings: [] };
  const found = await adoptable(client, inputs.adoptWorkflowId);
  if ("problem" in found) return { problems: [found.problem], warnings: [] };
  const w = found.workflow;
  const differing = changedProperties(fromWire(w, inputs, fieldsSetBy(inputs)), inputs);
  const problems = fixedFieldProblems(w, inputs, differing);
  const changes = describeChanges(w, inputs, differing.filter((f) => !FIELDS[f].createOnly));
  return {
    problems,
    warnings: [`takes over workflow ${w.id} (${JSON.stringify(w.name)}); ${changes.length ? `it will change ${changes.join(", ")}` : "it already matches the program"}`],
  };
}

// ---------------------------------------------------------------------------------------------
// read

/**
 * One GET. A workflow that is gone or archived is gone (the next `up` creates it again);
 * otherwise the live values replace the stored ones and drift shows.
 */
export async function read(client: CivisClient, id: string, props: WorkflowOutputs) {
  const w = await liveWorkflow(client, workflowIdOf(id));
  if (!w) return undefined;
  const fields = fieldsSetBy(props);
  const live = fromWire(w, props, fields);
  const inputs: Record<string, unknown> = {};
  for (const f of fields) inputs[f] = live[f];
  return { id, props: live, inputs: inputs as WorkflowInputs };
}

// ---------------------------------------------------------------------------------------------
// update

/** One PATCH with the changed fields only; none when nothing changed. */
export async function update(client: CivisClient, id: string, olds: WorkflowOutputs, news: WorkflowInputs) {
  const changed = changedProperties(olds, news);
  const fields = fieldsSetBy(news);
  if (changed.length === 0) {
    const kept: Record<string, unknown> = computed({ ...olds, id: olds.workflowId });
    for (const f of fields) kept[f] = olds[f];
    return kept as WorkflowOutputs;
  }
  const w = await client.patchWorkflow(workflowIdOf(id), toWire(news, changed));
  return fromWire(w, news, fields);
}

// ---------------------------------------------------------------------------------------------
// delete

/** Civis has no DELETE for workflows: archive it. Already archived or gone is success. */
export async function remove(client: CivisClient, id: string): Promise<string[]> {
  try {
    await client.archiveWorkflow(workflowIdOf(id), true);
  } catch (e) {
    if (!(e instanceof CivisApiError && e.isGone)) throw e;
  }
  return [];
}

function workflowIdOf(id: string): number {
  const n = Number(id);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`civis:Workflow id ${JSON.stringify(id)} is not a Civis workflow id`);
  return n;
}

type Module = ResourceModule<WorkflowInputs, WorkflowOutputs>;
export const Workflow: Module = { check, preflight, diff, create, read, update, remove };
