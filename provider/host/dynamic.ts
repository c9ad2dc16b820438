/**
 * The adapter between the resource modules and Pulumi's Node.js dynamic-provider host, and the
 * only module that knows that host: `Workflow`, `WorkflowShare`, `WorkflowProject` and `WorkflowAccess` here are
 * the provider objects that each resource's one-line `__provider` (see `index.ts`) returns. It
 * owns the process's one config (resolved at each configure) and its one API client, and turns
 * each module's results into what the host expects.
 */
import { CivisApiError, createClient, withSharedWorkflowReads, type CivisClient, type RetryWait } from "../client";
import { ConfigError, resolveConfig, sameConfig, type ProviderConfig } from "../core/config";
import type { Claimed, ResourceModule } from "../resources/resource";
import { deepEqual } from "../core/values";
import { Workflow as workflow } from "../resources/workflow/resource";
import { WorkflowAccess as workflowAccess } from "../resources/access/resource";
import { WorkflowProject as workflowProject } from "../resources/project";
import { WorkflowShare as workflowShare } from "../resources/share";

/** The config of the last configure (or the error it gave), and the client made from it. */
let settings: { config: ProviderConfig } | { error: Error } | undefined;
let client: CivisClient | undefined;
let readClient: CivisClient | undefined;
let preflightClient: CivisClient | undefined;

/**
 * Stack config reaches the provider here (`civis:apiKey`, `civis:endpoint`, ...), never through
 * inputs. The engine configures each resource type's provider object in turn, with the same
 * config: they share one client (its throttle, caller and refresh reads) unless it changed. A bad
 * setting is kept and thrown at the first check, so it fails the preview naming the resource.
 */
export function configure(stack: { get(key: string): string | undefined }): void {
  let next: typeof settings;
  try {
    next = { config: resolveConfig((key) => stack.get(`civis:${key}`)) };
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    next = { error: e };
  }
  if (settings && "config" in settings && "config" in next && sameConfig(settings.config, next.config)) return;
  settings = next;
  client = undefined;
  readClient = undefined;
  preflightClient = undefined;
}

function config(): ProviderConfig {
  // A host that never calls configure: the environment alone.
  if (!settings) configure({ get: () => undefined });
  if ("error" in settings!) throw settings.error;
  return settings!.config;
}

function api(): CivisClient {
  return (client ??= createClient(config(), undefined, reportWait));
}

/** A wait over 2 s is said once, so a slow or throttled API never looks like a hang. */
function reportWait(w: RetryWait): void {
  if (w.waitMs <= 2000) return;
  console.error(`warning: civis: retrying ${w.request} in ${Math.round(w.waitMs / 1000)} s after ${w.reason}, attempt ${w.attempt} of ${w.of}`);
}

/** What refresh reads use: a workflow, its shares and its project links share the workflow's GET. */
function readApi(): CivisClient {
  return (readClient ??= withSharedWorkflowReads(api()));
}

/** What preview-time reads use: each referenced workflow is read once, apart from refresh's reads. */
function preflightApi(): CivisClient {
  return (preflightClient ??= withSharedWorkflowReads(api()));
}

/**
 * Errors already on their way to the engine, which prints them. The host prints each one to
 * stderr as well (`${e}: ${e.stack}`), which the engine shows again: that copy is dropped, so
 * every error reads once. Anything else written to stderr passes.
 */
const reported = new Set<string>();
const hostPrint = console.error.bind(console);
console.error = (...args: unknown[]) => {
  if (args.length === 1 && typeof args[0] === "string" && reported.delete(args[0])) return;
  hostPrint(...args);
};

/** Errors the engine prints: our own message, with no stack of library internals, once. */
async function clean<T>(resource: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    const shown = new Error(err instanceof ConfigError ? `${resource}: ${err.message}` : err.message);
    shown.stack = shown.message;
    reported.add(`${shown}: ${shown.stack}`);
    throw shown;
  }
}

/**
 * Failures as the engine shows them best: with an empty property, the engine prints
 * "<type> resource '<name>' has a problem: <reason>", where a property path would add a
 * `value {...}` that is `{<nil>}` for a nested path and the whole text for a definition. Each
 * reason already names its property; one that does not gets it in front.
 */
function plainFailures(failures: Array<{ property: string; reason: string }>) {
  return failures.map((f) => ({ property: "", reason: !f.property || f.reason.includes(f.property) ? f.reason : `${f.property}: ${f.reason}` }));
}

/** Whether the engine is checking a new resource (a create, or the new half of a replace). */
const isNew = (olds: any) => !olds || Object.keys(olds).length === 0;

/** Whether the checked inputs are those of the last run (or of the last refresh): no update coming. */
function sameInputs(olds: Record<string, unknown>, news: unknown): boolean {
  const { __provider: _a, ...before } = olds;
  const { __provider: _b, ...after } = JSON.parse(JSON.stringify(news)) as Record<string, unknown>;
  return deepEqual(before, after);
}

function warn(resource: string, warnings: string[]): void {
  // The engine shows a provider's stderr with the resource's diagnostics.
  for (const w of warnings) console.error(`warning: ${resource}: ${w}`);
}

/**
 * Workflows this process has created or written to: they live, so a share or link on one needs
 * no read to say so (an `up` that creates a workflow with its shares reads nothing more).
 */
const liveHere = new Set<number>();
/** Workflows this process took over: their shares and links may be there already. */
const adoptedHere = new Set<number>();
function noteLive<R extends { outs: any }>(result: R): R {
  if (typeof result.outs?.workflowId === "number") liveHere.add(result.outs.workflowId);
  return result;
}

