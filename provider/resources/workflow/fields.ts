/**
 * The Workflow's fields, each declared once: how the program's value is checked, what Civis has
 * when the program stops setting it, whether it is fixed at creation, how Civis answers it and
 * how two values compare. Check, the wire mapping, diff and the replace list all come from this
 * table; adding a field is one line here (and its documented argument in sdk/workflow.ts).
 * A field's key is its name on the wire too (the API speaks camelCase JSON).
 */
import type { WireWorkflow } from "../../client";
import { checkInteger, checkOptional, checkRequiredString, checkTimeZone, type Failures } from "../../core/checks";
import {
  changedFields,
  field,
  sameValue as sameFieldValue,
  type Field,
  type Fields,
  type ValueOf,
} from "../../core/schema";
import { sameDefinition } from "../../core/definition";
import { DEFAULT_NOTIFICATIONS, DEFAULT_SCHEDULE, type Notifications, type Schedule } from "../../core/model";
import { deepEqual, isPlainObject, withDefaults } from "../../core/values";
import { checkCloneFrom, checkDefinitionValue, checkNotifications, checkSchedule, type CloneFrom } from "./checks";
import { checkGit, type GitOutputs, type GitSource } from "./git";

/** A Workflow field: a field of the table (`core/schema.ts`) that Civis also answers. */
interface WorkflowField<V> extends Field<V> {
  /** The value as Civis answered it; `program` is what the program set, for what Civis does not echo. */
  fromWire(w: WireWorkflow & LiveGit, program: ProgramValues): V | null | undefined;
  /** Written by a request of its own (the owner: a transfer), not in the create or update body. */
  readonly ownRequest?: true;
}

/** The git file a refresh found attached (null: none); absent where no request read it. */
type LiveGit = { git?: GitSource | null };

/** The program's checked values, field by field (loosely typed here: the table defines the types). */
type ProgramValues = { readonly [field: string]: unknown };

const typed =
  <V>(type: "string" | "boolean") =>
  (v: unknown, p: string, f: Failures) =>
    checkOptional(v, type, p, f) ? (v as V) : undefined;
const wireField = <V>(f: WorkflowField<V>) => f;

export const FIELDS = {
  name: wireField<string>({
    check: (v, p, f) => (checkRequiredString(v, p, f) ? v : undefined),
    required: true,
    reset: null,
    fromWire: (w) => w.name,
  }),
  description: wireField<string>({ check: typed("string"), reset: null, fromWire: (w) => w.description ?? null }),
  definition: wireField<string>({
    check: checkDefinitionValue,
    reset: "",
    same: sameDefinition,
    // Civis keeps the text byte for byte; state keeps the program's spelling while it means the same.
    fromWire: (w, p) => {
      const live = w.definition ?? "";
      return typeof p.definition === "string" && sameDefinition(p.definition, live) ? p.definition : live;
    },
  }),
  schedule: wireField<Schedule>({
    check: checkSchedule,
    reset: DEFAULT_SCHEDULE,
    fromWire: (w) => withDefaults(DEFAULT_SCHEDULE, w.schedule),
  }),
  timeZone: wireField<string>({
    check: (v, p, f) => (checkTimeZone(v, p, f) ? (v as string) : undefined),
    reset: null,
    fromWire: (w) => w.timeZone ?? null,
  }),
  allowConcurrentExecutions: wireField<boolean>({
    check: typed("boolean"),
    reset: true,
    fromWire: (w) => w.allowConcurrentExecutions ?? null,
  }),
  notifications: wireField<Notifications>({
    check: checkNotifications,
    reset: DEFAULT_NOTIFICATIONS,
    fromWire: (w) => withDefaults(DEFAULT_NOTIFICATIONS, w.notifications),
  }),
  fromJobChain: wireField<number>({
    check: (v, p, f) => (checkInteger(v, p, f) ? v : undefined),
    reset: null,
    createOnly: true,
    fromWire: (_w, p) => p.fromJobChain as number | undefined,
  }),
  // Dropping ownerId from the program leaves the owner as it is: no transfer back.
  ownerId: wireField<number>({
    check: (v, p, f) => (checkInteger(v, p, f) ? v : undefined),
    reset: null,
    ownRequest: true,
    fromWire: (w) => w.user.id,
    same: (stored, next) => next === null || next === undefined || stored === next,
  }),
  // The git file the workflow runs (git.ts): attached and checked out by requests of its own, read
  // by one of its own at refresh; the program's value where no request read it.
  git: wireField<GitSource>({
    check: checkGit,
    reset: null,
    ownRequest: true,
    fromWire: (w, p) => (w.git !== undefined ? w.git : (p.git as GitSource | undefined)),
  }),
  // A clone's source: fixed at creation, made by its own request (POST .../clone), never answered.
  cloneFrom: wireField<CloneFrom>({
    check: checkCloneFrom,
    reset: null,
    createOnly: true,
    ownRequest: true,
    fromWire: (_w, p) => p.cloneFrom as CloneFrom | undefined,
  }),
  hidden: wireField<boolean>({
    check: typed("boolean"),
    reset: null,
    createOnly: true,
    fromWire: (w, p) => w.hidden ?? (p.hidden as boolean | undefined) ?? false,
    same: (a, b) => (a ?? false) === (b ?? false),
  }),
};

/**
 * Fields the workflow's GET does not answer (only a create takes them, or a request of their own
 * reads them): the lookups and the generator read every other field.
 */
