/** The WorkflowProject resource: a workflow's membership of one project. */
import type { CivisClient } from "../client";
import { CivisApiError } from "../client";
import { checkInteger, checkKnownKeys, type Failures } from "../core/checks";
import { readAttached, referencedWorkflowProblems } from "./workflowStatus";
import type { ResourceModule } from "./resource";
import { isUnknown } from "../core/unknown";

// ---------------------------------------------------------------------------------------------
// Types

/** A workflow's membership of one project. Both ids are fixed: any change replaces. */
export interface ProjectInputs {
  workflowId: number;
  projectId: number;
}
const INPUTS = ["workflowId", "projectId"] as const;

// ---------------------------------------------------------------------------------------------
// check

export function check(news: Record<string, unknown>) {
  const failures: Failures = [];
  checkKnownKeys(news, INPUTS, "", failures);
  for (const k of INPUTS) if (!isUnknown(news[k])) checkInteger(news[k], k, failures);
  return { inputs: news as unknown as ProjectInputs, failures, warnings: [] as string[] };
}

// ---------------------------------------------------------------------------------------------
// diff

export function diff(olds: Partial<ProjectInputs>, news: ProjectInputs) {
  const changes: string[] = INPUTS.filter((k) => isUnknown(news[k]) || olds[k] !== news[k]);
  return { changes, replaces: changes };
}

// ---------------------------------------------------------------------------------------------
// create

/** One PUT; on a workflow this run adopted, a GET first, and no PUT if the link is there already. */
export async function create(client: CivisClient, inputs: ProjectInputs, _config?: unknown, adopted: (workflowId: number) => boolean = () => false) {
  const there = adopted(inputs.workflowId) && (await client.listProjects(inputs.workflowId)).some((p) => p.id === inputs.projectId);
  if (!there) await client.addToProject(inputs.workflowId, inputs.projectId);
  return { id: `${inputs.workflowId}/${inputs.projectId}`, outs: { workflowId: inputs.workflowId, projectId: inputs.projectId } };
}

// ---------------------------------------------------------------------------------------------
// read

/**
 * One GET of the workflow's projects (with the workflow's own GET, which a refresh shares with
 * the Workflow resource). Removed out of band, or the workflow gone or archived: drops from state.
 */
export async function read(client: CivisClient, id: string, props: ProjectInputs) {
  const projects = await readAttached(client, props.workflowId, () => client.listProjects(props.workflowId));
  return projects?.some((p) => p.id === props.projectId) ? { id, props, inputs: props } : undefined;
}

// ---------------------------------------------------------------------------------------------
// update: none, every change replaces.

// ---------------------------------------------------------------------------------------------
// delete

/** Removes the workflow from the project; already removed (404) is success. */
export async function remove(client: CivisClient, _id: string, props: ProjectInputs): Promise<string[]> {
  try {
    await client.removeFromProject(props.workflowId, props.projectId);
  } catch (e) {
    if (!(e instanceof CivisApiError && e.isGone)) throw e;
  }
  return [];
}

/** At the preview of a create: the workflow it names exists and is not archived. */
export const preflight = async (client: CivisClient, inputs: ProjectInputs, knownLive: (workflowId: number) => boolean) =>
  ({ problems: await referencedWorkflowProblems(client, inputs.workflowId, knownLive), warnings: [] as string[] });

export const WorkflowProject: ResourceModule<ProjectInputs, ProjectInputs> = { check, preflight, diff, create, read, remove };
