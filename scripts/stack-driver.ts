/**
 * Runs one stack operation through the Automation API in its own process, with the
 * @pulumi/pulumi that the program itself would load (resolved from the project folder), so a
 * program never meets two copies of the SDK: inline when the spec names a compiled program,
 * else the folder's own Pulumi.yaml program through the CLI and the language host. Reads a
 * StackSpec on stdin; prints the engine's output, then a marker and a JSON result on stdout.
 * Started by `engine.ts`, not by hand.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { StackResult, StackSpec } from "./engine";

const RESULT_MARKER = "\n@@pulumi-civis-result@@";

type Auto = typeof import("@pulumi/pulumi/automation");
type Stack = import("@pulumi/pulumi/automation").Stack;

/** One operation as `engine.ts` sends it, one JSON line each: the spec, and the whole environment to run it in. */
interface Request {
  spec: StackSpec;
  env: Record<string, string>;
}

/**
 * Reads operations, one JSON line each, and runs them one after another; for each, prints the
 * engine's output, then the marker, the JSON result and a newline. Ends when stdin does. A
 * session (engine.ts `StackSession`) sends many, so Node.js, the Automation API and the stack's
 * selection are paid once, not per operation; `runStack` sends one.
 */
async function main(): Promise<void> {
  let buffered = "";
  const lines: string[] = [];
  let wake: (() => void) | undefined;
  let ended = false;
  process.stdin.setEncoding("utf8");
  process.stdin.on("data", (d: string) => {
    buffered += d;
    let nl;
    while ((nl = buffered.indexOf("\n")) >= 0) {
      lines.push(buffered.slice(0, nl));
      buffered = buffered.slice(nl + 1);
    }
    wake?.();
  });
  process.stdin.on("end", () => {
    if (buffered.trim()) lines.push(buffered);
    ended = true;
    wake?.();
  });
  for (;;) {
    if (lines.length === 0) {
      if (ended) return;
      await new Promise<void>((resolve) => (wake = resolve));
      continue;
    }
    const request = JSON.parse(lines.shift()!) as Request;
    let result: Omit<StackResult, "log">;
    try {
      result = await runOne(request);
    } catch (e) {
      // The engine's own message is the useful part; keep it whole, without our stack.
      const message = (e as { stderr?: string }).stderr || (e as Error).message;
      result = { ok: false, error: String(message) };
    }
    process.stdout.write(RESULT_MARKER + JSON.stringify(result) + "\n");
  }
}

let auto: Auto | undefined;
let pulumiCommand: import("@pulumi/pulumi/automation").PulumiCommand | undefined;
const stacks = new Map<string, Stack>();
/** The resource changes the running operation's summary event counted. */
let summary: Record<string, number> | undefined;

