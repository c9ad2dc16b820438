import { execFile, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import {
  engineEnv,
  engineHome,
  hasLanguageHost,
  noteInlineFallback,
  pulumiBinFor,
  pulumiCli,
  REPO,
  StackSession,
  type EngineHome,
  type StackOp,
  type StackResult,
  type StackSpec,
} from "../../scripts/engine";
import { DEFAULT_API_KEY, withEmulator, type Emulator } from "./emulator";
import type { LogEntry } from "../../emulator/log";

/** Scratch space for engine runs, inside the repo (git-ignored) so cleanup is easy to see. */
export function scratchDir(name: string): string {
  const root = path.join(REPO, ".test-tmp");
  fs.mkdirSync(root, { recursive: true });
  return fs.mkdtempSync(path.join(root, `${name}-`));
}

/** A resource of the state as `pulumi stack export` gives it: the fields the tests read. */
export interface StateResource {
  urn: string;
  type: string;
  id?: string;
  /** A dynamic resource's inputs hold its provider, the source that `__provider` names (provider/index.ts). */
  inputs: { __provider?: string } & Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

export interface StackRun extends StackResult {
  /** The API requests this operation made, as "METHOD /path". */
  requests: string[];
  /** The emulator's full log entries for this operation. */
  entries: LogEntry[];
}

/**
 * One test's world: an emulator on a free port, a private engine home and file backend, and a
 * stack of one program. Each operation reports the engine's result and the API requests it made.
 */
export class TestStack {
  private constructor(
    readonly emulator: Emulator,
    readonly home: EngineHome,
    readonly dir: string,
    private readonly base: Omit<StackSpec, "op">,
    private env: Record<string, string | undefined>,
  ) {
    this.session = new StackSession(base.workDir);
  }

  /** One driver for all of this stack's operations (see `StackSession`). */
  private readonly session: StackSession;
  /** The TypeScript sources (`typeScriptSources`) that a run through the language host has type-checked. */
  private checkedSources?: string;

  /**
   * `program` is a compiled module to run inline. Without it the project runs as users run it:
   * its own Pulumi.yaml and TypeScript program through the language host (or, where there is
   * none, inline from `fallback`, the program compiled by our build).
   */
  static async create(opts: {
    name: string;
    workDir: string;
    program?: string;
    fallback?: string;
    env?: Record<string, string | undefined>;
    /** An emulator already holding the test's objects; by default a fresh one. */
    emulator?: Emulator;
  }): Promise<TestStack> {
    const dir = scratchDir(opts.name);
    let program = opts.program;
    if (program === undefined && !hasLanguageHost()) {
      noteInlineFallback();
      program = opts.fallback;
    }
    // A project inside the repo runs from a copy in the scratch folder, so the engine's stack
    // settings files land there and not in the source tree. Dependencies still resolve from the
    // repo's node_modules above it. Inline, only Pulumi.yaml is needed, without `main`.
    let workDir = opts.workDir;
    if (opts.workDir.startsWith(REPO)) {
      workDir = path.join(dir, "project");
      if (program === undefined) {
        // As users run it: the whole project (its definitions/ too), without installed modules or stack settings.
        fs.cpSync(opts.workDir, workDir, {
          recursive: true,
          filter: (src) => !/node_modules|[\\/]Pulumi\.[^\\/]+\.yaml$/.test(src),
        });
      } else {
        fs.mkdirSync(workDir);
        const text = fs.readFileSync(path.join(opts.workDir, "Pulumi.yaml"), "utf8").replace(/^main:.*$/m, "");
        fs.writeFileSync(path.join(workDir, "Pulumi.yaml"), text);
      }
    }
    const emulator = opts.emulator ?? (await withEmulator({ stateFile: path.join(dir, "emulator.json") }));
    const env = {
      CIVIS_API_KEY: DEFAULT_API_KEY,
      CIVIS_API_ENDPOINT: emulator.url,
      // Retries wait milliseconds, not seconds, in tests.
      CIVIS_RETRY_BASE_MS: "20",
      ...(opts.env ?? {}),
    };
    return new TestStack(emulator, engineHome(dir), dir, { workDir, program, stack: "test" }, env);
  }

  /** Whether this stack's program runs through the language host, as users run it. */
  get asUser(): boolean {
    return this.base.program === undefined;
  }

  /** Runs one operation; `program` swaps in another program module for it (e.g. an edited stack). */
  async run(
    op: StackOp,
    extra: Partial<StackSpec> & {
      env?: Record<string, string | undefined>;
      onStart?: (child: ChildProcess) => void;
    } = {},
  ): Promise<StackRun> {
    const before = this.emulator.log.entries().length;
    const { env, onStart, ...spec } = extra;
    // Through the language host a TypeScript program is type-checked by ts-node on every run, as
    // users run it. Once one run has checked these very sources, later runs only transpile them
    // (as PULUMI_NODEJS_TRANSPILE_ONLY or tsconfig's noCheck do for users): the check would
    // say the same again, at seconds of CPU per run.
    const sources = this.asUser ? typeScriptSources(this.base.workDir) : undefined;
    const checked = sources !== undefined && sources === this.checkedSources;
    const result = await this.session.run(
      { ...this.base, ...spec, op },
      this.home,
      { ...this.env, ...(checked ? { PULUMI_NODEJS_TRANSPILE_ONLY: "true" } : {}), ...(env ?? {}) },
      onStart,
    );
    if (result.ok && sources !== undefined) this.checkedSources = sources;
    // A request the provider gave up on (a timeout) may still be held by a delay fault: it
    // belongs to this operation's log, not the next one's.
    await this.emulator.idle();
    const entries = this.emulator.log.entries().slice(before);
    return { ...result, entries, requests: entries.map((e) => `${e.method} ${e.path}`) };
  }

  /** Like run, but fails the test with the engine's output when the operation failed. */
  async ok(
    op: StackOp,
    extra: Partial<StackSpec> & { env?: Record<string, string | undefined> } = {},
  ): Promise<StackRun> {
    const r = await this.run(op, extra);
    if (!r.ok) throw new Error(`pulumi ${op} failed: ${r.error}\n${r.log.slice(-4000)}`);
    return r;
  }

  /** The stack's state as `pulumi stack export` gives it (optionally with secrets shown). */
  exportState(showSecrets = false): string {
    const args = ["stack", "export", "--stack", "test", ...(showSecrets ? ["--show-secrets"] : [])];
    return pulumiCli(args, this.base.workDir, this.home, this.env);
  }

  /**
   * Runs the Pulumi CLI itself in the stack's project (e.g. `import`): its output, or the error's.
   * Asynchronously: the emulator answers from this very process.
   */
  async cli(args: string[], env: Record<string, string | undefined> = {}): Promise<{ ok: boolean; output: string }> {
    const run = promisify(execFile);
    const cwd = this.base.workDir;
    try {
      const r = await run(path.join(pulumiBinFor(cwd), "pulumi"), args, {
        cwd,
        env: engineEnv(this.home, cwd, { ...this.env, ...env }),
        maxBuffer: 256 * 1024 * 1024,
      });
      return { ok: true, output: `${r.stdout}\n${r.stderr}` };
    } catch (e) {
      const err = e as { stdout?: string; stderr?: string; message: string };
      return { ok: false, output: `${err.stdout ?? ""}\n${err.stderr ?? err.message}` };
    }
  }

  /** The resources of the stack's state, by type. */
  resources(type?: string): StateResource[] {
    const { deployment } = JSON.parse(this.exportState()) as { deployment: { resources?: StateResource[] } };
    return (deployment.resources ?? []).filter((r) => !type || r.type === type);
  }

  async close(): Promise<void> {
    this.session.close();
    await this.emulator.close();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The project's own TypeScript files and their contents, as one string to compare. */
function typeScriptSources(dir: string): string {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory() && e.name !== "node_modules") walk(p);
      else if (e.isFile() && /\.(ts|tsx|json)$/.test(e.name)) out.push(p, fs.readFileSync(p, "utf8"));
    }
  };
  walk(dir);
  return out.join("\0");
}
