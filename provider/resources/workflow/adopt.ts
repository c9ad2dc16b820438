/**
 * Taking over a workflow a team already has (`adoptWorkflowId`): no POST, one GET, then one
 * PATCH with just the fields that differ from the program. At preview, the same GET says
 * whether it can be taken over and what will change.
 */
import type { CivisClient, WireWorkflow } from "../../client";
import { deepEqual, isPlainObject } from "../../core/values";
import { checkedWorkflow, usableWorkflow, type WorkflowUse } from "../workflowStatus";
import { FIELDS, fromWire, type FieldName, type WorkflowInputs } from "./fields";

/** Taking over a workflow needs it live and the API user at manage. */
const ADOPTING: WorkflowUse = { property: "adoptWorkflowId", managing: "adopting" };

/** The workflow to adopt; else an error that says why not (gone, archived, not the API user's to manage). */
export function adoptable(client: CivisClient, id: number): Promise<WireWorkflow> {
  return usableWorkflow(client, id, ADOPTING);
}

/** At preview: the workflow to adopt, or why it cannot be. */
export function adoptionProblem(client: CivisClient, id: number) {
  return checkedWorkflow(client, id, ADOPTING);
}

/** Fields fixed at creation that the program sets otherwise than the workflow has them: those cannot be adopted. */
export function fixedFieldProblems(w: WireWorkflow, inputs: WorkflowInputs, differing: FieldName[]): string[] {
  return differing
    .filter((f) => FIELDS[f].createOnly)
    .map(
      (f) =>
        `adoptWorkflowId ${w.id}: ${f} is fixed at creation and workflow ${w.id} has ` +
        `${JSON.stringify(fromWire(w, inputs, [f])[f] ?? null)}; set ${f} to that or leave it out`,
    );
}

/** What an adoption will change, said plainly: `schedule.scheduledHours: [4] => [5]`. */
export function describeChanges(w: WireWorkflow, inputs: WorkflowInputs, differing: FieldName[]): string[] {
  const live = fromWire(w, inputs, differing) as Record<string, unknown>;
  return differing.flatMap((f) => {
    const before = live[f];
    const after = (inputs as Record<string, unknown>)[f] ?? FIELDS[f].reset;
    if (f === "definition") return ["definition: its text changes"];
    if (isPlainObject(before) && isPlainObject(after)) {
      return Object.keys(after)
        .filter((k) => !deepEqual(before[k] ?? null, after[k] ?? null))
        .map((k) => `${f}.${k}: ${JSON.stringify(before[k] ?? null)} => ${JSON.stringify(after[k])}`);
    }
    return [`${f}: ${JSON.stringify(before ?? null)} => ${JSON.stringify(after)}`];
  });
}
