import type * as Yaml from "yaml";
import { isUnknown } from "./unknown";
import { deepEqual, isPlainObject } from "./values";

/**
 * Workflow definitions: YAML text in, canonical comparison and Mistral v2 validation out.
 * The only provider module that uses `yaml`, which it loads on first use (Node keeps it after),
 * so importing the package does not pay for it.
 */
function yaml(): typeof Yaml {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use (see above)
  return require("yaml") as typeof Yaml;
}

/** The engine's own words a transition may name instead of a task. */
export const ENGINE_COMMANDS = new Set(["succeed", "fail", "pause"]);
/** The kinds of transition a task may have, in the order a reader meets them. */
export const TRANSITIONS = ["on-success", "on-error", "on-complete"] as const;

/** Actions the Civis workflow engine is known to run; anything else gets a warning, not an error. */
export const KNOWN_ACTIONS = new Set([
  "civis.run_job",
  "civis.workflows.execute",
  "civis.scripts.python3",
  "civis.scripts.r",
  "civis.scripts.sql",
  "civis.scripts.javascript",
  "civis.scripts.container",
  "civis.scripts.dbt",
  "civis.scripts.custom",
  "civis.import",
  "civis.enhancements.cass_ncoa",
  "std.noop",
  "std.echo",
  "std.fail",
  "std.async_noop",
]);

/**
 * The YAML text of a definition given as text or as a typed object. Objects are written the same
 * way every time: `version` first, then the object's own key order, two-space indent, no line
 * folding, so the same object always gives the same text.
 */
export function definitionText(value: unknown): string {
  if (typeof value === "string") return value;
  const obj = { ...(value as Record<string, unknown>) };
  const ordered = "version" in obj ? { version: obj.version, ...obj } : obj;
  return yaml().stringify(ordered, { indent: 2, lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false });
}

/** The data a definition means, anchors and merge keys resolved; undefined when it is not YAML. */
export function definitionData(text: string): unknown {
  try {
    return yaml().parse(text, { merge: true, maxAliasCount: 10_000 });
  } catch {
    return undefined;
  }
}

/** Two definitions are the same when they mean the same data: formatting, key order and comments do not count. */
export function sameDefinition(a: string | undefined, b: string | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  const da = definitionData(a);
  const db = definitionData(b);
  if (da === undefined || db === undefined) return false;
  return deepEqual(da, db);
}

export interface DefinitionProblems {
  errors: string[];
  warnings: string[];
}

/**
 * Mistral v2 as Civis runs it: the rules of `../shared/civis-api/README.md`, with the fix in each
 * message. A value not known yet (an object definition with another resource's output in it) is
 * skipped; the task names, transitions and actions around it are checked.
 */
