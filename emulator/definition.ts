import { parse } from "yaml";

const ENGINE_COMMANDS = new Set(["succeed", "fail", "pause"]);
const TRANSITIONS = ["on-success", "on-error", "on-complete"] as const;

/**
 * What the platform says of a stored definition: Civis keeps definitions it cannot run and
 * reports the problems through `valid` / `validationErrors` instead of refusing the request.
 */
export function validateDefinition(text: string): { valid: boolean; validationErrors: string | null } {
  const errors = definitionErrors(text);
  return errors.length === 0
    ? { valid: true, validationErrors: null }
    : { valid: false, validationErrors: errors.join("; ") };
}

function definitionErrors(text: string): string[] {
  if (text.trim() === "") return ["definition is empty"];
  if (/[^\x00-\x7f]/.test(text)) return ["definition must contain ASCII characters only"];
  let doc: unknown;
  try {
    doc = parse(text, { merge: true, maxAliasCount: 1000 });
  } catch (e) {
    return [`definition is not valid YAML: ${(e as Error).message.split("\n")[0]}`];
  }
  if (!isMap(doc)) return ["definition must be a YAML mapping"];
  const errors: string[] = [];
  // The platform accepts the number 2 as well as the string "2.0".
  if (doc.version !== "2.0" && doc.version !== 2 && doc.version !== 2.0) {
    errors.push(`version must be "2.0", got ${JSON.stringify(doc.version)}`);
  }
  const workflows = Object.keys(doc).filter((k) => k !== "version");
  if (workflows.length !== 1) {
    errors.push(`definition must hold exactly one workflow, found ${workflows.length}`);
    return errors;
  }
  const name = workflows[0];
  const wf = doc[name];
  if (!isMap(wf)) return [...errors, `workflow ${name} must be a mapping`];
  const type = wf.type ?? "direct";
  if (type !== "direct" && type !== "reverse") errors.push(`workflow ${name}: type must be direct or reverse`);
  if (!isMap(wf.tasks) || Object.keys(wf.tasks).length === 0) {
    return [...errors, `workflow ${name}: tasks must be a non-empty mapping`];
  }
  const taskNames = new Set(Object.keys(wf.tasks));
  for (const [taskName, task] of Object.entries(wf.tasks)) {
    if (!isMap(task)) {
      errors.push(`task ${taskName} must be a mapping`);
      continue;
    }
    if (typeof task.action !== "string" || task.action.trim() === "") errors.push(`task ${taskName}: action is required`);
    for (const kind of TRANSITIONS) {
      for (const target of transitionTargets(task[kind])) {
        if (target === null) errors.push(`task ${taskName}: ${kind} is malformed`);
        else if (target === taskName) errors.push(`task ${taskName}: ${kind} transitions to itself`);
        else if (!taskNames.has(target) && !ENGINE_COMMANDS.has(target)) {
          errors.push(`task ${taskName}: ${kind} names undefined task ${target}`);
        }
      }
    }
    if (task.requires !== undefined) {
      if (type !== "reverse") errors.push(`task ${taskName}: requires is only allowed in reverse workflows`);
      for (const target of transitionTargets(task.requires)) {
        if (target === null || !taskNames.has(target)) errors.push(`task ${taskName}: requires names undefined task ${String(target)}`);
      }
    }
  }
  return errors;
}

/** The task names a transition value points at; null for an entry that is not a name. */
function transitionTargets(value: unknown): Array<string | null> {
  if (value === undefined || value === null) return [];
  const entries = Array.isArray(value) ? value : [value];
  return entries.map((entry) => {
    if (typeof entry === "string") return entry.trim().split(/\s+/)[0];
    if (isMap(entry) && Object.keys(entry).length === 1) return Object.keys(entry)[0].trim().split(/\s+/)[0];
    return null;
  });
}

function isMap(v: unknown): v is Record<string, any> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
