/**
 * `pulumi-civis review`: a preview's JSON (`pulumi preview --json`) as one Markdown document a CI
 * job posts on a pull request. Per workflow created, changed or archived, its task graph before
 * and after in one Mermaid chart and its schedule in words; who gains or loses access to which
 * workflow; runs `up` will start; the preview's diagnostics under their resources; a summary on
 * top. It reads only the JSON: no key, no request. Either provider's resources (the dynamic
 * TypeScript SDK's or the native plugin's) read the same.
 */
import { diffGraphs, PERMISSION_LEVELS, taskGraph, UNKNOWN, type Schedule } from "../../provider";
import { mermaidFlowchart } from "./mermaid";
import { list, scheduleSentence } from "./words";

type Props = Record<string, unknown>;
interface State {
  type?: string;
  inputs?: Props;
  outputs?: Props;
}
interface Step {
  op: string;
  urn: string;
  oldState?: State;
  newState?: State;
  diffReasons?: string[];
}
export interface PreviewJson {
  steps?: Step[];
  diagnostics?: Array<{ urn?: string; message?: string; severity?: string }>;
  changeSummary?: Record<string, number>;
}

const OPS: Record<string, [string, string]> = {
  create: ["+", "created"],
  update: ["~", "changed"],
  replace: ["+-", "replaced"],
  "create-replacement": ["+-", "replaced"],
  delete: ["-", "archived"],
};
const SUMMARY = ["create", "update", "replace", "delete", "same"];

/** The resource kind of a step of either provider, or undefined for another package's. */
function kindOf(step: Step): string | undefined {
  const type = step.newState?.type ?? step.oldState?.type ?? "";
  return /^(?:pulumi-nodejs:dynamic\/civis:|civis:index:)(\w+)$/.exec(type)?.[1];
}

const nameOf = (urn: string) => urn.split("::").pop() ?? urn;
const ids = (v: unknown) => (Array.isArray(v) ? v.map(Number) : []);
const text = (v: unknown) => (typeof v === "string" ? v : undefined);

export function reviewMarkdown(preview: PreviewJson): string {
  const steps = (preview.steps ?? []).filter((s) => kindOf(s) && OPS[s.op]);
  const summary = SUMMARY.filter((op) => preview.changeSummary?.[op])
    .map((op) => `${preview.changeSummary![op]} ${op === "same" ? "unchanged" : `to ${op}`}`)
    .join(", ");
  const out = ["# Civis changes", "", summary ? `${summary}.` : "No change.", ""];
  // Workflows by id, so access and runs can name the workflow they are on.
  const workflowNames = new Map<number, string>();
  for (const s of preview.steps ?? [])
    if (kindOf(s) === "Workflow") {
      const id = Number(s.oldState?.outputs?.workflowId ?? s.newState?.outputs?.workflowId);
      const name = text(s.newState?.inputs?.name) ?? text(s.oldState?.inputs?.name);
      if (id && name) workflowNames.set(id, name);
    }
  const workflow = (id: unknown) =>
    id === UNKNOWN
      ? "a workflow this `up` creates"
      : workflowNames.has(Number(id))
        ? `\`${workflowNames.get(Number(id))}\``
        : `workflow ${String(id)}`;
  for (const s of steps.filter((x) => kindOf(x) === "Workflow")) out.push(...workflowSection(s));
  const access = steps.flatMap((s) => accessLines(s, workflow));
  if (access.length) out.push("## Access", "", ...access.map((l) => `- ${l}`), "");
  const runs = steps.filter((s) => kindOf(s) === "WorkflowExecution" && s.op !== "delete");
  if (runs.length)
    out.push(
      "## Runs",
      "",
      ...runs.map((s) => `- \`up\` starts a run of ${workflow(s.newState?.inputs?.workflowId)}`),
      "",
    );
  const diagnostics = (preview.diagnostics ?? []).filter((d) => d.message && d.severity !== "debug");
  if (diagnostics.length)
    out.push(
      "## Errors and warnings",
      "",
      ...diagnostics.map((d) => `- **${d.severity}** ${d.urn ? `\`${nameOf(d.urn)}\`: ` : ""}${d.message!.trim()}`),
      "",
    );
  return `${out.join("\n").trimEnd()}\n`;
}

function workflowSection(s: Step): string[] {
  const [mark, done] = OPS[s.op];
  const before = s.oldState?.inputs ?? {};
  const after = s.op === "delete" ? {} : (s.newState?.inputs ?? {});
  const name = text(after.name) ?? text(before.name) ?? nameOf(s.urn);
  const lines = [`## ${mark} Workflow \`${name}\` (${done})`, ""];
  const changed = s.op === "update" ? (s.diffReasons ?? []) : Object.keys({ ...before, ...after });
  const oldDef = text(before.definition);
  const newDef = text(after.definition);
  if (changed.includes("definition") && (oldDef || newDef)) {
    const diff = diffGraphs(oldDef ? taskGraph(oldDef) : undefined, newDef ? taskGraph(newDef) : undefined);
    lines.push("```mermaid", mermaidFlowchart(diff).trimEnd(), "```", "");
  }
  if (changed.includes("schedule") || changed.includes("timeZone")) {
    const words = (p: Props) => scheduleSentence(p.schedule as Partial<Schedule> | undefined, text(p.timeZone));
    const was = words(before);
    const now = words(after);
    lines.push(s.op === "update" && was !== now ? `Schedule: ${was} → **${now}**` : `Schedule: ${now}`, "");
  }
  if (changed.includes("ownerId") && after.ownerId !== undefined) {
    const was = typeof before.ownerId === "number" ? `user ${before.ownerId}` : "as it is";
    lines.push(`Owner: ${was} → user ${Number(after.ownerId)}`, "");
  }
  const rest = changed.filter((k) => !["definition", "schedule", "timeZone", "ownerId", "name"].includes(k));
  if (s.op === "update" && before.name !== after.name) rest.unshift("name");
  if (rest.length) lines.push(`Also: ${list(rest.map((k) => `\`${k}\``))}.`, "");
  return lines;
}

/** Who gains, loses or changes level, from a share's or an access list's inputs before and after. */
function accessLines(s: Step, workflow: (id: unknown) => string): string[] {
  const kind = kindOf(s);
  const before = s.oldState?.inputs ?? {};
  const after = s.op === "delete" ? {} : (s.newState?.inputs ?? {});
  const on = workflow(after.workflowId ?? before.workflowId);
  const levels = (p: Props) => {
    const held = new Map<string, string>();
    if (kind === "WorkflowShare" && typeof p.permissionLevel === "string") {
      for (const u of ids(p.userIds)) held.set(`user ${u}`, p.permissionLevel);
      for (const g of ids(p.groupIds)) held.set(`group ${g}`, p.permissionLevel);
    } else if (kind === "WorkflowAccess") {
      for (const [k, who] of [
        ["users", "user"],
        ["groups", "group"],
      ] as const) {
        const byLevel = (p[k] ?? {}) as Record<string, unknown>;
        for (const level of PERMISSION_LEVELS) for (const id of ids(byLevel[level])) held.set(`${who} ${id}`, level);
      }
    }
    return held;
  };
  const was = levels(before);
  const now = levels(after);
  const lines: string[] = [];
  for (const [who, level] of now) {
    const old = was.get(who);
    if (!old) lines.push(`${who} gains **${level}** on ${on}`);
    else if (old !== level) lines.push(`${who}: ${old} → **${level}** on ${on}`);
  }
  for (const [who, level] of was) if (!now.has(who)) lines.push(`${who} loses **${level}** on ${on}`);
  return lines;
}
