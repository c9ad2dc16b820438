/**
 * The quickstart: `pulumi <op>` on the root stack (Pulumi.yaml, program in examples/quickstart),
 * with a local file backend under .pulumi-civis/. Without CIVIS_API_KEY it starts the Civis API
 * emulator, whose state persists in .pulumi-civis/emulator.json, so a second run changes nothing.
 */
import * as path from "node:path";
import { engineHome, pulumiVersion, runStack, REPO, type StackOp } from "./engine";
import { startEmulator } from "../emulator/server";
import { DEFAULT_API_KEY } from "../emulator/seed";

const OPS: StackOp[] = ["up", "preview", "refresh", "destroy"];

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
  console.log(`Pulumi ${pulumiVersion()}: pulumi ${op} on stack "dev" (state in ${path.relative(REPO, local) || "."}/backend)\n`);
  try {
    const home = engineHome(local, process.env.PULUMI_CONFIG_PASSPHRASE ?? "pulumi-civis-quickstart");
    const result = await runStack({
      workDir: REPO,
      program: path.join(REPO, "dist", "examples", "quickstart", "index.js"),
      stack: "dev",
      op,
    }, home, env);
    process.stdout.write(result.log);
    if (!result.ok) {
      console.error(`\nquickstart: pulumi ${op} failed:\n${result.error}`);
      return 1;
    }
    if (result.changes) console.log(`\nChanges: ${JSON.stringify(result.changes)}`);
    if (result.outputs) {
      console.log("Stack outputs:");
      for (const [k, v] of Object.entries(result.outputs)) console.log(`  ${k}: ${JSON.stringify(v)}`);
    }
    return 0;
  } finally {
    await emulator?.close();
  }
}

main().then((code) => process.exit(code), (e: Error) => {
  console.error(`quickstart: ${e.message}`);
  process.exit(1);
});
