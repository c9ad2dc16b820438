/**
 * One provider process's run, as either host sees it: the config of the last configure (or the
 * error it gave), the context every operation gets (client, shared reads, the ledger of what this
 * run did), a resource's check with what reads can tell at preview, and where warnings go (the
 * dynamic host prints them; the native plugin sends them to the engine, on the resource).
 */
import { CivisApiError, createClient, type RetryWait } from "../client";
import { cancellableClock, type Clock } from "../client/clock";
import type { CheckFailure } from "../core/checks";
import { ConfigError, resolveConfig, sameConfig, type ProviderConfig, type StackConfig } from "../core/config";
import { deepEqual } from "../core/values";
import { createContext, type Context } from "../resources/context";
import type { Findings, ResourceModule } from "../resources/resource";

/** The resource a message is about: its label (`civis:Workflow "etl"`), and its URN where the host has one. */
export interface Subject {
  label: string;
  urn?: string;
}

/** Where a run's warnings go. */
export type Warn = (subject: Subject, message: string) => void;

/** The dynamic host shows a provider's stderr with the resource's diagnostics. */
export const printWarning: Warn = (subject, message) => console.error(`warning: ${subject.label}: ${message}`);

/** Whether the engine is checking a new resource (a create, or the new half of a replace). */
const isNew = (olds: Record<string, unknown> | undefined) => !olds || Object.keys(olds).length === 0;

/** Whether the checked inputs are those of the last run (or of the last refresh): no update coming. */
function sameInputs(olds: Record<string, unknown>, news: unknown): boolean {
  const { __provider: _a, ...before } = olds;
  const { __provider: _b, ...after } = JSON.parse(JSON.stringify(news)) as Record<string, unknown>;
  return deepEqual(before, after);
}

/**
 * Failures as the engine shows them best: with an empty property, the engine prints
 * "<type> resource '<name>' has a problem: <reason>", where a property path would add a
 * `value {...}` that is `{<nil>}` for a nested path and the whole text for a definition. Each
 * reason already names its property; one that does not gets it in front.
 */
export function plainFailures(failures: Array<{ property: string; reason: string }>) {
  return failures.map((f) => ({
    property: "",
    reason: !f.property || f.reason.includes(f.property) ? f.reason : `${f.property}: ${f.reason}`,
  }));
}

