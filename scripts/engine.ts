/**
 * The one way this repo drives the real Pulumi engine: tests, the quickstart and the benchmark
 * all come through here. It makes sure the CLI is there, builds the offline environment (a local
 * file backend, a passphrase, a private PULUMI_HOME, no update checks, no plugin downloads) and
 * runs stack operations in a child process, in one of two ways:
 * - as users run them: the project folder's own Pulumi.yaml program, through the CLI and the
 *   Node.js language host (which compiles a TypeScript `index.ts` itself);
 * - inline: a compiled program module hosted by the Automation API in the child process, which
 *   skips the language host and its TypeScript compile (faster; most tests use it).
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

export const REPO = path.resolve(__dirname, "..", "..");
const DRIVER = path.join(__dirname, "stack-driver.js");

let binDir: string | undefined;

/** The folder holding `pulumi` (built once from Go modules if need be; see scripts/ensure-pulumi.sh). */
export function ensurePulumi(): string {
  if (!binDir) {
    binDir = execFileSync("bash", [path.join(REPO, "scripts", "ensure-pulumi.sh")], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    })
      .trim()
      .split("\n")
      .pop()!;
  }
  return binDir;
}

/**
 * Whether programs of a runtime can run as users run them: its language host beside the CLI (an
 * installed Pulumi has them; scripts/ensure-pulumi.sh builds the Node.js one from ../shared/vendor/
 * and the YAML one from the Go module proxy) or on PATH.
 */
export function hasLanguageHost(runtime: "nodejs" | "yaml" | "python" = "nodejs"): boolean {
  const host = `pulumi-language-${runtime}`;
  const bin = ensurePulumi();
  if (fs.existsSync(path.join(bin, host))) return true;
  return (process.env.PATH ?? "").split(path.delimiter).some((d) => d && fs.existsSync(path.join(d, host)));
}

let noted = false;
/** Says once per process that programs written as users write them run inline instead. */
export function noteInlineFallback(): void {
  if (noted) return;
  noted = true;
  console.error(
    "note: no Node.js language host beside the Pulumi CLI; " +
      "programs run inline through the Automation API instead of `pulumi up` on their Pulumi.yaml",
  );
}

export function pulumiVersion(): string {
  return execFileSync(path.join(ensurePulumi(), "pulumi"), ["version"], {
    encoding: "utf8",
    env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" },
  }).trim();
}

export interface EngineHome {
  /** PULUMI_HOME: plugins, credentials and workspace settings of these runs only. */
  home: string;
  /** The file backend's folder: stacks' state lives here. */
  backend: string;
  /** Encrypts secret config in the local stacks. */
  passphrase: string;
}

/** A fresh engine home and backend under `dir`. */
export function engineHome(dir: string, passphrase = "pulumi-civis-local"): EngineHome {
  const home = path.join(dir, "pulumi-home");
  const backend = path.join(dir, "backend");
  fs.mkdirSync(home, { recursive: true });
  fs.mkdirSync(backend, { recursive: true });
  return { home, backend, passphrase };
}

/**
 * The folder whose `pulumi` runs a program that resolves its @pulumi/pulumi from `nodeModulesOf`:
 * the CLI, its language host and that @pulumi/pulumi's dynamic-provider plugin
 * (pulumi-resource-pulumi-nodejs) side by side. The CLI takes such bundled plugins from beside
 * its own executable, and warns on every run about one found only on PATH. An installed Pulumi
 * ships its plugin there already. For our cached build, the folder holds hard links to the
 * cached binaries and a copy of the program's plugin script, keyed by that script's content:
 * nothing points into a clone, so deleting one breaks no other, and two @pulumi/pulumi versions
 * with different plugins never share one.
 */
