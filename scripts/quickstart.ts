/**
 * The quickstart: `pulumi <op>` on the root stack (Pulumi.yaml, a TypeScript program in
 * examples/quickstart/ that Pulumi compiles itself), with a local file backend under
 * .pulumi-civis/. Without CIVIS_API_KEY it starts the Civis API emulator, whose state persists in
 * .pulumi-civis/emulator.json, so a second run changes nothing. Where no Node.js language host is
 * to be had, the same program runs inline through the Automation API, with a note.
 */
import { spawn } from "node:child_process";
import * as path from "node:path";
import {
  engineEnv,
  engineHome,
  pulumiBinFor,
  hasLanguageHost,
  noteInlineFallback,
  pulumiVersion,
  runStack,
  REPO,
  type EngineHome,
  type StackOp,
} from "./engine";
import { startEmulator } from "../emulator/server";
import { DEFAULT_API_KEY } from "../emulator/seed";

const OPS: StackOp[] = ["up", "preview", "refresh", "destroy"];
const STACK = "dev";

async function main(): Promise<number> {
  const op = (process.argv[2] ?? "up") as StackOp;
  if (!OPS.includes(op)) {
    console.error(`usage: npm run quickstart [-- ${OPS.join("|")}]`);
    return 2;
  }
  // Where the local backend, engine home and emulator state live (tests point it elsewhere).
  const local = process.env.PULUMI_CIVIS_QUICKSTART_DIR ?? path.join(REPO, ".pulumi-civis");
  const env: Record<string, string | undefined> = {};
  let emulator: Awaited<ReturnType<typeof startEmulator>> | undefined;
  if (!process.env.CIVIS_API_KEY) {
    emulator = await startEmulator(0, { stateFile: path.join(local, "emulator.json") });
    env.CIVIS_API_KEY = DEFAULT_API_KEY;
    env.CIVIS_API_ENDPOINT = emulator.url;
    console.log(`No CIVIS_API_KEY set: using the local Civis API emulator at ${emulator.url}`);
  } else {
    console.log(`Using the Civis API at ${process.env.CIVIS_API_ENDPOINT ?? "https://api.civisanalytics.com/"}`);
  }
  const state = `${path.relative(REPO, local) || "."}/backend`;
  console.log(`Pulumi ${pulumiVersion()}: pulumi ${op} on stack "${STACK}" (state in ${state})\n`);
  try {
    const home = engineHome(local, process.env.PULUMI_CONFIG_PASSPHRASE ?? "pulumi-civis-quickstart");
    return hasLanguageHost() ? await runCli(op, home, env) : await runInline(op, home, env);
  } finally {
    await emulator?.close();
  }
}

/** What a user types: `pulumi stack select --create`, `pulumi <op> --yes`, `pulumi stack output`. */
async function runCli(op: StackOp, home: EngineHome, extra: Record<string, string | undefined>): Promise<number> {
  const env = engineEnv(home, REPO, extra);
  const pulumi = (args: string[]) =>
    new Promise<number>((resolve, reject) => {
      const child = spawn(path.join(pulumiBinFor(REPO), "pulumi"), args, {
        cwd: REPO,
        env,
        stdio: ["ignore", "inherit", "inherit"],
      });
      child.on("error", reject);
      child.on("close", (code) => resolve(code ?? 1));
    });
  if ((await pulumi(["stack", "select", STACK, "--create", "--non-interactive"])) !== 0) return 1;
  const args = op === "preview" ? ["preview"] : [op, "--yes", "--skip-preview"];
  const code = await pulumi([...args, "--non-interactive", "--stack", STACK]);
  if (code !== 0) {
    console.error(`\nquickstart: pulumi ${op} failed (its output is above)`);
    return code;
  }
  if (op === "up") {
    console.log("\nStack outputs (pulumi stack output):");
    return pulumi(["stack", "output", "--stack", STACK]);
  }
  return 0;
}

/** The same program, compiled by our build, hosted in-process by the Automation API. */
async function runInline(op: StackOp, home: EngineHome, env: Record<string, string | undefined>): Promise<number> {
  noteInlineFallback();
  const result = await runStack(
    {
      workDir: REPO,
      program: path.join(REPO, "dist", "examples", "quickstart", "index.js"),
      stack: STACK,
      op,
    },
    home,
    env,
  );
  process.stdout.write(result.log);
  if (!result.ok) {
    console.error(`\nquickstart: pulumi ${op} failed:\n${result.error}`);
    return 1;
  }
  if (result.outputs) {
    console.log("\nStack outputs:");
    for (const [k, v] of Object.entries(result.outputs)) console.log(`    ${k}  ${JSON.stringify(v)}`);
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: Error) => {
    console.error(`quickstart: ${e.message}`);
    process.exit(1);
  },
);
