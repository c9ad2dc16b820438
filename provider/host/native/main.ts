/**
 * The native plugin `civis`: the engine starts `pulumi-resource-civis` (which runs the plugin's
 * entry, `sdk/plugin.ts`, with node) with its own address as the argument, and reads the port
 * this serves on from stdout. One run (`../run.ts`) for the process, configured by the engine's
 * `Configure`; the components it constructs are handed in by the entry.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { systemClock } from "../../client/clock";
import { Run } from "../run";
import type { ComponentFactory } from "./construct";
import { NativeProvider } from "./provider";
import { engineLog, providerService, serve } from "./server";

export type { ComponentFactory };

export async function servePlugin(args: string[], components: Record<string, ComponentFactory>): Promise<void> {
  const engineAddress = args.find((a) => !a.startsWith("-"));
  const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, "..", "..", "..", "..", "package.json"), "utf8")) as {
    version: string;
  };
  const run = new Run(process.env, systemClock, engineLog(engineAddress, "warning"));
  const provider = new NativeProvider(run, engineLog(engineAddress, "info"));
  const service = providerService(provider, {
    version: pkg.version,
    cancel: () => run.cancel(),
    engineAddress,
    components,
  });
  const port = await serve(service);
  // The engine reads the port from the first line of stdout.
  process.stdout.write(`${port}\n`);
}
