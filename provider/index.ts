/**
 * The serializable provider objects. The engine serializes each object's code into every
 * resource's state (`__provider`), so each method is one line that loads the real code with
 * `require()` at call time: nothing is captured but two short strings. Credentials are read in
 * the provider process (configure, or CIVIS_API_KEY), never captured here.
 */
import type * as pulumi from "@pulumi/pulumi";
import * as path from "node:path";

/**
 * How the provider process finds `runtime.js`. Installed under node_modules, the serialized code
 * says `require("pulumi-civis/dist/provider/runtime.js")`, resolved from the program's folder
 * like any dependency; used from a checkout (this repo's examples and tests), its absolute path.
 */
function runtimeSpecifier(): string {
  const file = require.resolve("./runtime");
  const parts = file.split(path.sep);
  const i = parts.lastIndexOf("node_modules");
  return i >= 0 ? parts.slice(i + 1).join("/") : file;
}

const RUNTIME = runtimeSpecifier();

function providerFor(kind: "Workflow" | "WorkflowShare" | "WorkflowProject"): pulumi.dynamic.ResourceProvider {
  const runtime = RUNTIME;
  return {
    async configure(req) { require(runtime).configure(req.config); },
    check: (olds, news) => require(runtime)[kind].check(olds, news),
    diff: (id, olds, news) => require(runtime)[kind].diff(id, olds, news),
    create: (inputs) => require(runtime)[kind].create(inputs),
    read: (id, props) => require(runtime)[kind].read(id, props),
    update: (id, olds, news) => require(runtime)[kind].update(id, olds, news),
    delete: (id, props) => require(runtime)[kind].delete(id, props),
  };
}

export const workflowProvider = providerFor("Workflow");
export const workflowShareProvider = providerFor("WorkflowShare");
export const workflowProjectProvider = providerFor("WorkflowProject");
