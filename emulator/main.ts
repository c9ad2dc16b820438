#!/usr/bin/env node
// `npm run emulator -- [--port N] [--state FILE] [--seed FILE] [--time-scale X]`: a local Civis
// API on 127.0.0.1. Environment: CIVIS_EMULATOR_PORT, CIVIS_EMULATOR_STATE, CIVIS_EMULATOR_SEED,
// CIVIS_EMULATOR_TIME_SCALE (rate-limit windows pass X times faster than the wall clock).
import { isTimeScale } from "./clock";
import { loadSeed, DEFAULT_API_KEY } from "./seed";
import { startEmulator } from "./server";

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const port = Number(flag("port") ?? process.env.CIVIS_EMULATOR_PORT ?? 0);
  const stateFile = flag("state") ?? process.env.CIVIS_EMULATOR_STATE;
  const seedFile = flag("seed") ?? process.env.CIVIS_EMULATOR_SEED;
  const scale = flag("time-scale") ?? process.env.CIVIS_EMULATOR_TIME_SCALE;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0-65535, got ${port}`);
  const timeScale = scale === undefined ? 1 : Number(scale);
  if (!isTimeScale(timeScale)) throw new Error(`--time-scale must be a number above 0, got ${scale}`);
  const emulator = await startEmulator(port, { stateFile, seed: () => loadSeed(seedFile), options: { timeScale } });
  // One line a parent process can wait for and parse. The pid is this server's own: `npm run`
  // puts npm in front of it, and killing npm's pid would leave the server running.
  console.log(
    `civis-emulator listening on ${emulator.url} (pid ${process.pid}; stop it with Ctrl-C or \`kill ${process.pid}\`)`,
  );
  if (!seedFile)
    console.log(`civis-emulator: API key of the seeded caller: ${DEFAULT_API_KEY} (a test key, not a secret)`);
  const stop = () => void emulator.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((e) => {
  console.error(`civis-emulator: ${(e as Error).message}`);
  process.exit(1);
});