export function checkDefinition(text: string): DefinitionProblems {
  const errors: string[] = [];
  const warnings: string[] = [];
  const nonAscii = /[\u0080-\uffff]/.exec(text);
  if (nonAscii) {
    const line = text.slice(0, nonAscii.index).split("\n").length;
    errors.push(
      `contains the non-ASCII character ${JSON.stringify(nonAscii[0])} on line ${line}; Civis accepts ASCII only`,
    );
  }
  const doc = yaml().parseDocument(text, { merge: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    return { errors: [`is not valid YAML: ${e.message.split("\n")[0]}`], warnings };
  }
  const root = doc.toJS({ maxAliasCount: 10_000 }) as unknown;
  if (!isPlainObject(root))
    return { errors: ['must be a YAML mapping with `version: "2.0"` and one workflow'], warnings };
  if (root.version !== "2.0" && root.version !== 2 && !isUnknown(root.version)) {
    errors.push(
      `version must be "2.0" (got ${JSON.stringify(root.version ?? null)}); add \`version: "2.0"\` at the top`,
    );
  }
  const names = Object.keys(root).filter((k) => k !== "version");
  if (names.length !== 1) {
    errors.push(
      `must hold exactly one workflow under its name, found ` +
        `${names.length}${names.length ? ` (${names.join(", ")})` : ""}`,
    );
    return { errors, warnings };
  }
  const wfName = names[0];
  const wf = root[wfName];
  const at = (p: string) => `${wfName}.${p}`;
  if (isUnknown(wf) || (isPlainObject(wf) && isUnknown(wf.tasks))) return { errors, warnings };
  if (!isPlainObject(wf))
    return { errors: [...errors, `${wfName} must be a mapping with a \`tasks\` mapping`], warnings };
  const type = isUnknown(wf.type) ? "direct" : (wf.type ?? "direct");
  if (type !== "direct" && type !== "reverse")
    errors.push(`${at("type")} must be "direct" or "reverse", got ${JSON.stringify(type)}`);
  if (!isPlainObject(wf.tasks) || Object.keys(wf.tasks).length === 0) {
    errors.push(`${at("tasks")} is required: a mapping of task name to task, each with an \`action\``);
    return { errors, warnings };
  }
  const taskNames = new Set(Object.keys(wf.tasks));
  for (const [taskName, task] of Object.entries(wf.tasks)) {
    const t = (p: string) => at(`tasks.${taskName}${p ? `.${p}` : ""}`);
    if (isUnknown(task)) continue;
    if (!isPlainObject(task)) {
      errors.push(`${t("")} must be a mapping with an \`action\``);
      continue;
    }
    if (isUnknown(task.action)) {
      // known at `up`
    } else if (typeof task.action !== "string" || task.action.trim() === "") {
      errors.push(`${t("action")} is required, e.g. \`action: civis.run_job\``);
    } else {
      const action = task.action.trim().split(/\s+/)[0];
      if (!KNOWN_ACTIONS.has(action))
        warnings.push(`${t("action")} ${JSON.stringify(action)} is not an action Civis is known to run`);
    }
    for (const kind of TRANSITIONS) {
      for (const target of transitionTargets(task[kind])) {
        if (isUnknown(target)) continue;
        if (target === null) {
          errors.push(
            `${t(kind)} must be a task name, a list of task names, or a list of one-key {task: condition} maps`,
          );
        } else if (target === taskName) {
          errors.push(`${t(kind)} transitions to the task itself; name another task, or use retry for repetition`);
        } else if (!taskNames.has(target) && !ENGINE_COMMANDS.has(target)) {
          errors.push(
            `${t(kind)} names ${JSON.stringify(target)}, which is not a task of ${wfName}; define it or use ` +
              `succeed, fail or pause`,
          );
        }
      }
    }
    if (task.requires !== undefined) {
      if (type !== "reverse" && !isUnknown(wf.type))
        errors.push(`${t("requires")} is only allowed when ${at("type")} is "reverse"`);
      for (const target of transitionTargets(task.requires)) {
        if (isUnknown(target)) continue;
        if (target === null || !taskNames.has(target)) {
          errors.push(`${t("requires")} names ${JSON.stringify(target)}, which is not a task of ${wfName}`);
        }
      }
    }
  }
  return { errors, warnings };
}

/** The tasks (or engine commands) a transition names; null for an entry of no known form. */
export function transitionTargets(value: unknown): Array<string | null> {
  if (value === undefined || value === null) return [];
  const entries = Array.isArray(value) ? value : [value];
  return entries.map((entry) => {
    if (typeof entry === "string") return entry.trim().split(/\s+/)[0];
    if (isPlainObject(entry) && Object.keys(entry).length === 1) return Object.keys(entry)[0].trim().split(/\s+/)[0];
    return null;
  });
}

/** A definition's task names, or undefined when it cannot be read (its own check says why). */
export function taskNames(text: string): string[] | undefined {
  const data = definitionData(text);
  const flow = isPlainObject(data) ? Object.entries(data).find(([k]) => k !== "version")?.[1] : undefined;
  return isPlainObject(flow) && isPlainObject(flow.tasks) ? Object.keys(flow.tasks) : undefined;
}

/**
 * What a run names that is not one of `tasks` (its `targetTask`, its `includedTasks`), each said
 * with its property (after `prefix`) and where the tasks are (`of`, e.g. "workflow 12").
 */
export function unknownTasks(
  tasks: readonly string[],
  run: { targetTask?: unknown; includedTasks?: unknown },
  prefix: string,
  of: string,
): string[] {
  const named: Array<[string, unknown]> = [
    ["targetTask", run.targetTask],
    ...(Array.isArray(run.includedTasks) ? run.includedTasks : []).map((t: unknown, i): [string, unknown] => [
      `includedTasks[${i}]`,
      t,
    ]),
  ];
  return named
    .filter(([, t]) => typeof t === "string" && !tasks.includes(t))
    .map(
      ([p, t]) =>
        `${prefix}${p} names ${JSON.stringify(t)}, which is not a task of ${of}; its tasks: ${tasks.join(", ")}`,
    );
}