export function pulumiBinFor(nodeModulesOf: string): string {
  const bin = ensurePulumi();
  const pluginName = "pulumi-resource-pulumi-nodejs";
  if (fs.existsSync(path.join(bin, pluginName))) return bin;
  const pkg = path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [nodeModulesOf] }));
  const plugin = fs.readFileSync(path.join(pkg, pluginName));
  // Keyed also by the binaries themselves, so a rebuilt CLI or language host is never shadowed.
  const hosts = [
    "pulumi-language-nodejs",
    "pulumi-language-yaml",
    "pulumi-language-python",
    "pulumi-language-python-exec",
  ];
  const exes = ["pulumi", ...hosts].filter((exe) => fs.existsSync(path.join(bin, exe)));
  const stamp = exes
    .map((exe) => {
      const st = fs.statSync(path.join(bin, exe));
      return `${exe}:${st.ino}:${st.mtimeMs}`;
    })
    .join();
  const key = createHash("sha256").update(plugin).update(stamp).digest("hex").slice(0, 16);
  // <root>/bin, as the Automation API's PulumiCommand expects.
  const root = path.join(path.dirname(bin), `with-nodejs-plugin-${key}`);
  const dir = path.join(root, "bin");
  if (fs.existsSync(path.join(dir, pluginName))) return dir;
  // Built in a scratch folder and renamed into place, so concurrent runs never see half of it.
  const partial = fs.mkdtempSync(`${root}.partial-`);
  fs.mkdirSync(path.join(partial, "bin"));
  for (const exe of exes) {
    const to = path.join(partial, "bin", exe);
    try {
      fs.linkSync(path.join(bin, exe), to);
    } catch {
      fs.copyFileSync(path.join(bin, exe), to);
      fs.chmodSync(to, 0o755);
    }
  }
  fs.writeFileSync(path.join(partial, "bin", pluginName), plugin, { mode: 0o755 });
  try {
    fs.renameSync(partial, root);
  } catch {
    fs.rmSync(partial, { recursive: true, force: true }); // another run made it first
  }
  return dir;
}

/** The environment of every engine run: offline, local, with the CLI of `pulumiBinFor` first on PATH. */
export function engineEnv(
  h: EngineHome,
  nodeModulesOf: string,
  extra: Record<string, string | undefined> = {},
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...process.env, ...extra })) if (v !== undefined) env[k] = v;
  return {
    ...env,
    // The running Node.js next: the language host and the plugin start `node` from PATH.
    PATH: [pulumiBinFor(nodeModulesOf), path.dirname(process.execPath), process.env.PATH ?? ""].join(path.delimiter),
    PULUMI_BACKEND_URL: `file://${h.backend}`,
    PULUMI_CONFIG_PASSPHRASE: h.passphrase,
    PULUMI_HOME: h.home,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
  };
}

export type StackOp = "up" | "preview" | "refresh" | "destroy" | "outputs" | "export" | "cancel";

export interface StackSpec {
  /** The project folder: its Pulumi.yaml names the project; the program's dependencies resolve from here. */
  workDir: string;
  /**
   * The compiled program module run inline: its export, a function or the outputs, is the
   * program. Without it, the folder's own Pulumi.yaml program runs through the language host.
   */
  program?: string;
  stack: string;
  op: StackOp;
  /** Stack config to set before the operation, e.g. `{ "civis:apiKey": { value, secret: true } }`. */
  config?: Record<string, { value: string; secret?: boolean }>;
  /** Options for the operation: parallel, expectNoChanges, clearPendingCreates, refresh, ... */
  options?: Record<string, unknown>;
}

export interface StackResult {
  ok: boolean;
  error?: string;
  /** The stack's outputs (plain values, secrets unwrapped). */
  outputs?: Record<string, unknown>;
  /** Counts of steps by kind (create, update, same, delete, replace, ...). */
  changes?: Record<string, number>;
  /** The exported deployment, for op "export". */
  deployment?: unknown;
  /** Everything the engine printed. */
  log: string;
}

/**
 * Runs one stack operation in a child process of its own; never throws for a failed operation
 * (see `ok`). The child leads its own process group (with the CLI and the provider under it), so
 * `onStart` can kill the whole operation at once, as a crash would: `process.kill(-child.pid, "SIGKILL")`.
 */
