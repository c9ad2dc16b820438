import * as pulumi from "@pulumi/pulumi";
import { inputProblems, UNKNOWN, type ResourceKind } from "../provider";

/**
 * Bad inputs, gathered from every resource of the program as it builds them, so that one preview
 * reports them all. The engine stops a preview at the first resource whose check fails; so each
 * resource with problems (or whose component has some) carries, in `__problems`, every problem
 * found in the program, a list that resolves once the program's synchronous part has run. The
 * provider's check fails with that list, whichever of them the engine checks first.
 */
const found: string[] = [];
let all: Promise<string[]> | undefined;
const componentsWithProblems = new WeakSet<pulumi.Resource>();

function record(kind: string, name: string, problems: string[]): void {
  if (problems.length === 0) return;
  found.push(...problems.map((p) => `${kind} "${name}": ${p}`));
  all ??= new Promise((resolve) => setImmediate(() => resolve([...found])));
}

/** A component's own problems (e.g. a principal at two levels): its children carry them. */
export function recordComponentProblems(component: pulumi.ComponentResource, kind: string, name: string, problems: string[]): void {
  record(kind, name, problems);
  if (problems.length) componentsWithProblems.add(component);
}

/** The `__problems` input of a resource: undefined when neither it nor its component has any. */
export function problemsInput(kind: ResourceKind, name: string, props: pulumi.Inputs, opts?: pulumi.ResourceOptions): pulumi.Input<string[]> | undefined {
  const own = [...inputProblems(kind, known(props) as Record<string, unknown>), ...adoptionProblems(name, props.adoptWorkflowId)];
  record(kind, name, own);
  return own.length || (opts?.parent && componentsWithProblems.has(opts.parent)) ? all : undefined;
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
  return [`adoptWorkflowId ${id} is adopted by Workflow "${other}" already; each workflow can be adopted by one resource`];
}

/** The inputs as the engine would send them, every value not known yet (an Output, a Promise) as the check's "unknown". */
function known(v: unknown): unknown {
  if (pulumi.Output.isInstance(v) || v instanceof Promise) return UNKNOWN;
  if (Array.isArray(v)) return v.map(known);
  // Keys left undefined (the outputs a resource declares) are not sent, as the engine would not.
  if (typeof v === "object" && v !== null) return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).map(([k, x]) => [k, known(x)]));
  return v;
}
