import * as pulumi from "@pulumi/pulumi";
import { CivisResource } from "./base";
import type { Notifications, Schedule } from "../../provider";
import type { WorkflowDefinition } from "../definition";

export type { Notifications, Schedule };

/** The program's form of a shape: every field optional and an Input, list items Inputs too. */
type InputsOf<T> = {
  readonly [K in keyof T]?: pulumi.Input<T[K] extends Array<infer E> ? Array<pulumi.Input<E>> : NonNullable<T[K]>>;
};

/** When a workflow runs. Lists are sets: their order does not matter. Fields as in `Schedule`. */
export type WorkflowSchedule = InputsOf<Schedule>;

/** Who hears about a run. Unset fields take Civis's defaults (no addresses, both switches on). */
export type WorkflowNotifications = InputsOf<Notifications>;
/** Which workflow `cloneFrom` copies, and what of it besides the definition (default: neither). */
export interface WorkflowCloneFrom {
  readonly workflowId: pulumi.Input<number>;
  readonly schedule?: pulumi.Input<boolean>;
  readonly notifications?: pulumi.Input<boolean>;
}

/**
 * The git file a workflow runs (`git`): Civis keeps the workflow attached to it. With `ref` left
 * out (or equal to `branch`) the workflow follows the branch: `up` checks out its newest commit,
 * and after a refresh the preview says when the branch has moved on. A `ref` naming a commit (or
 * a tag, with `refType: "tag"`) pins the file: it never moves.
 */
export interface WorkflowGit {
  /** The repository, e.g. `https://github.com/org/repo.git`, as Civis reaches it. */
  readonly repoUrl: pulumi.Input<string>;
  /** The file's path inside the repository, e.g. `workflows/nightly.yml`. */
  readonly path: pulumi.Input<string>;
  /** The branch the file is on. Default: `ref` when that names a branch, else `"main"`. */
  readonly branch?: pulumi.Input<string>;
  /** A commit SHA or a tag to pin the file to. Default: the branch (follow it). */
  readonly ref?: pulumi.Input<string>;
  /** `"branch"` (default) or `"tag"`: what `ref` names, as Civis records it. */
  readonly refType?: pulumi.Input<"branch" | "tag">;
  /** Ask Civis to pull new commits by itself (the spec says it may work only for scripts). Default false. */
  readonly pullFromGit?: pulumi.Input<boolean>;
}

/** A commit as the Workflow's outputs name it. */
export interface WorkflowGitCommit {
  hash: string;
  /** Null for a pinned ref (Civis tells the message of a branch's newest commit only). */
  message: string | null;
}

export interface WorkflowArgs {
  /**
   * The workflow's name. Required, non-empty. In Civis it follows the stack's `civis:namePrefix`,
   * when that is set (e.g. `"[dev] "`).
   */
  readonly name: pulumi.Input<string>;
  /** A description shown in Civis. Default: none. */
  readonly description?: pulumi.Input<string>;
  /**
   * What the workflow runs: Mistral v2 YAML text, or a typed `WorkflowDefinition` object.
   * Compared as data, so re-indenting or adding comments is no change. Exclusive with `fromJobChain`
   * and `git`.
   */
  readonly definition?: pulumi.Input<string | WorkflowDefinition>;
  /**
   * Run a file kept in git instead of a `definition` in the program: `up` attaches the workflow to
   * it and checks it out; a change of any field is done in place. The `definition` output is the
   * YAML the workflow runs. Exclusive with `definition` and `fromJobChain`. Removing it keeps the
   * attachment in Civis (the API cannot detach it) and runs the program's definition.
   */
  readonly git?: pulumi.Input<WorkflowGit>;
  /**
   * When it runs. Removing it unschedules the workflow. Exclusive with `fromJobChain`. A stack
   * whose `civis:schedules` is `paused` keeps it unscheduled (`scheduled: false`, the rest kept).
   */
  readonly schedule?: pulumi.Input<WorkflowSchedule>;
  /** IANA time zone of the schedule, e.g. `America/New_York`. Default: the API user's time zone. */
  readonly timeZone?: pulumi.Input<string>;
  /** Whether a run may start while another is running. Default true. */
  readonly allowConcurrentExecutions?: pulumi.Input<boolean>;
  /** E-mail and webhook notifications. Removing them restores Civis's defaults. */
  readonly notifications?: pulumi.Input<WorkflowNotifications>;
  /**
   * Create the workflow from the job chain this job is in, inheriting its schedule.
   * Fixed at creation: a change replaces the workflow. Exclusive with `definition` and `schedule`.
   */
  readonly fromJobChain?: pulumi.Input<number>;
  /** Hide the workflow from Civis listings. Fixed at creation: a change replaces the workflow. Default false. */
  readonly hidden?: pulumi.Input<boolean>;
  /**
   * Start the workflow as a clone of another the API user can read: its definition, and its
   * schedule and notifications when `schedule` / `notifications` are true; then the program's own
   * values apply in the same `up` (the name at least). Fixed at creation: a change replaces the
   * workflow. Exclusive with `fromJobChain` and `adoptWorkflowId`. A source the API user cannot
   * read fails the preview.
   */
  readonly cloneFrom?: pulumi.Input<WorkflowCloneFrom>;
  /**
   * The user who owns the workflow (e.g. a team account). When the workflow has another owner,
   * `up` transfers it (no e-mail is sent) and the preview says from whom to whom; the API user
   * keeps manage. An owner changed in the web app shows on refresh as drift. Removing it leaves
   * the owner as it is. Default: the owner is whoever created or owns it.
   */
  readonly ownerId?: pulumi.Input<number>;
  /**
   * With `ownerId`: whether a transfer also gives the new owner manage on what the workflow runs
   * (its jobs and scripts). Changing it alone changes nothing. Default false.
   */
  readonly transferDependencies?: pulumi.Input<boolean>;
  /**
   * An existing Civis workflow to take over instead of creating one (e.g. one made in the web
   * app). `up` sends no POST: it reads the workflow and PATCHes only the fields that differ from
   * this program; the preview says which. The API user needs manage permission on it. Used only
   * at creation: changing or removing it later is no change. Default: create a new workflow.
   */
  readonly adoptWorkflowId?: pulumi.Input<number>;
}

