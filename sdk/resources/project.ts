import * as pulumi from "@pulumi/pulumi";
import { CivisResource } from "./base";

export interface WorkflowProjectArgs {
  /** The workflow, e.g. `workflow.workflowId`. A change replaces the link. */
  readonly workflowId: pulumi.Input<number>;
  /** The Civis project that holds it. A change replaces the link. */
  readonly projectId: pulumi.Input<number>;
}

/**
 * Puts a workflow in a Civis project. Its id is `<workflowId>/<projectId>`. Removed out of band,
 * it drops from state on refresh and `up` adds it back; the workflow archived or gone drops it too.
 */
export class WorkflowProject extends CivisResource {
  /** The workflow in the project. */
  declare public readonly workflowId: pulumi.Output<number>;
  /** The project holding the workflow. */
  declare public readonly projectId: pulumi.Output<number>;

  constructor(name: string, args: WorkflowProjectArgs, opts?: pulumi.CustomResourceOptions) {
    super("WorkflowProject", name, args, opts);
  }
}
