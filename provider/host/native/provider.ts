/**
 * The native plugin's provider, in plain values: what each call of the provider protocol does with
 * the resource modules, one run (`../run.ts`) for the process, like the dynamic host's. The gRPC
 * server (`server.ts`) only turns messages into these calls and back, so this is what the tests
 * drive. Differences from the dynamic host, which the protocol allows: the stack's config arrives
 * in `configure` (the key as the secret it is), a diff names each property that changes and
 * whether it replaces, and warnings reach the engine on the resource they are about.
 */
import type { CheckFailure } from "../../core/checks";
import { importer, resourceModule, RESOURCE_KINDS, type ResourceKind } from "../../resources/modules";
import type { ResourceModule } from "../../resources/resource";
import { isUnknown, UNKNOWN } from "../../core/unknown";
import { callFunction, functionArgProblems, FUNCTIONS } from "../../functions";
import { deepEqual } from "../../core/values";
import type { Context } from "../../resources/context";
import { plainFailures, Run, type Subject, type Warn } from "../run";
import { settingsOf, type Props } from "./values";

export type DiffKind = "add" | "add-replace" | "delete" | "delete-replace" | "update" | "update-replace";

export interface NativeDiff {
  changes: boolean;
  replaces: string[];
  /** Each changed property (a top-level name) and how. */
  detailed: Record<string, DiffKind>;
}

/** `urn:pulumi:<stack>::<project>::<parent types$>civis:index:Workflow::<name>` -> its kind and name. */
export function parseUrn(urn: string): { kind: ResourceKind; name: string } {
  const parts = urn.split("::");
  const type = (parts[2] ?? "").split("$").pop() ?? "";
  const kind = type.replace(/^civis:index:/, "");
  if (!type.startsWith("civis:index:") || !(RESOURCE_KINDS as readonly string[]).includes(kind))
    throw new Error(`the civis plugin has no resource type ${JSON.stringify(type)}`);
  return { kind: kind as ResourceKind, name: parts.slice(3).join("::") };
}

export class NativeProvider {
  constructor(
    private readonly run: Run,
    /** Where the progress of a long operation goes (a run `up` waits for): on its resource. */
    private readonly progress: Warn = (_subject, line) => console.error(line),
  ) {}

  /** The run's context, its progress lines said on the resource they are about. */
  private context(subject: Subject): Context {
    return { ...this.run.context(), say: (line) => this.progress(subject, line) };
  }

  private resource(urn: string): { m: ResourceModule<unknown, unknown>; subject: Subject; type: string } {
    const { kind, name } = parseUrn(urn);
    const type = `civis:${kind}`;
    return { m: resourceModule(kind), subject: { label: `${type} ${JSON.stringify(name)}`, urn }, type };
  }

  /**
   * The provider's own inputs (the stack's `civis:` settings) are checked at preview: a bad one
   * fails there, naming the setting and the fix. A value not known yet is checked once known.
   */
  checkConfig(news: Props): { inputs: Props; failures: CheckFailure[] } {
    if (Object.values(news).some(isUnknown)) return { inputs: news, failures: [] };
    const problem = this.run.settingsProblem(settingsOf(new Map(), news));
    return { inputs: news, failures: problem ? [{ property: "", reason: problem }] : [] };
  }

  /** Settings change the client, never a resource: a change is an update of the provider, no replace. */
  diffConfig(olds: Props, news: Props): NativeDiff {
    const keys = [...new Set([...Object.keys(olds), ...Object.keys(news)])].filter((k) => k !== "version");
    const changed = keys.filter((k) => !deepEqual(olds[k], news[k]));
    return { changes: changed.length > 0, replaces: [], detailed: detailedKinds(changed, [], olds, news) };
  }

  configure(setting: (key: string) => string | undefined): void {
    this.run.configure(setting);
  }

  async check(urn: string, olds: Props, news: Props): Promise<{ inputs: Props; failures: CheckFailure[] }> {
    const { m, subject, type } = this.resource(urn);
    const { inputs, failures } = await this.run.clean(type, () => this.run.check(m, subject, olds, news));
    return { inputs: inputs as Props, failures: plainFailures(failures) };
  }

