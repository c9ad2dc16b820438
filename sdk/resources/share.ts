import * as pulumi from "@pulumi/pulumi";
import { CivisResource } from "./base";
import { noteAccessTarget } from "./accessConflicts";

import type { PermissionLevel } from "../../provider";

export type { PermissionLevel };

export interface WorkflowShareArgs {
  /** The workflow to share, e.g. `workflow.workflowId`. A change replaces the share. */
  readonly workflowId: pulumi.Input<number>;
  /** Users to grant the level to. At least one of `userIds` / `groupIds`; if given, not empty. */
  readonly userIds?: pulumi.Input<pulumi.Input<number>[]>;
  /** Groups to grant the level to. */
  readonly groupIds?: pulumi.Input<pulumi.Input<number>[]>;
  /** `read`, `write` or `manage`. A change re-grants in place. */
  readonly permissionLevel: pulumi.Input<PermissionLevel>;
  /** Whether Civis e-mails the principals when access is granted. Default: Civis's (no e-mail). */
  readonly sendSharedEmail?: pulumi.Input<boolean>;
  /** Body of that e-mail. Used only when access is granted. */
  readonly shareEmailBody?: pulumi.Input<string>;
}

/**
 * Grants one permission level on a workflow to the users and groups it names, and manages only
 * those: other shares of the workflow are left alone. Deleting it revokes exactly its principals,
 * never the workflow's owner. A principal revoked or moved out of band is granted again by `up`.
 * The workflow archived or gone drops the share from state on refresh.
 */
export class WorkflowShare extends CivisResource {
  /** The shared workflow. */
  declare public readonly workflowId: pulumi.Output<number>;
  /** The users granted the level, sorted (after a refresh: those that still have it). */
  declare public readonly userIds: pulumi.Output<number[] | undefined>;
  /** The groups granted the level, sorted. */
  declare public readonly groupIds: pulumi.Output<number[] | undefined>;
  /** The level granted. */
  declare public readonly permissionLevel: pulumi.Output<PermissionLevel>;
  /** Whether a share e-mail was requested. */
  declare public readonly sendSharedEmail: pulumi.Output<boolean | undefined>;
  /** The share e-mail's body. */
  declare public readonly shareEmailBody: pulumi.Output<string | undefined>;
  /** Named users that own the workflow: counted as granted and never revoked. */
  declare public readonly ownerIds: pulumi.Output<number[]>;

  constructor(name: string, args: WorkflowShareArgs, opts?: pulumi.CustomResourceOptions) {
    super("WorkflowShare", name, args, opts);
    noteAccessTarget("WorkflowShare", name, this, args.workflowId);
  }
}
