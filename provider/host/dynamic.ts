/**
 * The adapter between the resource modules and Pulumi's Node.js dynamic-provider host, and the
 * only module that knows that host: `Workflow`, `WorkflowShare`, `WorkflowProject`,
 * `WorkflowAccess` and `WorkflowExecution` here are the provider objects that each resource's
 * one-line `__provider` (see `../index.ts`) returns. The host's own types are `any`, so its
 * values are typed here and nowhere else. It keeps the process's one run (`run.ts`) and turns
 * each module's results into what the host expects.
 */
import { systemClock, type Clock } from "../client/clock";
import { ConfigError } from "../core/config";
import type { ResourceModule } from "../resources/resource";
import { WorkflowAccess as access } from "../resources/access/resource";
import { WorkflowExecution as execution } from "../resources/execution/resource";
import { WorkflowProject as project } from "../resources/project";
import { WorkflowShare as share } from "../resources/share/resource";
import { Workflow as workflow } from "../resources/workflow/resource";
import { deepEqual } from "../core/values";
import { Run } from "./run";

/** What the dynamic-provider host calls (its `pulumi.dynamic.ResourceProvider`). */
export interface DynamicProvider {
  configure(req: { config: { get(key: string): string | undefined } }): Promise<void>;
  check(olds: any, news: any): Promise<{ inputs: any; failures: Array<{ property: string; reason: string }> }>;
  diff(
    id: string,
    olds: any,
    news: any,
  ): Promise<{ changes: boolean; replaces: string[]; deleteBeforeReplace: boolean }>;
  create(inputs: any): Promise<{ id: string; outs: any }>;
  read(id: string, props: any): Promise<{ id: string; props: any; inputs?: any }>;
  update(id: string, olds: any, news: any): Promise<{ outs: any }>;
  delete(id: string, props: any): Promise<void>;
}

/**
 * Failures as the engine shows them best: with an empty property, the engine prints
 * "<type> resource '<name>' has a problem: <reason>", where a property path would add a
 * `value {...}` that is `{<nil>}` for a nested path and the whole text for a definition. Each
 * reason already names its property; one that does not gets it in front.
 */
function plainFailures(failures: Array<{ property: string; reason: string }>) {
  return failures.map((f) => ({
    property: "",
    reason: !f.property || f.reason.includes(f.property) ? f.reason : `${f.property}: ${f.reason}`,
  }));
}

/** The host's values as what they are: the engine's property maps. */
type Props = Record<string, unknown>;

/** Whether the engine is checking a new resource (a create, or the new half of a replace). */
const isNew = (olds: Props | undefined) => !olds || Object.keys(olds).length === 0;

/** Whether the checked inputs are those of the last run (or of the last refresh): no update coming. */
function sameInputs(olds: Record<string, unknown>, news: unknown): boolean {
  const { __provider: _a, ...before } = olds;
  const { __provider: _b, ...after } = JSON.parse(JSON.stringify(news)) as Record<string, unknown>;
  return deepEqual(before, after);
}

/** Binds a resource module to a run: its context, its error shape, its warnings. */
function bind<I, O>(run: Run, type: string, m: ResourceModule<I, O>): DynamicProvider {
  const label = (props: Props) => (props.name !== undefined ? `${type} ${JSON.stringify(props.name)}` : type);
  return {
    configure: (req) => Promise.resolve(run.configure((key) => req.config.get(`civis:${key}`))),
    check: (olds: Props | undefined, news: Props) =>
      run.clean(type, async () => {
        // Every bad input of the program, found by the SDK: reported together, here (see sdk/resources/problems.ts).
        const problems = news.__problems;
        if (Array.isArray(problems))
          return { inputs: news, failures: problems.map((reason) => ({ property: "", reason: String(reason) })) };
        let ctx;
        try {
          ctx = run.context();
        } catch (e) {
          // A missing or bad setting fails the preview here, before any API call.
          if (e instanceof ConfigError) return { inputs: news, failures: [{ property: "", reason: e.message }] };
          throw e;
        }
        const result = m.check(news, ctx.config);
        run.warn(label(news), result.warnings);
        if (result.failures.length) return { inputs: result.inputs, failures: plainFailures(result.failures) };
        // A create or an update: what reads can tell now rather than at `up`. The key works (one
        // request per process); for a create, what it names exists. A no-op preview sends nothing.
        if (olds && !isNew(olds) && sameInputs(olds, result.inputs)) return { inputs: result.inputs, failures: [] };
        const found = await run.preview(m, result.inputs, isNew(olds) ? undefined : olds);
        run.warn(label(news), found.warnings);
        return { inputs: result.inputs, failures: found.problems.map((reason) => ({ property: "", reason })) };
      }),
    diff: (_id, olds: Partial<O>, news: I) =>
      run.clean(type, () => {
        const { changes, replaces, warnings } = m.diff(olds, news);
        run.warn(label(news as Props), warnings ?? []);
        return Promise.resolve({ changes: changes.length > 0, replaces, deleteBeforeReplace: false });
      }),
    create: (inputs: I & Props) =>
      run.clean(type, async () => {
        const made = await m.create(run.context(), inputs);
        run.warn(label(inputs), made.warnings ?? []);
        return { id: made.id, outs: made.outs };
      }),
    // Gone (an empty id) drops the resource from state; the live inputs make drift show in the next preview.
    read: (id, props: O) =>
      run.clean(type, async () => (await m.read(run.context(), id, props)) ?? { id: "", props: {} }),
    update: (id, olds: O, news: I) =>
      run.clean(type, async () => {
        if (!m.update) throw new Error(`${type} has no in-place update; every change replaces it`);
        return { outs: await m.update(run.context(), id, olds, news) };
      }),
    delete: (id, props: O) =>
      run.clean(type, async () => run.warn(`${type} ${id}`, await m.remove(run.context(), id, props))),
  };
}

/** The provider objects of one run over `env` and `clock` (tests make their own; the host uses the process's). */
export function dynamicProviders(env: NodeJS.ProcessEnv = process.env, clock: Clock = systemClock) {
  const run = new Run(env, clock);
  return {
    Workflow: bind(run, "civis:Workflow", workflow),
    WorkflowShare: bind(run, "civis:WorkflowShare", share),
    WorkflowProject: bind(run, "civis:WorkflowProject", project),
    WorkflowAccess: bind(run, "civis:WorkflowAccess", access),
    WorkflowExecution: bind(run, "civis:WorkflowExecution", execution),
  };
}

const providers = dynamicProviders();
export const Workflow = providers.Workflow;
export const WorkflowShare = providers.WorkflowShare;
export const WorkflowProject = providers.WorkflowProject;
export const WorkflowAccess = providers.WorkflowAccess;
export const WorkflowExecution = providers.WorkflowExecution;
