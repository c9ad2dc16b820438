/** The WorkflowProject resource: a workflow's membership of one project. */
import { CivisApiError } from "../client";
import { checkFields, createOnlyId, diffFields, type Fields } from "../core/schema";
import type { Context, ResourceModule } from "./resource";
import { previewAttached, readAttached } from "./workflowStatus";

// ---------------------------------------------------------------------------------------------
// fields

/** A workflow's membership of one project. Both ids are fixed: any change replaces. */
export const FIELDS = {
  workflowId: createOnlyId,
  projectId: createOnlyId,
} satisfies Fields;

export interface ProjectInputs {
  workflowId: number;
  projectId: number;
}

// ---------------------------------------------------------------------------------------------
// check

export function check(news: Record<string, unknown>) {
  const { inputs, failures, warnings } = checkFields(FIELDS, news);
  return { inputs: inputs as unknown as ProjectInputs, failures, warnings };
}

// ---------------------------------------------------------------------------------------------
// diff

export const diff = (olds: Partial<ProjectInputs>, news: ProjectInputs) => diffFields(FIELDS, olds, news);

// ---------------------------------------------------------------------------------------------
// create

/** At the preview of a create: the workflow it names exists and is not archived. */
export const preview = previewAttached;

/** One PUT; on a workflow this run adopted, a GET first, and no PUT if the link is there already. */
export async function create(ctx: Context, inputs: ProjectInputs) {
  const { client, ledger } = ctx;
  const there =
    ledger.adopted.has(inputs.workflowId) &&
    (await client.listProjects(inputs.workflowId)).some((p) => p.id === inputs.projectId);
  if (!there) await client.addToProject(inputs.workflowId, inputs.projectId);
  ledger.written.add(inputs.workflowId);
  return {
    id: `${inputs.workflowId}/${inputs.projectId}`,
    outs: { workflowId: inputs.workflowId, projectId: inputs.projectId },
  };
}

// ---------------------------------------------------------------------------------------------
// read

/**
 * One GET of the workflow's projects (with the workflow's own GET, which a refresh shares with
 * the Workflow resource). Removed out of band, or the workflow gone or archived: drops from state.
 */
export async function read(ctx: Context, id: string, props: ProjectInputs) {
  const client = ctx.refreshReads;
  const projects = await readAttached(client, props.workflowId, () => client.listProjects(props.workflowId));
  return projects?.some((p) => p.id === props.projectId) ? { id, props, inputs: props } : undefined;
}

/** `pulumi import` by `<workflowId>/<projectId>` (e.g. `1004/42`): the link, if the workflow is in the project. */
export async function importProject(ctx: Context, id: string) {
  const match = /^(\d+)\/(\d+)$/.exec(id);
  if (!match)
    throw new Error(`a WorkflowProject's id is <workflowId>/<projectId>, e.g. 1004/42, not ${JSON.stringify(id)}`);
  return read(ctx, id, { workflowId: Number(match[1]), projectId: Number(match[2]) });
}

// ---------------------------------------------------------------------------------------------
// update: none, every change replaces.

// ---------------------------------------------------------------------------------------------
// delete

/** Removes the workflow from the project; already removed (404) is success. */
export async function remove(ctx: Context, _id: string, props: ProjectInputs): Promise<string[]> {
  try {
    await ctx.client.removeFromProject(props.workflowId, props.projectId);
  } catch (e) {
    if (!(e instanceof CivisApiError && e.isGone)) throw e;
  }
  return [];
}

type Module = ResourceModule<ProjectInputs, ProjectInputs>;
const OPERATIONS = { check, diff, preview, create, read, remove };
export const WorkflowProject: Module = { fields: FIELDS, computed: [], ...OPERATIONS };
