import * as pulumi from "@pulumi/pulumi";
import { CivisResource } from "./base";
import { noteAccessTarget } from "./accessConflicts";

/** Principal ids by level. A principal may appear at one level only; a level left out names nobody. */
export interface AccessLevels {
  readonly read?: pulumi.Input<pulumi.Input<number>[]>;
  readonly write?: pulumi.Input<pulumi.Input<number>[]>;
  readonly manage?: pulumi.Input<pulumi.Input<number>[]>;
}

/** Principal ids by level, as stored. */
export interface AccessLevelsOutput {
  read?: number[];
  write?: number[];
  manage?: number[];
}

export interface WorkflowAccessArgs {
  /** The workflow, e.g. `workflow.workflowId`. A change replaces the access list. */
  readonly workflowId: pulumi.Input<number>;
  /**
   * Users by level, e.g. `{ read: [101, 104], manage: [103] }`. At least one of `users` / `groups`;
   * `{}`: no user but the two kept.
   */
  readonly users?: pulumi.Input<AccessLevels>;
  /** Groups by level, e.g. `{ read: [7] }`. Default: no group. */
  readonly groups?: pulumi.Input<AccessLevels>;
  /**
   * Whether Civis e-mails the principals it grants access to. Default: false (adopting a stack
   * must not e-mail people).
   */
  readonly sendSharedEmail?: pulumi.Input<boolean>;
  /** Body of that e-mail. Used only when access is granted. */
  readonly shareEmailBody?: pulumi.Input<string>;
}

/**
 * The whole access list of a workflow, authoritative: after `up` it is shared with exactly the
 * listed users and groups at the listed levels. Anyone else (added in the web app, say) shows
 * after a refresh, as a change in `preview --diff`, and the next `up` revokes them. Two
 * users are kept whatever the list says: the workflow's owner (its author) and the API user
 * (revoking itself would lock Pulumi out); listing either below the level they have fails the
 * preview. Deleting it revokes every listed principal except those two; set `retainOnDelete`
 * to keep the access as it is. Use it instead of `WorkflowShare` on a workflow, not beside it.
 */
export class WorkflowAccess extends CivisResource {
  /** The workflow. */
  declare public readonly workflowId: pulumi.Output<number>;
  /** Users by level, as Civis has them (after a refresh, anyone added out of band too). */
  declare public readonly users: pulumi.Output<AccessLevelsOutput>;
  /** Groups by level, as Civis has them. */
  declare public readonly groups: pulumi.Output<AccessLevelsOutput>;
  /** Whether share e-mails are requested. */
  declare public readonly sendSharedEmail: pulumi.Output<boolean | undefined>;
  /** The share e-mail's body. */
  declare public readonly shareEmailBody: pulumi.Output<string | undefined>;
  /** The workflow's owner (its author): kept, never revoked or lowered. */
  declare public readonly ownerId: pulumi.Output<number>;
  /** The API user: kept, never revoked or lowered. */
  declare public readonly apiUserId: pulumi.Output<number>;

  constructor(name: string, args: WorkflowAccessArgs, opts?: pulumi.CustomResourceOptions) {
    super("WorkflowAccess", name, args, opts);
    noteAccessTarget("WorkflowAccess", name, this, args.workflowId);
  }
}
