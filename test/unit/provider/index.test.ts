// Each resource's __provider: one line that the dynamic-provider host evaluates to the provider object.
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { providerSource, type ResourceKind } from "../../../provider";
import * as path from "node:path";
import * as vm from "node:vm";
import * as runtime from "../../../provider/host/dynamic";
import { REPO } from "../../../scripts/engine";

/** What Pulumi's dynamic-provider host does with the source: evaluate it as a module, call handler(). */
function load(source: string): unknown {
  const module = { exports: {} as { handler?: () => unknown } };
  // As Node's module loader compiles a module: a function of its exports, require and module.
  vm.compileFunction(source, ["exports", "require", "module"])(module.exports, require, module);
  return module.exports.handler!();
}

/** Every resource kind: a Record, so the compiler refuses the list when a kind is left out. */
const EVERY_KIND: Record<ResourceKind, true> = {
  Workflow: true,
  WorkflowShare: true,
  WorkflowProject: true,
  WorkflowAccess: true,
  WorkflowExecution: true,
};
const KINDS = Object.keys(EVERY_KIND) as ResourceKind[];

describe("providerSource", () => {
  it("covers every provider object the runtime serves", () => {
    const served = Object.entries(runtime)
      .filter(([, v]) => typeof (v as { create?: unknown }).create === "function")
      .map(([k]) => k);
    assert.deepEqual(served.sort(), [...KINDS].sort());
  });

  for (const kind of KINDS) {
    it(`${kind}: evaluates to the runtime's provider object, with every method the host calls`, () => {
      const provider = load(providerSource(kind)) as Record<string, unknown>;
      assert.equal(provider, runtime[kind]);
      for (const m of ["configure", "check", "diff", "create", "read", "update", "delete"])
        assert.equal(typeof provider[m], "function", m);
    });
  }

  it("is one short line that names only the runtime module, by absolute path from a checkout", () => {
    const source = providerSource("WorkflowShare");
    const runtimeFile = path.join(REPO, "dist", "provider", "runtime.js");
    assert.equal(source, `exports.handler = () => require(${JSON.stringify(runtimeFile)}).WorkflowShare;\n`);
    assert.ok(source.length < 200, `${source.length} bytes`);
  });
});