  diff(urn: string, olds: Props, news: Props): NativeDiff {
    const { m, subject } = this.resource(urn);
    const { changes, replaces, warnings } = m.diff(olds, news);
    this.run.warn(subject, warnings ?? []);
    return { changes: changes.length > 0, replaces, detailed: detailedKinds(changes, replaces, olds, news) };
  }

  /**
   * In a preview (the plugin supports previews of creates and updates, so the engine asks): the
   * outputs as they will be, without a request; what Civis computes is not known yet.
   */
  async create(urn: string, inputs: Props, preview = false): Promise<{ id: string; outs: Props }> {
    const { m, subject, type } = this.resource(urn);
    if (preview)
      return { id: "", outs: { ...keptInputs(m, inputs), ...Object.fromEntries(m.computed.map((k) => [k, UNKNOWN])) } };
    return this.run.clean(type, async () => {
      const made = await m.create(this.context(subject), inputs);
      this.run.warn(subject, made.warnings ?? []);
      return { id: made.id, outs: made.outs as Props };
    });
  }

  /**
   * Gone: an empty id, which drops the resource from state. With only an id (no properties), it
   * is `pulumi import`: the resource as Civis has it, and the inputs of a program that keeps it so.
   */
  async read(urn: string, id: string, props: Props): Promise<{ id: string; props: Props; inputs?: Props }> {
    const { m, type } = this.resource(urn);
    const imported = Object.keys(props).length === 0;
    return this.run.clean(type, async () => {
      const ctx = this.run.context();
      const found = imported ? await importer(parseUrn(urn).kind)(ctx, id) : await m.read(ctx, id, props);
      if (imported && !found) throw new Error(`${type} ${JSON.stringify(id)} was not found in Civis (or is archived)`);
      return found
        ? { id: found.id, props: found.props as Props, inputs: found.inputs as Props }
        : { id: "", props: {} };
    });
  }

  /**
   * In a preview: the new inputs over the stored outputs. What Civis computed stays as it is, so a
   * workflow's id that shares and project links take stays known and they show no change.
   */
  async update(urn: string, id: string, olds: Props, news: Props, preview = false): Promise<Props> {
    const { m, subject, type } = this.resource(urn);
    if (preview) return { ...Object.fromEntries(m.computed.map((k) => [k, olds[k]])), ...keptInputs(m, news) };
    return this.run.clean(type, async () => {
      if (!m.update) throw new Error(`${type} has no in-place update; every change replaces it`);
      return (await m.update(this.context(subject), id, olds, news)) as Props;
    });
  }

  /** A lookup, `civis:index:getWorkflow` and the rest: bad arguments are failures naming each, else the read. */
  async invoke(token: string, args: Props): Promise<{ outputs: Props; failures: CheckFailure[] }> {
    const name = token.replace(/^civis:index:/, "");
    const f = FUNCTIONS[name];
    if (!token.startsWith("civis:index:") || !f)
      throw new Error(`the civis plugin has no function ${JSON.stringify(token)}`);
    const failures = functionArgProblems(f, args).map((x) => ({ property: "", reason: `${token}: ${x.reason}` }));
    if (failures.length) return { outputs: {}, failures };
    return { outputs: await callFunction(this.run.context().client, name, args), failures: [] };
  }

  async delete(urn: string, id: string, props: Props): Promise<void> {
    const { m, subject, type } = this.resource(urn);
    await this.run.clean(type, async () => this.run.warn(subject, await m.remove(this.run.context(), id, props)));
  }
}

/** The inputs that state keeps as outputs (not those read at creation only). */
function keptInputs(m: ResourceModule<unknown, unknown>, inputs: Props): Props {
  return Object.fromEntries(Object.entries(inputs).filter(([k]) => m.fields[k] && !m.fields[k].atCreation));
}

/** How each changed property changes: added, removed or updated, and whether that replaces. */
function detailedKinds(changed: string[], replaces: string[], olds: Props, news: Props): Record<string, DiffKind> {
  return Object.fromEntries(
    changed.map((k) => {
      const how = olds[k] === undefined ? "add" : news[k] === undefined ? "delete" : "update";
      const kind: DiffKind = replaces.includes(k) ? `${how}-replace` : how;
      return [k, kind];
    }),
  );
}
