/**
 * The one way this repo drives the real Pulumi engine: tests, the quickstart and the benchmark
 * all come through here. It makes sure the CLI is there, builds the offline environment (a local
 * file backend, a passphrase, a private PULUMI_HOME, no update checks, no plugin downloads) and
 * runs stack operations in a child process through the Automation API's inline mode.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
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
    }).trim().split("\n").pop()!;
  }
  return binDir;
}

export function pulumiVersion(): string {
  return execFileSync(path.join(ensurePulumi(), "pulumi"), ["version"], { encoding: "utf8", env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" } }).trim();
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

/** The environment of every engine run: offline, local, and with the Node.js dynamic-provider plugin on PATH. */
export function engineEnv(h: EngineHome, nodeModulesOf: string, extra: Record<string, string | undefined> = {}): Record<string, string> {
  const pluginDir = path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [nodeModulesOf] }));
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...process.env, ...extra })) if (v !== undefined) env[k] = v;
  return {
    ...env,
    PATH: [ensurePulumi(), pluginDir, process.env.PATH ?? ""].join(path.delimiter),
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
  /** The compiled program module; its export (a function) is the inline program. */
  program: string;
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
  deployment?: any;
  /** Everything the engine printed. */
  log: string;
}

/**
 * Runs one stack operation in a child process; never throws for a failed operation (see `ok`).
 * The child leads its own process group (with the CLI and the provider under it), so `onStart`
 * can kill the whole operation at once, as a crash would: `process.kill(-child.pid, "SIGKILL")`.
 */
export function runStack(
  spec: StackSpec, h: EngineHome, env: Record<string, string | undefined> = {},
  onStart?: (child: ChildProcess) => void,
): Promise<StackResult> {
  const fullEnv = engineEnv(h, spec.workDir, env);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [DRIVER], { cwd: spec.workDir, env: fullEnv, stdio: ["pipe", "pipe", "pipe"], detached: true });
    onStart?.(child);
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("error", reject);
    child.on("close", (code) => {
      const marker = out.lastIndexOf(RESULT_MARKER);
      if (marker < 0) {
        resolve({ ok: false, error: `stack driver exited ${code} without a result`, log: out + err });
        return;
      }
      const result = JSON.parse(out.slice(marker + RESULT_MARKER.length)) as Omit<StackResult, "log">;
      resolve({ ...result, log: out.slice(0, marker) + err });
    });
    child.stdin.end(JSON.stringify(spec));
  });
}

export const RESULT_MARKER = "\n@@pulumi-civis-result@@";

/** Runs the Pulumi CLI itself (for what the Automation API does not cover, e.g. `stack export --show-secrets`). */
export function pulumiCli(args: string[], cwd: string, h: EngineHome, env: Record<string, string | undefined> = {}) {
  return execFileSync(path.join(ensurePulumi(), "pulumi"), args, {
    cwd,
    env: engineEnv(h, cwd, env),
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    maxBuffer: 256 * 1024 * 1024,
  });
}
