/**
 * A definition as a graph a reviewer reads: its tasks (name and action) and its transitions by
 * kind (`on-success`, `on-error`, `on-complete`, and a reverse workflow's `requires`), and what
 * changed between two definitions: tasks and transitions added, removed, and tasks whose body
 * changed. Pure: the review command and `pulumi-civis graph` draw from it.
 */
import { definitionData, TRANSITIONS, transitionTargets } from "./definition";
import { isPlainObject } from "./values";
import { deepEqual } from "./values";

export type EdgeKind = (typeof TRANSITIONS)[number] | "requires";

export interface TaskNode {
  name: string;
  action: string;
  /** The task as written, but its transitions: what "changed" compares. */
  body: Record<string, unknown>;
}

export interface TaskEdge {
  from: string;
  /** A task, or the engine's `succeed`, `fail` or `pause`. */
  to: string;
  kind: EdgeKind;
}

export interface TaskGraph {
  workflow: string;
  tasks: TaskNode[];
  edges: TaskEdge[];
}

/** The graph of a definition's YAML text, or undefined when it cannot be read as one. */
export function taskGraph(text: string): TaskGraph | undefined {
  let root: unknown;
  try {
    root = definitionData(text);
  } catch {
    return undefined;
  }
  if (!isPlainObject(root)) return undefined;
  const [workflow] = Object.keys(root).filter((k) => k !== "version");
  const wf = workflow === undefined ? undefined : root[workflow];
  if (!isPlainObject(wf) || !isPlainObject(wf.tasks)) return undefined;
  const tasks: TaskNode[] = [];
  const edges: TaskEdge[] = [];
  for (const [name, task] of Object.entries(wf.tasks)) {
    const t = isPlainObject(task) ? task : {};
    const body = Object.fromEntries(
      Object.entries(t).filter(([k]) => !(TRANSITIONS as readonly string[]).includes(k) && k !== "requires"),
    );
    tasks.push({ name, action: typeof t.action === "string" ? t.action.trim().split(/\s+/)[0] : "", body });
    for (const kind of [...TRANSITIONS, "requires"] as const)
      for (const to of transitionTargets(t[kind]))
        if (to !== null) edges.push(kind === "requires" ? { from: to, to: name, kind } : { from: name, to, kind });
  }
  return { workflow, tasks, edges };
}

export type Change = "added" | "removed" | "changed" | "same";

export interface GraphDiff {
  workflow: string;
  tasks: Array<TaskNode & { change: Change }>;
  edges: Array<TaskEdge & { change: Exclude<Change, "changed"> }>;
}

const edgeKey = (e: TaskEdge) => `${e.from}\u0000${e.to}\u0000${e.kind}`;

/**
 * Before and after as one graph: every task and transition of either, each marked added,
 * removed, changed (a task whose body differs) or the same. A graph absent on one side (a
 * workflow created or archived) makes everything added or removed.
 */
export function diffGraphs(before: TaskGraph | undefined, after: TaskGraph | undefined): GraphDiff {
  const old = new Map((before?.tasks ?? []).map((t) => [t.name, t]));
  const now = new Map((after?.tasks ?? []).map((t) => [t.name, t]));
  const tasks: GraphDiff["tasks"] = [
    ...(after?.tasks ?? []).map((t) => {
      const was = old.get(t.name);
      const change: Change = !was ? "added" : deepEqual(was.body, t.body) ? "same" : "changed";
      return { ...t, change };
    }),
    ...(before?.tasks ?? []).filter((t) => !now.has(t.name)).map((t) => ({ ...t, change: "removed" as const })),
  ];
  const oldEdges = new Set((before?.edges ?? []).map(edgeKey));
  const newEdges = new Set((after?.edges ?? []).map(edgeKey));
  const edges: GraphDiff["edges"] = [
    ...(after?.edges ?? []).map((e) => ({
      ...e,
      change: oldEdges.has(edgeKey(e)) ? ("same" as const) : ("added" as const),
    })),
    ...(before?.edges ?? [])
      .filter((e) => !newEdges.has(edgeKey(e)))
      .map((e) => ({ ...e, change: "removed" as const })),
  ];
  return { workflow: after?.workflow ?? before?.workflow ?? "", tasks, edges };
}
