/**
 * The adapter between the resource modules and Pulumi's Node.js dynamic-provider host, and the
 * only module that knows that host: `Workflow`, `WorkflowShare`, `WorkflowProject`,
 * `WorkflowAccess` and `WorkflowExecution` here are the provider objects that each resource's
 * one-line `__provider` (see `../index.ts`) returns. The host's own types are `any`, so its
 * values are typed here and nowhere else. It keeps the process's one run (`run.ts`) and turns
 * each module's results into what the host expects.
 */
import { systemClock, type Clock } from "../client/clock";
import type { ResourceModule } from "../resources/resource";
import { WorkflowAccess as access } from "../resources/access/resource";
import { WorkflowExecution as execution } from "../resources/execution/resource";
import { WorkflowProject as project } from "../resources/project";
import { WorkflowShare as share } from "../resources/share/resource";
import { Workflow as workflow } from "../resources/workflow/resource";
import { plainFailures, Run } from "./run";

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

/** The host's values as what they are: the engine's property maps. */
type Props = Record<string, unknown>;

/** Binds a resource module to a run: its context, its error shape, its warnings. */
function bind<I, O>(run: Run, type: string, m: ResourceModule<I, O>): DynamicProvider {
  const label = (props: Props) => ({
    label: props.name !== undefined ? `${type} ${JSON.stringify(props.name)}` : type,
  });
  return {
    configure: (req) => Promise.resolve(run.configure((key) => req.config.get(`civis:${key}`))),
    check: (olds: Props | undefined, news: Props) =>
      run.clean(type, async () => {
        // Every bad input of the program, found by the SDK: reported together, here (see sdk/resources/problems.ts).
        const problems = news.__problems;
        if (Array.isArray(problems))
          return { inputs: news, failures: problems.map((reason) => ({ property: "", reason: String(reason) })) };
        const { inputs, failures } = await run.check(m, label(news), olds, news);
        return { inputs, failures: plainFailures(failures) };
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
      run.clean(type, async () => run.warn({ label: `${type} ${id}` }, await m.remove(run.context(), id, props))),
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