export const NOT_ANSWERED = ["fromJobChain", "cloneFrom", "git"] as const satisfies readonly FieldName[];
export type AnsweredField = Exclude<FieldName, (typeof NOT_ANSWERED)[number]>;
export const ANSWERED = Object.keys(FIELDS).filter(
  (f) => !(NOT_ANSWERED as readonly string[]).includes(f),
) as AnsweredField[];

/** Each answered field's value as Civis has it (the lookups' shape); only a description may be empty. */
export type AnsweredValues = { [K in AnsweredField]: ValueOf<(typeof FIELDS)[K]> } & { description: string | null };

/**
 * Every input of the program: the fields, and which existing workflow to take over, read at
 * creation only (afterwards it is history: changing it is no change).
 */
export const INPUTS = {
  ...FIELDS,
  adoptWorkflowId: field<number>({
    check: (v, p, f) => (checkInteger(v, p, f) ? v : undefined),
    reset: null,
    atCreation: true,
  }),
  // How a transfer is made, read when ownerId changes; changing it alone changes nothing.
  transferDependencies: field<boolean>({ check: typed("boolean"), reset: null, atCreation: true }),
} satisfies Fields;

export type FieldName = keyof typeof FIELDS;
export const FIELD_NAMES = Object.keys(FIELDS) as FieldName[];

/** The inputs after check: one spelling of each meaning (definition as YAML text, full schedule and notifications). */
export type WorkflowInputs = { name: string } & { [K in Exclude<FieldName, "name">]?: ValueOf<(typeof FIELDS)[K]> } & {
  /** An existing workflow to take over at creation instead of creating one; history afterwards. */
  adoptWorkflowId?: number;
  /** Whether a transfer to `ownerId` also gives the new owner manage on what the workflow runs. */
  transferDependencies?: boolean;
};

/**
 * What state keeps: the fields the program sets, as Civis now has them (so refresh shows drift),
 * the id, and what Civis computes that a program may use. Fields the program leaves to Civis and
 * values that change on their own (run state, timestamps) are not kept: state is rewritten whole
 * on every step of an update, so each byte per workflow costs every step.
 */
export type WorkflowOutputs = { [K in FieldName]?: ValueOf<(typeof FIELDS)[K]> | null } & ReturnType<typeof computed> &
  GitOutputs;

/** What Civis computes that state keeps, by name (the SDK declares these outputs too). */
export const COMPUTED = [
  "workflowId",
  "valid",
  "validationErrors",
  "nextExecutionAt",
  "gitCommit",
  "gitNewestCommit",
] as const;

/** What Civis computes that state keeps, whatever the program sets. */
export function computed(w: Pick<WireWorkflow, "id" | "valid" | "validationErrors" | "nextExecutionAt">) {
  return { workflowId: w.id, valid: w.valid, validationErrors: w.validationErrors, nextExecutionAt: w.nextExecutionAt };
}

/** The fields a program's inputs (or stored state) set. */
export function fieldsSetBy(props: Partial<WorkflowOutputs> | WorkflowInputs): FieldName[] {
  return FIELD_NAMES.filter((f) => props[f] !== undefined);
}

/** The fields state keeps for these inputs: those they set, and the definition a git file gives. */
export function outputFields(inputs: WorkflowInputs): FieldName[] {
  const fields = fieldsSetBy(inputs);
  return inputs.git && !fields.includes("definition") ? [...fields, "definition"] : fields;
}

/** The request body that sets `fields` as the program has them; a field it dropped goes back to Civis's default. */
export function toWire(inputs: WorkflowInputs, fields: readonly FieldName[]): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const f of fields) {
    const field: WorkflowField<unknown> = FIELDS[f];
    if (!field.ownRequest) body[f] = inputs[f] !== undefined ? inputs[f] : field.reset;
  }
  return body;
}

/** State from Civis's answer: the computed values and `fields` as Civis has them. */
export function fromWire(
  w: WireWorkflow & LiveGit,
  program: ProgramValues,
  fields: readonly FieldName[],
): WorkflowOutputs {
  const out: Record<string, unknown> = computed(w);
  for (const f of fields) out[f] = FIELDS[f].fromWire(w, program);
  return out as WorkflowOutputs;
}

/**
 * The fields whose change the update must send: those the program sets now and that differ
 * from what is stored, and those it set before and no longer does (they go back to Civis's
 * default unless they are there already). A field the program never set is never compared.
 */
export function changedProperties(olds: Partial<WorkflowOutputs>, news: WorkflowInputs): FieldName[] {
  const changed = changedFields(FIELDS, olds, news) as FieldName[];
  // A git file's definition is the file's: the program does not set it, so it is never compared.
  return news.git ? changed.filter((f) => f !== "definition") : changed;
}

/** Whether a stored and a new value of field `f` mean the same. */
export function sameValue(f: FieldName, stored: unknown, next: unknown): boolean {
  return sameFieldValue(FIELDS[f], stored, next);
}

/**
 * What a program sets to keep a workflow as Civis has it, for the generator: each answered field
 * that differs from what Civis has when it is not set, an object field as just its differing parts.
 */
export function programValues(values: AnsweredValues): Array<[AnsweredField, unknown]> {
  return ANSWERED.flatMap((f): Array<[AnsweredField, unknown]> => {
    const value: unknown = values[f];
    const reset: unknown = FIELDS[f].reset;
    if (sameValue(f, value, reset)) return [];
    if (!isPlainObject(value) || !isPlainObject(reset)) return [[f, value]];
    return [[f, Object.fromEntries(Object.entries(value).filter(([k, v]) => !deepEqual(v, reset[k])))]];
  });
}