async function runOne({ spec, env }: Request): Promise<Omit<StackResult, "log">> {
  setEnvironment(env);
  // The @pulumi/pulumi that the program's folder resolves, found at run time: a require, not an import.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  auto ??= require(require.resolve("@pulumi/pulumi/automation", { paths: [spec.workDir] })) as Auto;
  // The version was checked when the CLI was chosen (scripts/ensure-pulumi.sh): not again per operation.
  pulumiCommand ??= await auto.PulumiCommand.get({
    root: path.dirname(path.dirname(whichPulumi())),
    skipVersionCheck: true,
  });
  const key = `${spec.workDir}\0${spec.stack}\0${spec.program === undefined}`;
  let stack = stacks.get(key);
  if (!stack) {
    stack =
      spec.program === undefined
        ? // As users run it: `pulumi <op>` on the folder's Pulumi.yaml, through the language host.
          await auto.LocalWorkspace.createOrSelectStack(
            { stackName: spec.stack, workDir: spec.workDir },
            { pulumiCommand },
          )
        : await auto.LocalWorkspace.createOrSelectStack(
            { stackName: spec.stack, projectName: readProjectName(spec.workDir), program: inlineProgram(spec.program) },
            { workDir: spec.workDir, pulumiCommand },
          );
    // The summary of an operation, from its own events: the Automation API would otherwise read
    // it back with one more CLI run (`stack history`, which decrypts the stack's secrets).
    const history = stack.info.bind(stack);
    stack.info = async (showSecrets?: boolean) =>
      summary ? ({ resourceChanges: summary } as Awaited<ReturnType<Stack["info"]>>) : history(showSecrets);
    stacks.set(key, stack);
  }
  if (spec.program !== undefined) (stack.workspace as { program?: unknown }).program = inlineProgram(spec.program);
  if (spec.config) await stack.setAllConfig(spec.config);
  const onOutput = (s: string) => process.stdout.write(s);
  summary = undefined;
  const onEvent = (e: import("@pulumi/pulumi/automation").EngineEvent) => {
    if (e.summaryEvent) summary = e.summaryEvent.resourceChanges;
  };
  // The CLI's stderr too, in order, as a terminal shows it: with --diff the engine writes every
  // diagnostic (a provider's warnings included) to stderr.
  const opts = { onOutput, onError: onOutput, onEvent, color: "never" as const, ...(spec.options ?? {}) };
  switch (spec.op) {
    case "up": {
      const r = await stack.up(opts);
      return { ok: true, outputs: plain(r.outputs), changes: r.summary.resourceChanges };
    }
    case "preview": {
      const r = await stack.preview(opts);
      return { ok: true, changes: r.changeSummary };
    }
    case "refresh": {
      const r = await stack.refresh(opts);
      return { ok: true, changes: r.summary.resourceChanges };
    }
    case "destroy": {
      const r = await stack.destroy(opts);
      return { ok: true, changes: r.summary.resourceChanges };
    }
    case "outputs":
      return { ok: true, outputs: plain(await stack.outputs()) };
    case "export":
      return { ok: true, deployment: (await stack.exportStack()).deployment };
    case "cancel":
      await stack.cancel();
      return { ok: true };
  }
}

/**
 * This operation's environment, for the inline program (which runs in this process) and the
 * CLI (which inherits it). Files of the repo (the programs, the SDK) are loaded afresh, as in a
 * process of their own: a program reads its arguments when loaded, and the SDK keeps per-run state.
 */
function setEnvironment(env: Record<string, string>): void {
  for (const k of Object.keys(process.env)) if (!(k in env)) delete process.env[k];
  Object.assign(process.env, env);
  for (const file of Object.keys(require.cache)) {
    if (!file.includes(`${path.sep}node_modules${path.sep}`) && file !== __filename) delete require.cache[file];
  }
}

/** A compiled program module as an inline program: its export is a function, or the outputs themselves. */
function inlineProgram(file: string): () => Promise<Outputs | void> {
  return async () => {
    // A compiled file named at run time: required as is (an import() would wrap its exports in a
    // namespace object, and `{ ...mod }` would then carry a `default` output).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(file) as Outputs | (() => unknown);
    const fn = (typeof mod === "function" ? mod : mod.default) as (() => unknown) | undefined;
    return typeof fn === "function" ? ((await fn()) as Outputs | void) : { ...mod };
  };
}

type Outputs = Record<string, unknown>;

function plain(outputs: Record<string, { value: unknown }>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, v.value]));
}

function whichPulumi(): string {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    const candidate = path.join(dir, "pulumi");
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error("pulumi is not on PATH; scripts/ensure-pulumi.sh prints the folder to add");
}

function readProjectName(dir: string): string {
  const text = fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8");
  const m = /^name:\s*["']?([^"'\s#]+)/m.exec(text);
  if (!m) throw new Error(`${dir}/Pulumi.yaml has no name`);
  return m[1];
}

main().catch((e: Error) => {
  process.stderr.write(`stack driver: ${e.stack ?? e.message}\n`);
  process.exit(1);
});