/**
 * Principals that a share or an access list of this run has granted, by workflow: a delete later
 * in the run (the engine deletes last) leaves them alone, so a ManagedWorkflow that moves from
 * `WorkflowShare`s to a `WorkflowAccess` (or back) keeps everyone's access.
 */
const claimedHere = new Map<string, Set<string>>();
const claimKey = (workflowId: number, kind: string, id: number) => `${workflowId}/${kind}/${id}`;
function noteClaims<O>(type: string, id: string, m: ResourceModule<any, O>, outs: O): O {
  for (const c of m.claims?.(outs) ?? []) {
    const key = claimKey(c.workflowId, c.kind, c.id);
    claimedHere.set(key, (claimedHere.get(key) ?? new Set()).add(`${type} ${id}`));
  }
  return outs;
}
/** Claimed by a resource other than this one (a resource's own grants do not keep its access). */
const claimedByOthers = (type: string, id: string): Claimed => (workflowId, kind, principal) =>
  [...(claimedHere.get(claimKey(workflowId, kind, principal)) ?? [])].some((claimant) => claimant !== `${type} ${id}`);

/** A preflight read's problems; an API failure (a refused key, no connection) is one too. */
async function preflight(read: () => Promise<{ problems: string[]; warnings: string[] }>): Promise<{ problems: string[]; warnings: string[] }> {
  try {
    return await read();
  } catch (e) {
    if (e instanceof CivisApiError) return { problems: [e.message], warnings: [] };
    throw e;
  }
}

/** What the dynamic-provider host calls (its `pulumi.dynamic.ResourceProvider`). */
export interface DynamicProvider {
  configure(req: { config: { get(key: string): string | undefined } }): Promise<void>;
  check(olds: any, news: any): Promise<{ inputs: any; failures: Array<{ property: string; reason: string }> }>;
  diff(id: string, olds: any, news: any): Promise<{ changes: boolean; replaces: string[]; deleteBeforeReplace: boolean }>;
  create(inputs: any): Promise<{ id: string; outs: any }>;
  read(id: string, props: any): Promise<{ id: string; props: any; inputs?: any }>;
  update(id: string, olds: any, news: any): Promise<{ outs: any }>;
  delete(id: string, props: any): Promise<void>;
}

/** Binds a resource module to the process's client, config and error shape. */
function bind<I, O>(type: string, m: ResourceModule<I, O>): DynamicProvider {
  const label = (props: any) => (props?.name !== undefined ? `${type} ${JSON.stringify(props.name)}` : type);
  return {
    configure: async (req) => configure(req.config),
    check: (olds, news) => clean(type, async () => {
      // Every bad input of the program, found by the SDK: reported together, here (see sdk/resources/problems.ts).
      if (Array.isArray(news.__problems)) return { inputs: news, failures: news.__problems.map((reason: string) => ({ property: "", reason })) };
      try {
        config();
      } catch (e) {
        // A missing or bad setting fails the preview here, before any API call.
        if (e instanceof ConfigError) return { inputs: news, failures: [{ property: "", reason: e.message }] };
        throw e;
      }
      const result = m.check(news);
      warn(label(news), result.warnings);
      if (result.failures.length) return { inputs: result.inputs, failures: plainFailures(result.failures) };
      // A create or an update: what reads can tell now rather than at `up`. The key works (one
      // request per process); for a create, what it names exists. A no-op preview sends nothing.
      if (!isNew(olds) && sameInputs(olds, result.inputs)) return { inputs: result.inputs, failures: [] };
      let found = await preflight(() => api().me().then(() => ({ problems: [], warnings: [] })));
      if (!found.problems.length && isNew(olds) && m.preflight) {
        found = await preflight(() => m.preflight!(preflightApi(), result.inputs, (id) => liveHere.has(id)));
      } else if (!found.problems.length && !isNew(olds) && m.preflightUpdate) {
        found = await preflight(() => m.preflightUpdate!(preflightApi(), result.inputs, olds));
      }
      warn(label(news), found.warnings);
      return { inputs: result.inputs, failures: found.problems.map((reason) => ({ property: "", reason })) };
    }),
    diff: (_id, olds, news) => clean(type, async () => {
      const { changes, replaces } = m.diff(olds, news);
      return { changes: changes.length > 0, replaces, deleteBeforeReplace: false };
    }),
    create: (inputs) => clean(type, async () => {
      const made = noteLive(await m.create(api(), inputs, config(), (id) => adoptedHere.has(id)));
      noteClaims(type, made.id, m, made.outs);
      if (made.adopted) adoptedHere.add((made.outs as { workflowId: number }).workflowId);
      warn(label(inputs), made.warnings ?? []);
      return { id: made.id, outs: made.outs };
    }),
    // Gone (an empty id) drops the resource from state; the live inputs make drift show in the next preview.
    read: (id, props) => clean(type, async () => (await m.read(readApi(), id, props)) ?? { id: "", props: {} }),
    update: (id, olds, news) => clean(type, async () => {
      if (!m.update) throw new Error(`${type} has no in-place update; every change replaces it`);
      return { outs: noteClaims(type, id, m, await m.update(api(), id, olds, news)) };
    }),
    delete: (id, props) => clean(type, async () => warn(`${type} ${id}`, await m.remove(api(), id, props, claimedByOthers(type, id)))),
  };
}

export const Workflow = bind("civis:Workflow", workflow);
export const WorkflowShare = bind("civis:WorkflowShare", workflowShare);
export const WorkflowProject = bind("civis:WorkflowProject", workflowProject);
export const WorkflowAccess = bind("civis:WorkflowAccess", workflowAccess);
