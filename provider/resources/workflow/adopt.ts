/**
 * Taking over a workflow a team already has (`adoptWorkflowId`): no POST, one GET, then one
 * PATCH with just the fields that differ from the program. At preview, the same GET says
 * whether it can be taken over and what will change.
 */
import { CivisApiError, isArchived, type CivisClient, type WireWorkflow } from "../../client";
import { FIELDS, fromWire, type FieldName, type WorkflowInputs } from "./fields";
import { deepEqual, isPlainObject } from "../../core/values";

/** The workflow to adopt, or why it cannot be: gone, archived, or not the API user's to manage. */
export async function adoptable(client: CivisClient, id: number): Promise<{ workflow: WireWorkflow } | { problem: string }> {
  let w: WireWorkflow;
  try {
    w = await client.getWorkflow(id);
  } catch (e) {
    if (e instanceof CivisApiError && e.isGone) return { problem: `adoptWorkflowId ${id}: no such workflow, or the API user cannot see it; check the id` };
    throw e;
  }
  if (isArchived(w)) return { problem: `adoptWorkflowId ${id}: workflow ${id} is archived; restore it in Civis, or leave adoptWorkflowId out to create a new one` };
  if (w.myPermissionLevel !== "manage") {
    return { problem: `adoptWorkflowId ${id}: the API user has ${w.myPermissionLevel} permission on workflow ${id}; adopting needs manage (ask its owner to share it at manage)` };
  }
  return { workflow: w };
}

/** Fields fixed at creation that the program sets otherwise than the workflow has them: those cannot be adopted. */
export function fixedFieldProblems(w: WireWorkflow, inputs: WorkflowInputs, differing: FieldName[]): string[] {
  return differing.filter((f) => FIELDS[f].createOnly).map((f) =>
    `adoptWorkflowId ${w.id}: ${f} is fixed at creation and workflow ${w.id} has ${JSON.stringify(fromWire(w, inputs, [f])[f] ?? null)}; set ${f} to that or leave it out`);
}

/** What an adoption will change, said plainly: `schedule.scheduledHours: [4] => [5]`. */
export function describeChanges(w: WireWorkflow, inputs: WorkflowInputs, differing: FieldName[]): string[] {
  const live = fromWire(w, inputs, differing) as Record<string, unknown>;
  return differing.flatMap((f) => {
    const before = live[f];
    const after = (inputs as Record<string, unknown>)[f] ?? FIELDS[f].reset;
    if (f === "definition") return ["definition: its text changes"];
    if (isPlainObject(before) && isPlainObject(after)) {
      return Object.keys(after).filter((k) => !deepEqual(before[k] ?? null, after[k] ?? null))
        .map((k) => `${f}.${k}: ${JSON.stringify(before[k] ?? null)} => ${JSON.stringify(after[k])}`);
    }
    return [`${f}: ${JSON.stringify(before ?? null)} => ${JSON.stringify(after)}`];
  });
}
