/**
 * What reads can tell at the preview of a Workflow, before anything is written: whether a
 * workflow to take over or to clone can be used, what taking it over changes, the transfer an
 * `up` will make, and what a program that stops giving `git` leaves in Civis.
 */
import { isUnknown } from "../../core/unknown";
import type { Context } from "../resource";
import { workflowProblem, workflowStatus } from "../workflowStatus";
import { adoptionProblem, describeChanges, fixedFieldProblems } from "./adopt";
import { changedProperties, FIELDS, fieldsSetBy, fromWire, type WorkflowInputs } from "./fields";
import { previewTransfer } from "./owner";

/**
 * At the preview of a create with `adoptWorkflowId`: whether it can be taken over (problems),
 * and which fields the adoption will change (warnings, shown on the resource).
 */
export async function preview(ctx: Context, inputs: WorkflowInputs, olds?: Record<string, unknown>) {
  const reads = ctx.previewReads;
  // An update's olds are the inputs last recorded (the owner as refresh or up last saw it).
  if (olds) {
    const detached = olds.git && !inputs.git ? [GIT_STAYS] : [];
    if (typeof inputs.ownerId !== "number" || olds.ownerId === inputs.ownerId)
      return { problems: [], warnings: detached };
    const transfer = await previewTransfer(reads, typeof olds.ownerId === "number" ? olds.ownerId : undefined, inputs);
    return { problems: transfer.problems, warnings: [...detached, ...transfer.warnings] };
  }
  if (inputs.cloneFrom && !isUnknown(inputs.cloneFrom.workflowId)) {
    const source = await workflowStatus(reads, inputs.cloneFrom.workflowId);
    const problem = source.state === "gone" && workflowProblem(source, { property: "cloneFrom.workflowId" });
    if (problem) return { problems: [problem], warnings: [] };
  }
  if (typeof inputs.adoptWorkflowId !== "number") return previewTransfer(reads, "creating", inputs);
  const found = await adoptionProblem(reads, inputs.adoptWorkflowId);
  if ("problem" in found) return { problems: [found.problem], warnings: [] };
  const w = found.workflow;
  const differing = changedProperties(fromWire(w, inputs, fieldsSetBy(inputs)), inputs);
  const problems = fixedFieldProblems(w, inputs, differing);
  const changes = describeChanges(
    w,
    inputs,
    differing.filter((f) => !FIELDS[f].createOnly),
  );
  const transfer = await previewTransfer(reads, w.user.id, inputs);
  return {
    problems,
    warnings: [
      `takes over workflow ${w.id} (${JSON.stringify(w.name)}); ` +
        `${changes.length ? `it will change ${changes.join(", ")}` : "it already matches the program"}`,
      ...transfer.warnings,
    ],
  };
}

/** Said when a program stops giving `git`: the API has no request that detaches a file. */
const GIT_STAYS =
  "git: the workflow stays attached to its git file in Civis (the API cannot detach it), but runs the " +
  "program's definition from this up on; detach it in the web app if Civis should not pull the file";