export class Run {
  private settings: { config: ProviderConfig } | { error: Error } | undefined;
  private ctx: Context | undefined;
  /** Errors already on their way to the engine, which prints them: the host's own copy is dropped. */
  private readonly reported = new Set<string>();
  private quietHost = false;
  /** Aborted by the engine's Cancel: waits end early. */
  private readonly cancelled = new AbortController();

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    /** What the client's waits (retries, a throttle's pause) are timed by. */
    private readonly clock: Clock,
    private readonly warnings: Warn = printWarning,
  ) {}

  /**
   * Stack config reaches the provider here (`civis:apiKey`, `civis:endpoint`, ...), never through
   * inputs. The engine configures each resource type's provider object in turn, with the same
   * config: they share one context (its client's throttle, the API user, refresh reads and the
   * ledger) unless it changed. A bad setting is kept and thrown at the first check, so it fails
   * the preview naming the resource.
   */
  configure(stack: StackConfig): void {
    let next: NonNullable<typeof this.settings>;
    try {
      next = { config: resolveConfig(stack, this.env) };
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      next = { error: e };
    }
    const now = this.settings;
    if (now && "config" in now && "config" in next && sameConfig(now.config, next.config)) return;
    this.settings = next;
    this.ctx = undefined;
  }

  /** What is wrong with these settings (with this run's environment), or undefined when nothing is. */
  settingsProblem(stack: StackConfig): string | undefined {
    try {
      resolveConfig(stack, this.env);
      return undefined;
    } catch (e) {
      if (e instanceof ConfigError) return e.message;
      throw e;
    }
  }

  /** The context of the current config; a host that never configures gets the environment alone. */
  context(): Context {
    if (!this.settings) this.configure(() => undefined);
    const settings = this.settings!;
    if ("error" in settings) throw settings.error;
    return (this.ctx ??= createContext(
      settings.config,
      createClient(settings.config, undefined, reportWait, cancellableClock(this.clock, this.cancelled.signal)),
      this.cancelled.signal,
    ));
  }

  /**
   * What reads can tell at preview: the key works (one request per process), then the module's
   * own reads. An API failure (a refused key, no connection) is a problem of the preview too.
   */
  async preview<I>(
    m: ResourceModule<I, unknown>,
    inputs: I,
    olds: Record<string, unknown> | undefined,
  ): Promise<Findings> {
    const ctx = this.context();
    try {
      await ctx.client.me();
      return m.preview ? await m.preview(ctx, inputs, olds) : { problems: [], warnings: [] };
    } catch (e) {
      if (e instanceof CivisApiError) return { problems: [e.message], warnings: [] };
      throw e;
    }
  }

  /** The engine cancels the operation (Ctrl-C in the native host): waits for runs and for retries stop. */
  cancel(): void {
    this.cancelled.abort();
  }

  /** Says each warning about the resource where the host shows it. */
  warn(subject: Subject, warnings: string[]): void {
    for (const w of warnings) this.warnings(subject, w);
  }

  /**
   * A resource's check: the module's own (a missing or bad setting fails it too, before any API
   * call), then, for a create or an update, what reads can tell now rather than at `up`: the key
   * works (one request per process), what it names exists. A no-op preview sends nothing.
   */
  async check<I>(
    m: ResourceModule<I, unknown>,
    subject: Subject,
    olds: Record<string, unknown> | undefined,
    news: Record<string, unknown>,
  ): Promise<{ inputs: I | Record<string, unknown>; failures: CheckFailure[] }> {
    let ctx;
    try {
      ctx = this.context();
    } catch (e) {
      if (e instanceof ConfigError) return { inputs: news, failures: [{ property: "", reason: e.message }] };
      throw e;
    }
    const result = m.check(news, ctx.config);
    this.warn(subject, result.warnings);
    if (result.failures.length) return result;
    if (olds && !isNew(olds) && sameInputs(olds, result.inputs)) return { inputs: result.inputs, failures: [] };
    const found = await this.preview(m, result.inputs, isNew(olds) ? undefined : olds);
    this.warn(subject, found.warnings);
    return { inputs: result.inputs, failures: found.problems.map((reason) => ({ property: "", reason })) };
  }

  /** Errors the engine prints: our own message, with no stack of library internals, once. */
  async clean<T>(resource: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      const shown = new Error(err instanceof ConfigError ? `${resource}: ${err.message}` : err.message);
      shown.stack = shown.message;
      this.quietenHost();
      this.reported.add(`${shown}: ${shown.stack}`);
      throw shown;
    }
  }

  /**
   * The host prints each error it gets to stderr as well (`${e}: ${e.stack}`), which the engine
   * shows again: that copy is dropped, so every error reads once. Anything else written to
   * stderr passes. Installed at the first error, not at import.
   */
  private quietenHost(): void {
    if (this.quietHost) return;
    this.quietHost = true;
    const hostPrint = console.error.bind(console);
    console.error = (...args: unknown[]) => {
      if (args.length === 1 && typeof args[0] === "string" && this.reported.delete(args[0])) return;
      hostPrint(...args);
    };
  }
}

/** A wait over 2 s is said once, so a slow or throttled API never looks like a hang. */
function reportWait(w: RetryWait): void {
  if (w.waitMs <= 2000) return;
  console.error(
    `warning: civis: retrying ${w.request} in ${Math.round(w.waitMs / 1000)} s after ${w.reason}, attempt ` +
      `${w.attempt} of ${w.of}`,
  );
}
