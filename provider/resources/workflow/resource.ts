/**
 * The Workflow resource: check, diff, create, read, update and delete of one Civis workflow.
 * Its fields are declared once in `fields.ts`; creating without duplicates is
 * `create.ts`.
 */
import { CivisApiError, type WireWorkflow, type WorkflowCreate } from "../../client";
import { fail } from "../../core/checks";
import type { StackDefaults } from "../../core/config";
import { checkFields } from "../../core/schema";
import type { Context, ResourceModule } from "../resource";
import { liveWorkflow, workflowProblem, workflowStatus } from "../workflowStatus";
import { adoptable, fixedFieldProblems } from "./adopt";
import { cloneWithoutDuplicates, createWithoutDuplicates } from "./create";
import { transferIfWanted } from "./owner";
import { applyStackDefaults } from "./stackDefaults";
import { attachAndCheckOut, checkoutReason, readGit, type GitOutputs } from "./git";
import { sameDefinition } from "../../core/definition";
import { preview } from "./preview";
import {
  changedProperties,
  COMPUTED,
  computed,
  FIELDS,
  fieldsSetBy,
  fromWire,
  INPUTS,
  outputFields,
  toWire,
  type WorkflowInputs,
  type WorkflowOutputs,
} from "./fields";

export type { WorkflowInputs, WorkflowOutputs };
export { changedProperties, preview };

// ---------------------------------------------------------------------------------------------
// check

/**
 * Validates the program's inputs before any API call and puts them in canonical form. Returns
 * failures naming the property and the fix, and warnings (e.g. an action Civis may not know).
 */
export function check(news: Record<string, unknown>, defaults?: StackDefaults) {
  const { inputs, failures, warnings } = checkFields(INPUTS, news);
  if (defaults) warnings.push(...applyStackDefaults(inputs as WorkflowInputs, defaults));
  const given = (f: string) => news[f] !== undefined && news[f] !== null;
  const creations = (["fromJobChain", "cloneFrom", "adoptWorkflowId"] as const).filter((f) => given(f));
  if (creations.length > 1) {
    failures.push(
      fail(
        creations[1],
        `${creations.join(" and ")} each say how the workflow comes to be (made from a job chain, cloned, taken ` +
          "over): give one of them",
      ),
    );
  }
  if (given("fromJobChain") && (given("definition") || given("schedule"))) {
    failures.push(
      fail(
        "fromJobChain",
        "fromJobChain creates the definition and schedule from a job chain, so it cannot be combined with " +
          "definition or schedule; remove one or the other",
      ),
    );
  }
  for (const other of ["definition", "fromJobChain"] as const) {
    if (given("git") && given(other)) {
      failures.push(
        fail(
          "git",
          `git and ${other} each say what the workflow runs (the file in the repository, or ` +
            `${other === "definition" ? "the YAML itself" : "a job chain"}): give one of them`,
        ),
      );
    }
  }
  return { inputs: inputs as WorkflowInputs, failures, warnings };
}

// ---------------------------------------------------------------------------------------------
// diff

/** The changed fields, and `git` when the file must be checked out again (the preview says why). */
export function diff(olds: Partial<WorkflowOutputs>, news: WorkflowInputs) {
  const changes = changedProperties(olds, news);
  const reason = checkoutReason(olds, news.git);
  if (reason && !changes.includes("git")) changes.push("git");
  const replaces = changes.filter((f) => FIELDS[f].createOnly);
  return reason ? { changes, replaces, warnings: [reason] } : { changes, replaces };
}

// ---------------------------------------------------------------------------------------------
// create

/**
 * One POST with every field the program sets (see create.ts for what an unknown fate
 * costs); or, with `adoptWorkflowId`, no POST: a GET and one PATCH of the fields that differ;
 * or, with `cloneFrom`, a GET of the source, its clone (found, not repeated, when the answer is
 * lost) and one PATCH that gives it the program's name and values. Then, with `git`, the file
 * attached and checked out (git.ts), and the transfer to `ownerId`, if it names another owner.
 * All or nothing: a workflow this create made is archived again when a later step fails.
 */
