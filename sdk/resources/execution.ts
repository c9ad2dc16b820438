import * as pulumi from "@pulumi/pulumi";
import { CivisResource } from "./base";

export interface WorkflowExecutionArgs {
  /** The workflow to run, e.g. `workflow.workflowId`. A change starts a new run. */
  readonly workflowId: pulumi.Input<number>;
  /**
   * Any values: when one changes, `up` starts a new run (e.g. the workflow's definition, to run it
   * after every change to what it runs). Unchanged, `up` starts nothing.
   */
  readonly triggers?: pulumi.Input<unknown>;
  /** For a reverse workflow: the task to run (with what it requires). A change starts a new run. */
  readonly targetTask?: pulumi.Input<string>;
  /** Run only these tasks of the workflow. A change starts a new run. */
  readonly includedTasks?: pulumi.Input<pulumi.Input<string>[]>;
  /** The workflow's input values for this run. A change starts a new run. */
  readonly input?: pulumi.Input<Record<string, unknown>>;
  /**
   * `"success"` (default): `up` waits and fails if the run fails or is cancelled, naming each failed
   * task. `"finish"`: `up` waits and records how it ended in `state`. `"none"`: `up` starts it and goes on.
   */
  readonly wait?: pulumi.Input<"success" | "finish" | "none">;
  /**
   * How long `up` waits, in minutes (above 0, at most 1440; 0.5 is thirty seconds). Default 60;
   * past it `up` fails, and the run goes on in Civis unless `cancelOnTimeout`.
   */
  readonly timeoutMinutes?: pulumi.Input<number>;
  /** Cancel the run when `timeoutMinutes` passes. Default false. */
  readonly cancelOnTimeout?: pulumi.Input<boolean>;
  /**
   * Cancel the run if it is still going when the resource is deleted (or replaced). Default false.
   * A change starts nothing.
   */
  readonly cancelOnDelete?: pulumi.Input<boolean>;
}

/** A task of a run as its outputs say it. */
export interface WorkflowExecutionTask {
  name: string;
  /** Civis's (Mistral's) state: running, success, error, cancelled, ... */
  state: string;
  /** What Civis says of it (why it failed), or null. */
  stateInfo: string | null;
}

/**
 * Runs a workflow on deploy: `up` starts one run (`POST /workflows/{id}/executions`) when the
 * resource is created and again when `triggers` or what the run is changes, and waits as `wait`
 * says. Its id is the execution's id. Deleting it starts and cancels nothing (a run is history),
 * except a run still going with `cancelOnDelete`.
 */
export class WorkflowExecution extends CivisResource {
  declare public readonly workflowId: pulumi.Output<number>;
  /** The execution's id in Civis. */
  declare public readonly executionId: pulumi.Output<number>;
  /** running, succeeded, failed, cancelled (or paused), as of the last `up` or refresh. */
  declare public readonly state: pulumi.Output<string>;
  declare public readonly startedAt: pulumi.Output<string | null>;
  declare public readonly finishedAt: pulumi.Output<string | null>;
  declare public readonly tasks: pulumi.Output<WorkflowExecutionTask[]>;
  /** The workflow's page in the Civis web app (an execution has no documented page of its own). */
  declare public readonly url: pulumi.Output<string>;

  constructor(name: string, args: WorkflowExecutionArgs, opts?: pulumi.CustomResourceOptions) {
    super("WorkflowExecution", name, args, opts);
  }
}