export function runStack(
  spec: StackSpec,
  h: EngineHome,
  env: Record<string, string | undefined> = {},
  onStart?: (child: ChildProcess) => void,
): Promise<StackResult> {
  const session = new StackSession(spec.workDir);
  const result = session.run(spec, h, env, onStart);
  session.close();
  return result;
}

/**
 * One driver process (stack-driver.ts) that runs operations one after another on a project's
 * stacks: Node.js, the Automation API and the stack's selection are paid once, not per
 * operation, as a user's terminal pays them once. A driver that died (killed with its
 * operation) is started again for the next one. `close` ends it.
 */
export class StackSession {
  private child?: ChildProcess;
  private out = "";
  private err = "";
  private current?: (r: StackResult) => void;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(private readonly workDir: string) {}

  /** Runs one operation after those already asked for; never throws for a failed operation (see `ok`). */
  run(
    spec: StackSpec,
    h: EngineHome,
    env: Record<string, string | undefined> = {},
    onStart?: (child: ChildProcess) => void,
  ): Promise<StackResult> {
    const next = this.queue.then(() => this.send(spec, engineEnv(h, spec.workDir, env), onStart));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Ends the driver once the operations asked for are done. */
  close(): void {
    this.closed = true;
    void this.queue.then(() => this.child?.stdin?.end());
  }

  private send(
    spec: StackSpec,
    env: Record<string, string>,
    onStart?: (child: ChildProcess) => void,
  ): Promise<StackResult> {
    const child = this.child ?? this.start(env);
    onStart?.(child);
    this.ref(true);
    return new Promise<StackResult>((resolve, reject) => {
      this.current = (r) => {
        this.ref(false);
        resolve(r);
      };
      child.stdin!.write(JSON.stringify({ spec, env }) + "\n", (e) => e && reject(e));
    });
  }

  private start(env: Record<string, string>): ChildProcess {
    const child = spawn(process.execPath, [DRIVER], {
      cwd: this.workDir,
      env,
      stdio: ["pipe", "pipe", "pipe"],
      detached: true,
    });
    this.child = child;
    this.out = "";
    this.err = "";
    child.stdout.on("data", (d) => {
      this.out += d;
      const marker = this.out.indexOf(RESULT_MARKER);
      const end = marker < 0 ? -1 : this.out.indexOf("\n", marker + RESULT_MARKER.length);
      if (end < 0) return;
      const result = JSON.parse(this.out.slice(marker + RESULT_MARKER.length, end)) as Omit<StackResult, "log">;
      const log = this.out.slice(0, marker) + this.err;
      this.out = this.out.slice(end + 1);
      this.err = "";
      this.finish({ ...result, log });
    });
    child.stderr.on("data", (d) => (this.err += d));
    child.on("close", (code) => {
      if (this.child === child) this.child = undefined;
      this.finish({ ok: false, error: `stack driver exited ${code} without a result`, log: this.out + this.err });
    });
    return child;
  }

  private finish(r: StackResult): void {
    const done = this.current;
    this.current = undefined;
    done?.(r);
  }

  /** Only a running operation keeps the test process alive: an idle driver waits unreferenced. */
  private ref(on: boolean): void {
    const c = this.child;
    if (!c) return;
    for (const h of [c, c.stdin, c.stdout, c.stderr] as Array<{ ref(): void; unref(): void } | null>) {
      if (on) h?.ref();
      else h?.unref();
    }
    if (!on && this.closed) c.stdin?.end();
  }
}

export const RESULT_MARKER = "\n@@pulumi-civis-result@@";

/** Runs the Pulumi CLI itself (for what the Automation API does not cover, e.g. `stack export --show-secrets`). */
export function pulumiCli(args: string[], cwd: string, h: EngineHome, env: Record<string, string | undefined> = {}) {
  return execFileSync(path.join(pulumiBinFor(cwd), "pulumi"), args, {
    cwd,
    env: engineEnv(h, cwd, env),
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    maxBuffer: 256 * 1024 * 1024,
  });
}
