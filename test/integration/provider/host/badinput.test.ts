// Every bad provider input of the table (test/support/badInputs.ts) through both hosts: the provider
// objects that Pulumi's dynamic-provider host calls, and the native plugin's provider (what its gRPC
// server calls): `check` fails (config too, as a failure) with a message that names the property
// and the fix, and no request reaches the API. The component's cases
// throw in the program and run through the engine (test/e2e/badinput.test.ts).
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { systemClock } from "../../../../provider/client/clock";
import { dynamicProviders } from "../../../../provider/host/dynamic";
import { NativeProvider } from "../../../../provider/host/native/provider";
import { Run } from "../../../../provider/host/run";
import { CASES } from "../../../support/badInputs";
import { DEFAULT_API_KEY, requests, withEmulator, type Emulator } from "../../../support/emulator";

const noStackConfig = { config: { get: (): string | undefined => undefined } };

describe("bad input fails in check, naming the property and the fix, with no API request", () => {
  let emu: Emulator;
  before(async () => {
    emu = await withEmulator();
  });
  after(async () => emu?.close());

  for (const [what, { resource, args }, message, env] of CASES) {
    if (!["Workflow", "WorkflowShare", "WorkflowProject", "WorkflowAccess", "WorkflowExecution"].includes(resource))
      continue;
    for (const host of ["dynamic", "native"] as const)
      it(`${what} (${host})`, async () => {
        // The provider process's environment: the emulator's, with the case's own settings.
        const vars: NodeJS.ProcessEnv = { CIVIS_API_KEY: DEFAULT_API_KEY, CIVIS_API_ENDPOINT: emu.url };
        for (const [k, v] of Object.entries(env ?? {})) {
          if (v === undefined) delete vars[k];
          else vars[k] = v;
        }
        // Settings are resolved when the engine configures the provider, as before every preview.
        // Failures, not a throw, are what the hosts take (a config error becomes one): no try here,
        // so a check that throws, even with the right words, fails this test, and "check failed" is
        // said as itself rather than as a mismatch.
        const before = requests(emu).length;
        let failures: Array<{ property: string; reason: string }>;
        if (host === "dynamic") {
          const PROVIDERS = dynamicProviders(vars);
          await PROVIDERS.Workflow.configure(noStackConfig);
          ({ failures } = await PROVIDERS[resource as keyof typeof PROVIDERS].check({}, args));
        } else {
          const provider = new NativeProvider(new Run(vars, systemClock, () => undefined));
          provider.configure(() => undefined);
          ({ failures } = await provider.check(`urn:pulumi:dev::p::civis:index:${resource}::subject`, {}, args));
        }
        assert.ok(failures.length > 0, "check failed");
        const said = failures.map((f) => `${f.property}: ${f.reason}`).join("\n");
        assert.match(said, message);
        assert.doesNotMatch(said, /\{<nil>\}|emulator-api-key/);
        assert.deepEqual(requests(emu).slice(before), [], "no request at all");
      });
  }
});
