/**
 * The native plugin `civis`: the engine starts `pulumi-resource-civis` (which runs this with node)
 * with its own address as the argument, and reads the port this serves on from stdout. One run
 * (`../run.ts`) for the process, configured by the engine's `Configure`.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { systemClock } from "../../client/clock";
import { Run } from "../run";
import { NativeProvider } from "./provider";
import { engineWarnings, providerService, serve } from "./server";

async function main(args: string[]): Promise<void> {
  const engineAddress = args.find((a) => !a.startsWith("-"));
  const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, "..", "..", "..", "..", "package.json"), "utf8")) as {
    version: string;
  };
  const run = new Run(process.env, systemClock, engineWarnings(engineAddress));
  const provider = new NativeProvider(run);
  const port = await serve(providerService(provider, pkg.version, () => run.cancel()));
  // The engine reads the port from the first line of stdout.
  process.stdout.write(`${port}\n`);
}

main(process.argv.slice(2)).catch((e: unknown) => {
  console.error(`civis plugin: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
