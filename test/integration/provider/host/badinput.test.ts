// Every bad provider input of the table (test/support/badInputs.ts) through the provider objects
// that Pulumi's dynamic-provider host calls: `check` fails (config too, as a failure) with a message
// that names the property and the fix, and no request reaches the API. The component's cases
// throw in the program and run through the engine (test/e2e/badinput.test.ts).
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { dynamicProviders } from "../../../../provider/host/dynamic";
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
    it(what, async () => {
      // The provider process's environment: the emulator's, with the case's own settings.
      const vars: NodeJS.ProcessEnv = { CIVIS_API_KEY: DEFAULT_API_KEY, CIVIS_API_ENDPOINT: emu.url };
      for (const [k, v] of Object.entries(env ?? {})) {
        if (v === undefined) delete vars[k];
        else vars[k] = v;
      }
      const PROVIDERS = dynamicProviders(vars);
      // Settings are resolved when the engine configures the provider, as before every preview.
      await PROVIDERS.Workflow.configure(noStackConfig);
      const before = requests(emu).length;
      // Failures, not a throw, are what the host takes (host/dynamic.ts turns a config error into
      // one): no try here, so a check that throws, even with the right words, fails this test,
      // and "check failed" is said as itself rather than as a mismatch.
      const { failures } = await PROVIDERS[resource as keyof typeof PROVIDERS].check({}, args);
      assert.ok(failures.length > 0, "check failed");
      const said = failures.map((f) => `${f.property}: ${f.reason}`).join("\n");
      assert.match(said, message);
      assert.doesNotMatch(said, /\{<nil>\}|emulator-api-key/);
      assert.deepEqual(requests(emu).slice(before), [], "no request at all");
    });
  }
});