export async function create(ctx: Context, inputs: WorkflowInputs) {
  const { client, config, ledger } = ctx;
  const fields = outputFields(inputs);
  let w: WireWorkflow;
  let warnings: string[] = [];
  const adopting = typeof inputs.adoptWorkflowId === "number";
  if (typeof inputs.adoptWorkflowId === "number") {
    w = await adoptable(client, inputs.adoptWorkflowId);
    const fixed = fixedFieldProblems(w, inputs, changedProperties(fromWire(w, inputs, fields), inputs));
    if (fixed.length) throw new Error(fixed.join("; "));
  } else if (inputs.cloneFrom) {
    const source = await usableSource(client, inputs.cloneFrom.workflowId);
    const params = {
      cloneSchedule: inputs.cloneFrom.schedule === true,
      cloneNotifications: inputs.cloneFrom.notifications === true,
    };
    w = await cloneWithoutDuplicates(client, source, params, { ...createOptions(ctx), taken: ledger.taken });
  } else {
    const body = toWire(inputs, fields);
    // Civis takes no schedule with fromJobChain; a stack's paused one is the PATCH below.
    if (inputs.fromJobChain !== undefined) delete body.schedule;
    ({ workflow: w, warnings } = await createWithoutDuplicates(client, body as unknown as WorkflowCreate, {
      ...createOptions(ctx),
      adoptExisting: config.adoptExisting,
      taken: ledger.taken,
    }));
  }
  // A workflow taken over (adopted, or found after a lost answer) may differ from the program in
  // what the look does not compare (the schedule, say): one PATCH makes Civis and state agree.
  const differing = changedProperties(fromWire(w, inputs, fields), inputs).filter((f) => !FIELDS[f].ownRequest);
  let git: GitOutputs = {};
  try {
    if (differing.length) w = await client.patchWorkflow(w.id, toWire(inputs, differing));
    if (inputs.git) ({ workflow: w, ...git } = await attachAndCheckOut(client, w.id, inputs.git, undefined));
    w = await transferIfWanted(client, w, inputs);
  } catch (e) {
    // All or nothing: a workflow this create made goes again (one it took over stays).
    if (!adopting) await client.archiveWorkflow(w.id, true).catch(() => undefined);
    throw e;
  }
  ledger.written.add(w.id);
  if (adopting) ledger.adopted.add(w.id);
  return { id: String(w.id), outs: { ...fromWire(w, inputs, fields), ...git }, warnings };
}

/** How long a lost create may still land, and the clock skew tolerated when matching it. */
const createOptions = ({ config }: Context) => ({
  lateLandingMs: config.requestTimeoutMs,
  clockSkewMs: config.clockSkewMs,
});

/** The workflow to clone: one the API user can read (archived or not). */
async function usableSource(client: Context["client"], id: number) {
  const source = await workflowStatus(client, id);
  if (source.state === "gone") throw new Error(workflowProblem(source, { property: "cloneFrom.workflowId" }));
  return source.workflow;
}

// ---------------------------------------------------------------------------------------------
// read

/**
 * One GET (with `git`, also the attachment and its branch's newest commit). A workflow that is
 * gone or archived is gone (the next `up` creates it again); otherwise the live values replace the
 * stored ones and drift shows.
 */
export async function read(ctx: Context, id: string, props: WorkflowOutputs) {
  const w = await liveWorkflow(ctx.refreshReads, workflowIdOf(id));
  if (!w) return undefined;
  const fields = fieldsSetBy(props);
  const git = props.git ? await readGit(ctx.refreshReads, w, props, sameDefinition) : undefined;
  const live: WorkflowOutputs = { ...fromWire({ ...w, ...(git && { git: git.git }) }, props, fields), ...git };
  const inputs: Record<string, unknown> = {};
  // A git file's definition is not the program's: it stays out of the inputs drift is shown in.
  for (const f of fields) if (!(f === "definition" && props.git)) inputs[f] = live[f];
  return { id, props: live, inputs: inputs as WorkflowInputs };
}

// ---------------------------------------------------------------------------------------------
// update

/**
 * One PATCH with the changed fields only; none when nothing changed. A changed git file (or a
 * branch with a newer commit) is attached and checked out after it. A new owner is a transfer
 * after that (while the API user surely still has manage), with a GET first when nothing else changed.
 */
export async function update(ctx: Context, id: string, olds: WorkflowOutputs, news: WorkflowInputs) {
  const { client } = ctx;
  const { changes: changed } = diff(olds, news);
  const fields = outputFields(news);
  const gitKept: GitOutputs = news.git ? { gitCommit: olds.gitCommit, gitNewestCommit: olds.gitNewestCommit } : {};
  if (changed.length === 0) {
    const kept: Record<string, unknown> = { ...computed({ ...olds, id: olds.workflowId }), ...gitKept };
    for (const f of fields) kept[f] = olds[f];
    return kept as WorkflowOutputs;
  }
  const patched = changed.filter((f) => !FIELDS[f].ownRequest);
  let w = patched.length ? await client.patchWorkflow(workflowIdOf(id), toWire(news, patched)) : undefined;
  let git = gitKept;
  if (news.git && changed.includes("git"))
    ({ workflow: w, ...git } = await attachAndCheckOut(client, workflowIdOf(id), news.git, olds.git));
  w = await transferIfWanted(client, w ?? (await client.getWorkflow(workflowIdOf(id))), news);
  return { ...fromWire(w, news, fields), ...git };
}

// ---------------------------------------------------------------------------------------------
// delete

/** Civis has no DELETE for workflows: archive it. Already archived or gone is success. */
export async function remove(ctx: Context, id: string): Promise<string[]> {
  try {
    await ctx.client.archiveWorkflow(workflowIdOf(id), true);
  } catch (e) {
    if (!(e instanceof CivisApiError && e.isGone)) throw e;
  }
  return [];
}

function workflowIdOf(id: string): number {
  const n = Number(id);
  if (!Number.isInteger(n) || n <= 0)
    throw new Error(`civis:Workflow id ${JSON.stringify(id)} is not a Civis workflow id`);
  return n;
}

type Module = ResourceModule<WorkflowInputs, WorkflowOutputs>;
const OPERATIONS = { check, diff, preview, create, read, update, remove };
export const Workflow: Module = { fields: INPUTS, computed: COMPUTED, ...OPERATIONS };
