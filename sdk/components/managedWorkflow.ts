import * as pulumi from "@pulumi/pulumi";
import { Workflow, type WorkflowArgs } from "../resources/workflow";
import { WorkflowProject } from "../resources/project";
import { PERMISSION_LEVELS, type PermissionLevel } from "../../provider";
import { WorkflowShare } from "../resources/share";
import { WorkflowAccess } from "../resources/access";
import { recordComponentProblems } from "../resources/problems";
import { registersAsNative } from "../resources/base";
import { WorkflowExecution, type WorkflowExecutionArgs } from "../resources/execution";
import { definitionData, definitionText, taskNames, unknownTasks } from "../../provider/core/definition";
import { isPlainObject } from "../../provider/core/values";

/** Principals at one level. Plain lists: the children are named from them when the program runs. */
export interface SharePrincipals {
  /** User ids. */
  readonly users?: readonly number[];
  /** Group ids. */
  readonly groups?: readonly number[];
}

export interface ManagedWorkflowArgs extends WorkflowArgs {
  /** Who may see the workflow, by level. A principal may appear at one level only. Default: nobody but the owner. */
  readonly shares?: { readonly [L in PermissionLevel]?: SharePrincipals };
  /**
   * Whether `shares` is the whole access list: one `WorkflowAccess` that revokes anyone it does
   * not list (but the owner and the API user), instead of one additive `WorkflowShare` per
   * level. Default: false. Switching either way keeps everyone's access.
   */
  readonly exclusiveAccess?: boolean;
  /** Projects that hold the workflow. Order does not matter. Default: none. */
  readonly projectIds?: readonly number[];
  /**
   * Run the workflow on deploy: a `WorkflowExecution` whose trigger is what the workflow runs (the
   * program's definition, or its git file), so `up` runs it after creating the workflow and after
   * every change to what it runs, and not otherwise. `true`, or the run's options. Default: no run.
   */
  readonly runOnDeploy?: boolean | Omit<WorkflowExecutionArgs, "workflowId" | "triggers">;
}

/**
 * A workflow with its shares and projects, reviewed and applied together. Children are named
 * from the level and the project id, never from a list position, so reordering changes nothing.
 */
export class ManagedWorkflow extends pulumi.ComponentResource {
  /** The workflow itself. */
  public readonly workflow: Workflow;
  /** The workflow's Civis id. */
  public readonly workflowId: pulumi.Output<number>;
  /** One share per level named in `shares` (none with `exclusiveAccess`). */
  public readonly shares: { [L in PermissionLevel]?: WorkflowShare };
  /** With `exclusiveAccess`: the workflow's whole access list. */
  public readonly access?: WorkflowAccess;
  /** One project link per id in `projectIds`, keyed by project id. */
  public readonly projects: Record<number, WorkflowProject>;
  /** With `runOnDeploy`: the run `up` starts when what the workflow runs changes. */
  public readonly run?: WorkflowExecution;