/**
 * One Civis workflow, managed through its whole life. Deleting it archives it in Civis (the API
 * has no delete); archiving it outside Pulumi makes the next refresh drop it and `up` create it anew.
 *
 * Its outputs are the properties the program sets, as Civis has them (a refresh shows drift),
 * and what Civis computes (`workflowId`, `valid`, `validationErrors`, `nextExecutionAt`). A
 * property the program leaves to Civis is undefined here: state keeps nothing it does not use.
 */
export class Workflow extends CivisResource {
  /**
   * The Civis workflow id, as a number (`id` holds the same as a string). Taken from the
   * resource's id, which stays known while an update is previewed (every other output of a
   * dynamic resource is unknown then), so shares and project links that use it preview as
   * unchanged instead of replaced.
   */
  public readonly workflowId: pulumi.Output<number>;
  /** The workflow's name in Civis: with the stack's `civis:namePrefix`, if any. */
  declare public readonly name: pulumi.Output<string>;
  /** The description (null if cleared in Civis), when the program sets it. */
  declare public readonly description: pulumi.Output<string | null | undefined>;
  /** The definition's YAML text as stored, when the program sets it or `git` (then: the file as checked out). */
  declare public readonly definition: pulumi.Output<string | undefined>;
  /** The schedule as stored (paused by `civis:schedules`, if so), every field filled in, when the program sets it. */
  declare public readonly schedule: pulumi.Output<Schedule | undefined>;
  /** The schedule's time zone as stored, when the program sets it. */
  declare public readonly timeZone: pulumi.Output<string | undefined>;
  /** Whether a run may start while another is running, when the program sets it. */
  declare public readonly allowConcurrentExecutions: pulumi.Output<boolean | undefined>;
  /** The notifications as stored, every field filled in, when the program sets them. */
  declare public readonly notifications: pulumi.Output<Notifications | undefined>;
  /** The git file the workflow is attached to, every field filled in, when the program sets `git`. */
  declare public readonly git: pulumi.Output<Required<{ [K in keyof WorkflowGit]: string | boolean }> | undefined>;
  /** With `git`: the commit the workflow runs (null when its definition was changed in Civis since). */
  declare public readonly gitCommit: pulumi.Output<WorkflowGitCommit | null | undefined>;
  /** With `git` on a followed branch: the branch's newest commit when last read. */
  declare public readonly gitNewestCommit: pulumi.Output<WorkflowGitCommit | null | undefined>;
  /** The job the workflow was created from, when set. */
  declare public readonly fromJobChain: pulumi.Output<number | undefined>;
  /** The workflow this one was cloned from, when set. */
  declare public readonly cloneFrom: pulumi.Output<
    { workflowId: number; schedule?: boolean; notifications?: boolean } | undefined
  >;
  /** Whether the workflow is hidden from Civis listings, when the program sets it. */
  declare public readonly hidden: pulumi.Output<boolean | undefined>;
  /** The workflow's owner as Civis has it, when the program sets `ownerId`. */
  declare public readonly ownerId: pulumi.Output<number | undefined>;
  /** Whether Civis can run the definition. */
  declare public readonly valid: pulumi.Output<boolean | null>;
  /** What Civis found wrong with the definition, if anything. */
  declare public readonly validationErrors: pulumi.Output<string | null>;
  /** When the schedule next runs the workflow, or null. */
  declare public readonly nextExecutionAt: pulumi.Output<string | null>;

  constructor(name: string, args: WorkflowArgs, opts?: pulumi.CustomResourceOptions) {
    super("Workflow", name, args, opts);
    this.workflowId = this.id.apply((id) => Number(id));
  }
}
