/**
 * `pulumi import` of a workflow, by its id: the engine sends only the id and needs the inputs of
 * a program that keeps the workflow as Civis has it. That is its name and every field Civis
 * answers that differs from what Civis has when it is not set (an object field as its differing
 * parts), as `pulumi-civis import` writes them; state keeps just those, like a read.
 */
import type { Context } from "../resource";
import { ANSWERED, COMPUTED, FIELDS, programValues, type AnsweredValues, type WorkflowOutputs } from "./fields";
import { read } from "./resource";

export async function importWorkflow(ctx: Context, id: string) {
  if (!/^\d+$/.test(id))
    throw new Error(`a Workflow's id is the Civis workflow id, e.g. 1004, not ${JSON.stringify(id)}`);
  // Every answered field set, so that the read keeps each as Civis has it.
  const every = Object.fromEntries(ANSWERED.map((f) => [f, FIELDS[f].reset ?? ""])) as unknown as WorkflowOutputs;
  const found = await read(ctx, id, every);
  if (!found) return undefined;
  const live = found.props as WorkflowOutputs & AnsweredValues;
  const inputs: Record<string, unknown> = { name: live.name, ...Object.fromEntries(programValues(live)) };
  const kept = (k: string) => k in inputs || (COMPUTED as readonly string[]).includes(k);
  const props = Object.fromEntries(Object.entries(found.props).filter(([k]) => kept(k)));
  return { id, props, inputs };
}
