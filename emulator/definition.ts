import { parse } from "yaml";

/**
 * What the platform says of a stored definition. Civis keeps definitions it cannot run and
 * reports the problems through `valid` / `validationErrors` instead of refusing the request.
 * This is the emulator's own reading of the rules in ../shared/civis-api/README.md ("The workflow
 * definition language"), written apart from the provider's checks so that each witnesses the
 * other: it only decides valid or not, and says briefly why.
 */
export function validateDefinition(text: string): { valid: boolean; validationErrors: string | null } {
  const errors = problemsOf(text);
  return { valid: errors.length === 0, validationErrors: errors.length ? errors.join("; ") : null };
}

const COMMANDS = ["succeed", "fail", "pause"];
type Map = Record<string, unknown>;
const isMap = (v: unknown): v is Map => typeof v === "object" && v !== null && !Array.isArray(v);

function problemsOf(text: string): string[] {
  if (text.trim() === "") return ["definition is empty"];
  if (/[\u0080-\uffff]/.test(text)) return ["definition must contain ASCII characters only"];
  let doc: unknown;
  try {
    doc = parse(text, { merge: true, maxAliasCount: 1000 });
  } catch (e) {
    return [`definition is not valid YAML: ${(e as Error).message.split("\n")[0]}`];
  }
  if (!isMap(doc)) return ["definition must be a YAML mapping"];
  const { version, ...workflows } = doc;
  const problems: string[] = [];
  // The platform takes the number 2 as well as the string "2.0".
  if (version !== "2.0" && version !== 2) problems.push(`version must be "2.0", got ${JSON.stringify(version)}`);
  const names = Object.keys(workflows);
  if (names.length !== 1) return [...problems, `definition must hold exactly one workflow, found ${names.length}`];
  const wf = workflows[names[0]];
  if (!isMap(wf) || !isMap(wf.tasks) || Object.keys(wf.tasks).length === 0) {
    return [...problems, `workflow ${names[0]}: tasks must be a non-empty mapping`];
  }
  const reverse = wf.type === "reverse";
  if (wf.type !== undefined && wf.type !== "direct" && !reverse)
    problems.push(`workflow ${names[0]}: type must be direct or reverse`);
  const tasks = wf.tasks;
  for (const [name, task] of Object.entries(tasks)) {
    if (!isMap(task) || typeof task.action !== "string" || !task.action.trim()) {
      problems.push(`task ${name}: action is required`);
      continue;
    }
    if (task.requires !== undefined && !reverse)
      problems.push(`task ${name}: requires is only allowed in reverse workflows`);
    for (const key of ["on-success", "on-error", "on-complete", "requires"]) {
      for (const target of targetsOf(task[key])) {
        const allowed =
          key === "requires" ? target in tasks : (target in tasks || COMMANDS.includes(target)) && target !== name;
        if (!allowed)
          problems.push(
            `task ${name}: ${key} names ${target === name ? "the task itself" : `undefined task ${target}`}`,
          );
      }
    }
  }
  return problems;
}

/** The names a transition points at: a name, a list of names, or one-key {name: condition} maps. */
function targetsOf(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map(
    (entry) =>
      String(isMap(entry) ? Object.keys(entry)[0] : entry)
        .trim()
        .split(/\s+/)[0],
  );
}

/** The job ids a definition's tasks run (`input.job_id`), in task order, each once; none if it does not parse. */
export function jobIdsOf(text: string): number[] {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch {
    return [];
  }
  const ids: number[] = [];
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;
  if (!isObject(doc)) return [];
  for (const [key, wf] of Object.entries(doc)) {
    if (key === "version" || !isObject(wf) || !isObject(wf.tasks)) continue;
    for (const task of Object.values(wf.tasks)) {
      const id = isObject(task) && isObject(task.input) ? task.input.job_id : undefined;
      if (typeof id === "number" && !ids.includes(id)) ids.push(id);
    }
  }
  return ids;
}
