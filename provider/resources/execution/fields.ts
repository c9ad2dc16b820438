/**
 * WorkflowExecution's fields: which run to start and how `up` waits for it. Each is fixed: a
 * change starts a new run (a replace), as for any run-on-change resource; only `cancelOnDelete`,
 * which says what a delete does, changes in place and starts nothing.
 */
import { checkOneOf, describe, fail, isPlainObject } from "../../core/checks";
import { createOnlyId, field, optionalField, type Fields } from "../../core/schema";
import { isUnknown } from "../../core/unknown";

export const WAIT_MODES = ["success", "finish", "none"] as const;
export type WaitMode = (typeof WAIT_MODES)[number];

/** The longest wait `timeoutMinutes` may ask: a day. */
export const MAX_TIMEOUT_MINUTES = 1440;

export const FIELDS = {
  workflowId: createOnlyId,
  /** Any values: a change of any starts a new run. */
  triggers: field<unknown>({ check: (v) => v, reset: null, createOnly: true }),
  targetTask: field<string>({
    check: (v, p, f) => {
      if (isUnknown(v)) return undefined;
      if (typeof v === "string" && v.trim()) return v;
      f.push(fail(p, `${p} must be the name of a task of the workflow, not ${describe(v)}`));
      return undefined;
    },
    reset: null,
    createOnly: true,
  }),
  includedTasks: field<string[]>({
    check: (v, p, f) => {
      if (isUnknown(v)) return undefined;
      if (!Array.isArray(v) || v.length === 0 || v.some((t) => !isUnknown(t) && (typeof t !== "string" || !t.trim()))) {
        f.push(fail(p, `${p} must be a non-empty list of task names, not ${describe(v)}`));
        return undefined;
      }
      return v as string[];
    },
    reset: null,
    createOnly: true,
  }),
  input: field<Record<string, unknown>>({
    check: (v, p, f) => {
      if (isUnknown(v) || isPlainObject(v)) return v as Record<string, unknown>;
      f.push(fail(p, `${p} must be an object of the workflow's input values, not ${describe(v)}`));
      return undefined;
    },
    reset: null,
    createOnly: true,
  }),
  wait: field<WaitMode>({
    check: (v, p, f) => (checkOneOf(v, WAIT_MODES, p, f) ? v : undefined),
    reset: "success",
    createOnly: true,
  }),
  // A fraction is allowed (0.5: thirty seconds), for short runs.
  timeoutMinutes: field<number>({
    check: (v, p, f) => {
      if (isUnknown(v)) return undefined;
      if (typeof v === "number" && v > 0 && v <= MAX_TIMEOUT_MINUTES) return v;
      f.push(
        fail(p, `${p} must be a number of minutes above 0 and at most ${MAX_TIMEOUT_MINUTES}, not ${describe(v)}`),
      );
      return undefined;
    },
    reset: 60,
    createOnly: true,
  }),
  cancelOnTimeout: { ...optionalField<boolean>("boolean"), createOnly: true },
  // Only what a delete does: changed in place, starting nothing.
  cancelOnDelete: optionalField<boolean>("boolean"),
} satisfies Fields;

export interface ExecutionInputs {
  workflowId: number;
  triggers?: unknown;
  targetTask?: string;
  includedTasks?: string[];
  input?: Record<string, unknown>;
  wait?: WaitMode;
  timeoutMinutes?: number;
  cancelOnTimeout?: boolean;
  cancelOnDelete?: boolean;
}

/** A task of the run as the outputs say it. */
export interface TaskOutput {
  name: string;
  state: string;
  stateInfo: string | null;
}

/** What the run is now: Civis's answer in the outputs' terms. */
export interface ExecutionState {
  executionId: number;
  /** running, succeeded, failed, cancelled (the workflow's words); `paused` while paused. */
  state: string;
  startedAt: string | null;
  finishedAt: string | null;
  tasks: TaskOutput[];
  /** The workflow's page in the Civis web app (an execution has no documented page of its own). */
  url: string;
}

export type ExecutionOutputs = ExecutionInputs & ExecutionState;

export const COMPUTED = ["executionId", "state", "startedAt", "finishedAt", "tasks", "url"] as const;
