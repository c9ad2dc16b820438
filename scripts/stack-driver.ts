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

async function main(): Promise<void> {
  const spec = JSON.parse(fs.readFileSync(0, "utf8")) as StackSpec;
  // The @pulumi/pulumi that the program's folder resolves, found at run time: a require, not an import.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const auto = require(
    require.resolve("@pulumi/pulumi/automation", { paths: [spec.workDir] }),
  ) as typeof import("@pulumi/pulumi/automation");
  const pulumiBin = whichPulumi();
  const pulumiCommand = await auto.PulumiCommand.get({
    root: path.dirname(path.dirname(pulumiBin)),
    skipVersionCheck: false,
  });
  const projectName = readProjectName(spec.workDir);
  const stack =
    spec.program === undefined
      ? // As users run it: `pulumi <op>` on the folder's Pulumi.yaml, through the language host.
        await auto.LocalWorkspace.createOrSelectStack(
          { stackName: spec.stack, workDir: spec.workDir },
          { pulumiCommand },
        )
      : await auto.LocalWorkspace.createOrSelectStack(
          { stackName: spec.stack, projectName, program: inlineProgram(spec.program) },
          { workDir: spec.workDir, pulumiCommand },
        );
  if (spec.config) await stack.setAllConfig(spec.config);
  const onOutput = (s: string) => process.stdout.write(s);
  // The CLI's stderr too, in order, as a terminal shows it: with --diff the engine writes every
  // diagnostic (a provider's warnings included) to stderr.
  const opts = { onOutput, onError: onOutput, color: "never" as const, ...(spec.options ?? {}) };
  let result: Omit<StackResult, "log">;
  switch (spec.op) {
    case "up": {
      const r = await stack.up(opts);
      result = { ok: true, outputs: plain(r.outputs), changes: r.summary.resourceChanges };
      break;
    }
    case "preview": {
      const r = await stack.preview(opts);
      result = { ok: true, changes: r.changeSummary };
      break;
    }
    case "refresh": {
      const r = await stack.refresh(opts);
      result = { ok: true, changes: r.summary.resourceChanges };
      break;
    }
    case "destroy": {
      const r = await stack.destroy(opts);
      result = { ok: true, changes: r.summary.resourceChanges };
      break;
    }
    case "outputs":
      result = { ok: true, outputs: plain(await stack.outputs()) };
      break;
    case "export":
      result = { ok: true, deployment: (await stack.exportStack()).deployment };
      break;
    case "cancel":
      await stack.cancel();
      result = { ok: true };
      break;
  }
  process.stdout.write(RESULT_MARKER + JSON.stringify(result));
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
  // The engine's own message is the useful part; keep it whole, without our stack.
  const message = (e as { stderr?: string }).stderr || e.message;
  process.stdout.write(RESULT_MARKER + JSON.stringify({ ok: false, error: String(message) }));
});