  constructor(name: string, args: ManagedWorkflowArgs, opts?: pulumi.ComponentResourceOptions) {
    super("civis:index:ManagedWorkflow", name, {}, opts);
    // Reported with every other bad input of the program (see resources/problems.ts); inside the
    // native plugin, as the construct's error, which fails the other language's preview.
    const problems = componentProblems(args);
    if (registersAsNative() && problems.length)
      throw new Error(`civis:ManagedWorkflow "${name}": ${problems.join("; ")}`);
    recordComponentProblems("ManagedWorkflow", name, problems);
    const { shares = {}, projectIds = [], exclusiveAccess = false, runOnDeploy, ...workflowArgs } = args;

    this.workflow = new Workflow(name, workflowArgs, { parent: this });
    this.workflowId = this.workflow.workflowId;
    this.shares = {};
    if (exclusiveAccess) {
      const byLevel = (kind: "users" | "groups") =>
        Object.fromEntries(
          PERMISSION_LEVELS.filter((l) => shares[l]?.[kind]?.length).map((l) => [l, [...shares[l]![kind]!]]),
        );
      // Taking over a workflow by id, the list names that id itself, so its preview can read the
      // list it takes over (the workflow's own id is not known until the adoption has run).
      const adopted = workflowArgs.adoptWorkflowId;
      this.access = new WorkflowAccess(
        `${name}-access`,
        {
          workflowId: typeof adopted === "number" ? adopted : this.workflowId,
          users: byLevel("users"),
          groups: byLevel("groups"),
        },
        { parent: this, dependsOn: [this.workflow] },
      );
    }
    // The shares apply one after another, lowest level first, so a principal moved between
    // levels is revoked from the old one before (or re-granted after) the new one is set.
    let previous: WorkflowShare | undefined;
    for (const level of exclusiveAccess ? [] : PERMISSION_LEVELS) {
      const principals = shares[level];
      if (!principals || (!principals.users?.length && !principals.groups?.length)) continue;
      this.shares[level] = new WorkflowShare(
        `${name}-${level}`,
        {
          workflowId: this.workflowId,
          permissionLevel: level,
          ...(principals.users?.length ? { userIds: [...principals.users] } : {}),
          ...(principals.groups?.length ? { groupIds: [...principals.groups] } : {}),
        },
        { parent: this, dependsOn: previous ? [previous] : [] },
      );
      previous = this.shares[level];
    }
    this.projects = {};
    for (const projectId of projectIds) {
      this.projects[projectId] = new WorkflowProject(
        `${name}-project-${projectId}`,
        { workflowId: this.workflowId, projectId },
        { parent: this },
      );
    }
    if (runOnDeploy) {
      // The trigger is the program's own value (known at preview, unlike the workflow's outputs during
      // an update), the definition as data: a change of formatting or comments runs nothing. A git
      // file also runs again when up checks out a newer commit of its branch: the commit is the
      // workflow's output, so a preview that updates the workflow for any reason shows a run it may
      // not make (the commit is known only at up).
      const runs = {
        definition: args.definition,
        git: args.git,
        gitCommit: args.git ? this.workflow.gitCommit.apply((c) => c?.hash) : undefined,
        fromJobChain: args.fromJobChain,
      };
      const triggers = pulumi
        .output(runs)
        .apply((r) => ({ ...r, definition: r.definition && definitionData(definitionText(r.definition)) }));
      this.run = new WorkflowExecution(
        `${name}-run`,
        { ...(runOnDeploy === true ? {} : runOnDeploy), workflowId: this.workflowId, triggers },
        // After the shares and links: a run on deploy runs the workflow as the program leaves it.
        {
          parent: this,
          dependsOn: [
            ...Object.values(this.shares),
            ...(this.access ? [this.access] : []),
            ...Object.values(this.projects),
          ],
        },
      );
    }
    this.registerOutputs({ workflowId: this.workflowId });
  }
}

/** Mistakes the component can see before anything is sent: a principal at two levels, a project twice. */
function componentProblems(args: ManagedWorkflowArgs): string[] {
  const { shares = {}, projectIds = [] } = args;
  const seen = new Map<string, PermissionLevel>();
  const problems: string[] = [];
  for (const level of PERMISSION_LEVELS) {
    for (const kind of ["users", "groups"] as const) {
      for (const id of shares[level]?.[kind] ?? []) {
        const key = `${kind.slice(0, -1)} ${id}`;
        const other = seen.get(key);
        if (other)
          problems.push(`${key} is listed under shares.${other} and shares.${level}; give each principal one level`);
        else seen.set(key, level);
      }
    }
  }
  problems.push(...runTaskProblems(args));
  const dupes = projectIds.filter((p, i) => projectIds.indexOf(p) !== i);
  if (dupes.length) problems.push(`projectIds lists ${[...new Set(dupes)].join(", ")} more than once`);
  for (const p of projectIds)
    if (!Number.isInteger(p) || p < 1) problems.push(`projectIds: ${JSON.stringify(p)} is not a project id`);
  return problems;
}

/** The tasks `runOnDeploy` names, against the program's own definition when it gives one (no read). */
function runTaskProblems(args: ManagedWorkflowArgs): string[] {
  const run = args.runOnDeploy;
  const text = typeof args.definition === "string" || isPlainObject(args.definition) ? args.definition : undefined;
  const tasks = typeof run === "object" && text !== undefined ? taskNames(definitionText(text)) : undefined;
  return tasks ? unknownTasks(tasks, run as object, "runOnDeploy.", "the definition") : [];
}
