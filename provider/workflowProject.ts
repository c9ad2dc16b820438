import type { CivisClient } from "./client";
import { CivisApiError } from "./client";
import { checkInteger, checkKnownKeys, type Failures } from "./checks";
import { readAttached } from "./parentWorkflow";
import { isUnknown } from "./unknown";

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

export function check(news: Record<string, unknown>): { inputs: Record<string, unknown>; failures: Failures; warnings: string[] } {
  const failures: Failures = [];
  checkKnownKeys(news, INPUTS, "", failures);
  for (const k of INPUTS) if (!isUnknown(news[k])) checkInteger(news[k], k, failures);
  return { inputs: news, failures, warnings: [] };
}

// ---------------------------------------------------------------------------------------------
// diff

export function diff(olds: Partial<ProjectInputs>, news: ProjectInputs) {
  const replaces = INPUTS.filter((k) => isUnknown(news[k]) || olds[k] !== news[k]);
  return { changes: replaces.length > 0, replaces: [...replaces], deleteBeforeReplace: false };
}

// ---------------------------------------------------------------------------------------------
// create

export async function create(client: CivisClient, inputs: ProjectInputs) {
  await client.addToProject(inputs.workflowId, inputs.projectId);
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
  return projects?.some((p) => p.id === props.projectId) ? { id, props } : { id: "", props: {} };
}

// ---------------------------------------------------------------------------------------------
// update: none, every change replaces.

// ---------------------------------------------------------------------------------------------
// delete

/** Removes the workflow from the project; already removed (404) is success. */
export async function remove(client: CivisClient, _id: string, props: ProjectInputs): Promise<void> {
  try {
    await client.removeFromProject(props.workflowId, props.projectId);
  } catch (e) {
    if (e instanceof CivisApiError && e.isGone) return;
    throw e;
  }
}
