/**
 * One provider process's run, as the dynamic-provider host sees it: the config of the last
 * configure (or the error it gave), the context every operation gets (client, shared reads, the
 * ledger of what this run did), and the printing of warnings and errors.
 */
import { CivisApiError, createClient, type RetryWait } from "../client";
import type { Clock } from "../client/clock";
import { ConfigError, resolveConfig, sameConfig, type ProviderConfig, type StackConfig } from "../core/config";
import { createContext, type Context } from "../resources/context";
import type { Findings, ResourceModule } from "../resources/resource";

export class Run {
  private settings: { config: ProviderConfig } | { error: Error } | undefined;
  private ctx: Context | undefined;
  /** Errors already on their way to the engine, which prints them: the host's own copy is dropped. */
  private readonly reported = new Set<string>();
  private quietHost = false;

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    /** What the client's waits (retries, a throttle's pause) are timed by. */
    private readonly clock: Clock,
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

  /** The context of the current config; a host that never configures gets the environment alone. */
  context(): Context {
    if (!this.settings) this.configure(() => undefined);
    const settings = this.settings!;
    if ("error" in settings) throw settings.error;
    return (this.ctx ??= createContext(
      settings.config,
      createClient(settings.config, undefined, reportWait, this.clock),
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

  /** The engine shows a provider's stderr with the resource's diagnostics. */
  warn(resource: string, warnings: string[]): void {
    for (const w of warnings) console.error(`warning: ${resource}: ${w}`);
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
