/**
 * Typed workflow definitions (Mistral v2 as Civis runs it). Give `Workflow.definition` either
 * YAML text or one of these objects; the provider turns an object into YAML the same way every
 * time, and checks both against the same rules at `pulumi preview`.
 */

/** A transition: a task name, or a list of task names or `{ taskName: "<% condition %>" }` maps. */
export type Transition = string | Array<string | Record<string, string>>;

export interface WorkflowTask {
  /** What the task runs, e.g. `civis.run_job`, `civis.scripts.python3`, `std.noop`. Required. */
  action: string;
  /** The action's input, e.g. `{ job_id: 1234 }` for `civis.run_job`. */
  input?: Record<string, unknown>;
  /** Values to publish into the workflow context when the task succeeds. */
  publish?: Record<string, unknown>;
  /** Tasks to run when this one succeeds. */
  "on-success"?: Transition;
  /** Tasks to run when this one fails. */
  "on-error"?: Transition;
  /** Tasks to run when this one ends either way. */
  "on-complete"?: Transition;
  /** Wait for all (`all`) or a number of inbound transitions before starting. */
  join?: "all" | number;
  /** Tasks this one needs first; reverse workflows only. */
  requires?: string | string[];
  /** Run the task once per item of a list expression. */
  "with-items"?: string | string[];
  /** Retry policy, e.g. `{ count: 3, delay: 60 }`. */
  retry?: { count?: number; delay?: number; "break-on"?: string; "continue-on"?: string };
  /** Seconds before the task is failed for taking too long. */
  timeout?: number;
  /** Seconds to wait before starting the task. */
  "wait-before"?: number;
  /** Seconds to wait after the task completes. */
  "wait-after"?: number;
  /** Pause the workflow before this task until resumed. */
  "pause-before"?: boolean;
  /** Maximum parallel items with `with-items`. */
  concurrency?: number;
  /** Whether to keep the task's result. */
  "keep-result"?: boolean;
  /** Executor target. */
  target?: string;
  /** Fail the task when this expression is true. */
  "fail-on"?: string;
  /** Whether the task may safely run again after an engine failure. */
  "safe-rerun"?: boolean;
}

export interface WorkflowBody {
  /** `direct` (default): tasks follow transitions; `reverse`: tasks follow `requires`. */
  type?: "direct" | "reverse";
  /** A description of the workflow. */
  description?: string;
  /** Input names, or one-key maps giving defaults. */
  input?: Array<string | Record<string, unknown>>;
  /** The workflow's output expressions. */
  output?: Record<string, unknown>;
  /** Settings every task inherits. */
  "task-defaults"?: Partial<WorkflowTask>;
  /** The tasks, by name. Required, at least one. */
  tasks: Record<string, WorkflowTask>;
}

/** A whole definition: `version: "2.0"` and exactly one workflow, keyed by its name. */
export type WorkflowDefinition = { version: "2.0" } & { [workflowName: string]: WorkflowBody | "2.0" };

/** Builds a definition with one workflow: `defineWorkflow("etl", { tasks: { ... } })`. */
export function defineWorkflow(name: string, body: WorkflowBody): WorkflowDefinition {
  return { version: "2.0", [name]: body };
}
