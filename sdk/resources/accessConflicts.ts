import * as pulumi from "@pulumi/pulumi";

/**
 * A `WorkflowShare` (adds its principals) and a `WorkflowAccess` (revokes anyone it does not
 * list) on the same workflow undo each other on every `up`. The program says so at preview, as
 * a warning on the later resource. A workflow is recognised by the Output passed (e.g. the same
 * `workflow.workflowId`, known or not) and by its id once known.
 */
type AccessResourceKind = "WorkflowShare" | "WorkflowAccess";
const targets = new Map<unknown, Array<{ kind: AccessResourceKind; name: string }>>();
const warned = new Set<string>();

export function noteAccessTarget(
  kind: AccessResourceKind,
  name: string,
  resource: pulumi.Resource,
  workflowId: pulumi.Input<number>,
): void {
  if (pulumi.Output.isInstance(workflowId)) note(workflowId, kind, name, resource);
  pulumi.output(workflowId).apply((id) => {
    if (typeof id === "number") note(id, kind, name, resource);
  });
}

function note(key: unknown, kind: AccessResourceKind, name: string, resource: pulumi.Resource): void {
  const seen = targets.get(key) ?? [];
  targets.set(key, seen);
  for (const other of seen.filter((t) => t.kind !== kind)) {
    const [share, access] = kind === "WorkflowShare" ? [name, other.name] : [other.name, name];
    if (warned.has(`${share}\0${access}`)) continue;
    warned.add(`${share}\0${access}`);
    void pulumi.log.warn(
      `WorkflowShare "${share}" and WorkflowAccess "${access}" manage the same workflow: ` +
        "the access list revokes whoever it does not list, and the share grants them again, on every up. " +
        "Use one: put the share's principals in the WorkflowAccess (it owns the whole list), " +
        "or drop the WorkflowAccess and keep WorkflowShares (they add to access managed elsewhere).",
      resource,
    );
  }
  seen.push({ kind, name });
}
