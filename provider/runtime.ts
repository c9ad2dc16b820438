/**
 * The provider process's side of the dynamic providers: `Workflow`, `WorkflowShare` and
 * `WorkflowProject` here are the provider objects that each resource's one-line `__provider`
 * (see `index.ts`) returns to Pulumi's dynamic-provider host. It owns the one API client of the
 * process, built from the credentials read at call time, and turns each resource module's pure
 * results into what the engine expects.
 */
import { ConfigError, createClient, resolveConfig, setStackConfig, withSharedWorkflowReads, type CivisClient } from "./client";
import * as workflow from "./workflow";
import * as workflowProject from "./workflowProject";
import * as workflowShare from "./workflowShare";

let client: CivisClient | undefined;
let readClient: CivisClient | undefined;

/** Stack config reaches the provider here (`civis:apiKey`, `civis:endpoint`, ...), never through inputs. */
export function configure(config: { get(key: string): string | undefined }): void {
  const settings = {
    apiKey: config.get("civis:apiKey"),
    endpoint: config.get("civis:endpoint"),
    maxRetries: config.get("civis:maxRetries"),
    requestTimeout: config.get("civis:requestTimeout"),
    adoptExisting: config.get("civis:adoptExisting"),
  };
  // The engine configures each resource type's provider object in turn, with the same config;
  // they share one client (and its rate limit, caller and refresh reads) unless it changed.
  if (configured && Object.entries(settings).every(([k, v]) => configured![k as keyof typeof settings] === v)) return;
  configured = settings;
  setStackConfig(settings);
  client = undefined;
  readClient = undefined;
}
let configured: Record<string, string | undefined> | undefined;

/**
 * Adoption: `civis:adoptExisting` / CIVIS_ADOPT_EXISTING=true makes creating a Workflow take over
 * a live workflow of the caller's with the same name and definition, when there is one. It is
 * how a stack recovers workflows created by an interrupted `up` (see the README).
 */
function adoptExisting(): boolean {
  return (configured?.adoptExisting ?? process.env.CIVIS_ADOPT_EXISTING) === "true";
}

function api(): CivisClient {
  return (client ??= createClient(resolveConfig()));
}

/** What refresh reads use: a workflow, its shares and its project links share the workflow's GET. */
function readApi(): CivisClient {
  return (readClient ??= withSharedWorkflowReads(api()));
}

/** Fails a preview early, without any API call, when the credentials or endpoint are missing or bad. */
function assertConfigured(): void {
  resolveConfig();
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

export interface ResourceImpl {
  configure(req: { config: { get(key: string): string | undefined } }): Promise<void>;
  check(olds: any, news: any): Promise<{ inputs: any; failures: Array<{ property: string; reason: string }> }>;
  diff(id: string, olds: any, news: any): Promise<{ changes: boolean; replaces: string[]; deleteBeforeReplace: boolean }>;
  create(inputs: any): Promise<{ id: string; outs: any }>;
  read(id: string, props: any): Promise<{ id: string; props: any }>;
  update(id: string, olds: any, news: any): Promise<{ outs: any }>;
  delete(id: string, props: any): Promise<void>;
}

/** What each resource module offers, in the order of its file: pure check and diff, then CRUD on a client. */
interface ResourceModule {
  check(news: any): { inputs: any; failures: Array<{ property: string; reason: string }>; warnings: string[] };
  diff(olds: any, news: any): { changes: boolean; replaces: string[]; deleteBeforeReplace: boolean };
  create(client: CivisClient, inputs: any): Promise<{ id: string; outs: any }>;
  read(client: CivisClient, id: string, props: any): Promise<{ id: string; props: any }>;
  update?(client: CivisClient, id: string, olds: any, news: any): Promise<{ outs: any }>;
  remove(client: CivisClient, id: string, props: any): Promise<void | string[]>;
}

/** Binds a resource module to the process's client, its credentials check and its error shape. */
function bind(type: string, m: ResourceModule): ResourceImpl {
  const label = (props: any) => (props?.name !== undefined ? `${type} ${JSON.stringify(props.name)}` : type);
  return {
    configure: async (req) => configure(req.config),
    check: (_olds, news) => clean(type, async () => {
      assertConfigured();
      const result = m.check(news);
      warn(label(news), result.warnings);
      return { inputs: result.inputs, failures: result.failures };
    }),
    diff: (_id, olds, news) => clean(type, async () => m.diff(olds, news)),
    create: (inputs) => clean(type, () => m.create(api(), inputs)),
    read: (id, props) => clean(type, () => m.read(readApi(), id, props)),
    update: (id, olds, news) => clean(type, async () => {
      if (!m.update) throw new Error(`${type} has no in-place update; every change replaces it`);
      return m.update(api(), id, olds, news);
    }),
    delete: (id, props) => clean(type, async () => {
      warn(`${type} ${id}`, (await m.remove(api(), id, props)) ?? []);
    }),
  };
}

export const Workflow = bind("civis:Workflow", {
  ...workflow,
  create: (client, inputs) => workflow.create(client, inputs, {
    adoptExisting: adoptExisting(),
    lateLandingMs: resolveConfig().requestTimeoutMs,
  }),
});
export const WorkflowShare = bind("civis:WorkflowShare", workflowShare);
export const WorkflowProject = bind("civis:WorkflowProject", workflowProject);
