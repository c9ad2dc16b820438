/**
 * The adapter between the resource modules and Pulumi's Node.js dynamic-provider host, and the
 * only module that knows that host: `Workflow`, `WorkflowShare` and `WorkflowProject` here are
 * the provider objects that each resource's one-line `__provider` (see `index.ts`) returns. It
 * owns the process's one config (resolved at each configure) and its one API client, and turns
 * each module's results into what the host expects.
 */
import { createClient, withSharedWorkflowReads, type CivisClient } from "./client";
import { ConfigError, resolveConfig, sameConfig, type ProviderConfig } from "./config";
import type { ResourceModule } from "./resource";
import { Workflow as workflow } from "./workflow";
import { WorkflowProject as workflowProject } from "./workflowProject";
import { WorkflowShare as workflowShare } from "./workflowShare";

/** The config of the last configure (or the error it gave), and the client made from it. */
let settings: { config: ProviderConfig } | { error: Error } | undefined;
let client: CivisClient | undefined;
let readClient: CivisClient | undefined;

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
}

function config(): ProviderConfig {
  // A host that never calls configure: the environment alone.
  if (!settings) configure({ get: () => undefined });
  if ("error" in settings!) throw settings.error;
  return settings!.config;
}

function api(): CivisClient {
  return (client ??= createClient(config()));
}

/** What refresh reads use: a workflow, its shares and its project links share the workflow's GET. */
function readApi(): CivisClient {
  return (readClient ??= withSharedWorkflowReads(api()));
}

/** Errors the engine prints: our own message, with no stack of library internals. */
async function clean<T>(resource: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    const shown = new Error(err instanceof ConfigError ? `${resource}: ${err.message}` : err.message);
    shown.stack = shown.message;
    throw shown;
  }
}

function warn(resource: string, warnings: string[]): void {
  // The engine shows a provider's stderr with the resource's diagnostics.
  for (const w of warnings) console.error(`warning: ${resource}: ${w}`);
}

/** What the dynamic-provider host calls (its `pulumi.dynamic.ResourceProvider`). */
export interface DynamicProvider {
  configure(req: { config: { get(key: string): string | undefined } }): Promise<void>;
  check(olds: any, news: any): Promise<{ inputs: any; failures: Array<{ property: string; reason: string }> }>;
  diff(id: string, olds: any, news: any): Promise<{ changes: boolean; replaces: string[]; deleteBeforeReplace: boolean }>;
  create(inputs: any): Promise<{ id: string; outs: any }>;
  read(id: string, props: any): Promise<{ id: string; props: any }>;
  update(id: string, olds: any, news: any): Promise<{ outs: any }>;
  delete(id: string, props: any): Promise<void>;
}

/** Binds a resource module to the process's client, config and error shape. */
function bind<I, O>(type: string, m: ResourceModule<I, O>): DynamicProvider {
  const label = (props: any) => (props?.name !== undefined ? `${type} ${JSON.stringify(props.name)}` : type);
  return {
    configure: async (req) => configure(req.config),
    check: (_olds, news) => clean(type, async () => {
      config(); // a missing or bad setting fails the preview here, before any API call
      const result = m.check(news);
      warn(label(news), result.warnings);
      return { inputs: result.inputs, failures: result.failures };
    }),
    diff: (_id, olds, news) => clean(type, async () => {
      const { changes, replaces } = m.diff(olds, news);
      return { changes: changes.length > 0, replaces, deleteBeforeReplace: false };
    }),
    create: (inputs) => clean(type, () => m.create(api(), inputs, config())),
    // Gone (an empty id) drops the resource from state.
    read: (id, props) => clean(type, async () => (await m.read(readApi(), id, props)) ?? { id: "", props: {} }),
    update: (id, olds, news) => clean(type, async () => {
      if (!m.update) throw new Error(`${type} has no in-place update; every change replaces it`);
      return { outs: await m.update(api(), id, olds, news) };
    }),
    delete: (id, props) => clean(type, async () => warn(`${type} ${id}`, await m.remove(api(), id, props))),
  };
}

export const Workflow = bind("civis:Workflow", workflow);
export const WorkflowShare = bind("civis:WorkflowShare", workflowShare);
export const WorkflowProject = bind("civis:WorkflowProject", workflowProject);
