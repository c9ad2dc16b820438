import * as pulumi from "@pulumi/pulumi";
import { inputProblems, UNKNOWN, type ResourceKind } from "../../provider";

/**
 * Bad inputs, gathered from every resource of the program as it builds them, so that one preview
 * reports them all. The engine stops a preview at the first resource whose check fails, and may
 * check a good resource (and read the API for it) before a bad one. So every resource carries,
 * in `__problems`, a value that resolves once the program's synchronous part has run: every
 * problem found in the program by then, or nothing. The provider's check fails with that list,
 * whichever resource the engine checks first, before any request.
 */
const found: string[] = [];
let settled: Promise<string[] | undefined> | undefined;

function record(kind: string, name: string, problems: string[]): void {
  found.push(...problems.map((p) => `${kind} "${name}": ${p}`));
}

/** Every problem found once the current synchronous part of the program has run, or undefined. */
function problemsSoFar(): Promise<string[] | undefined> {
  return (settled ??= new Promise((resolve) =>
    setImmediate(() => {
      settled = undefined;
      resolve(found.length ? [...found] : undefined);
    }),
  ));
}

/** A component's own problems (e.g. a principal at two levels), reported with the rest. */
export function recordComponentProblems(kind: string, name: string, problems: string[]): void {
  record(kind, name, problems);
}

/** The `__problems` input of a resource (see above). */
export function problemsInput(
  kind: ResourceKind,
  name: string,
  props: pulumi.Inputs,
): pulumi.Input<string[] | undefined> {
  record(kind, name, [
    ...inputProblems(kind, known(props) as Record<string, unknown>),
    ...adoptionProblems(name, props.adoptWorkflowId),
  ]);
  return problemsSoFar();
}

/** Which resource of the program adopts each workflow id: one workflow, one resource. */
const adopters = new Map<number, string>();
function adoptionProblems(name: string, id: unknown): string[] {
  if (typeof id !== "number") return [];
  const other = adopters.get(id);
  if (other === undefined) {
    adopters.set(id, name);
    return [];
  }
  return [
    `adoptWorkflowId ${id} is adopted by Workflow "${other}" already; each workflow can be adopted by one resource`,
  ];
}

/**
 * The inputs as the engine would send them, every value not known yet (an Output, a Promise) as
 * the check's "unknown".
 */
function known(v: unknown): unknown {
  if (pulumi.Output.isInstance(v) || v instanceof Promise) return UNKNOWN;
  if (Array.isArray(v)) return v.map(known);
  // Keys left undefined (the outputs a resource declares) are not sent, as the engine would not.
  if (typeof v === "object" && v !== null)
    return Object.fromEntries(
      Object.entries(v)
        .filter(([, x]) => x !== undefined)
        .map(([k, x]) => [k, known(x)]),
    );
  return v;
}
