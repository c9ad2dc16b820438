// The native plugin's provider in plain values, without gRPC or the API: which resource a URN
// names, the provider's own settings checked at preview, a diff that names each property and
// whether it replaces, and the outputs a preview of a create or an update answers.
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { systemClock } from "../../../../../provider/client/clock";
import { UNKNOWN } from "../../../../../provider/core/unknown";
import { NativeProvider, parseUrn } from "../../../../../provider/host/native/provider";
import { Run } from "../../../../../provider/host/run";

const urn = (type: string, name = "etl") => `urn:pulumi:dev::proj::${type}::${name}`;
const provider = (env: NodeJS.ProcessEnv = {}) => new NativeProvider(new Run(env, systemClock, () => undefined));
const DEFINITION = 'version: "2.0"\netl:\n  tasks:\n    a: {action: std.noop}\n';

describe("native provider", () => {
  it("a URN names the kind, also under a component parent; another package's type is refused", () => {
    assert.deepEqual(parseUrn(urn("civis:index:Workflow")), { kind: "Workflow", name: "etl" });
    assert.deepEqual(parseUrn(urn("civis:index:ManagedWorkflow$civis:index:WorkflowShare", "etl-read")), {
      kind: "WorkflowShare",
      name: "etl-read",
    });
    assert.throws(() => parseUrn(urn("aws:s3:Bucket")), /the civis plugin has no resource type "aws:s3:Bucket"/);
  });

  it("checkConfig fails on a missing key or a bad setting, naming it and the fix; unknown values pass", () => {
    const p = provider();
    assert.match(p.checkConfig({}).failures[0].reason, /no Civis API key: set it with `pulumi config set civis:apiKey/);
    assert.match(
      p.checkConfig({ apiKey: "k", maxRetries: 99 }).failures[0].reason,
      /civis:maxRetries must be a whole number from 0 to 20, got "99"/,
    );
    assert.deepEqual(p.checkConfig({ apiKey: "k", endpoint: "https://civis.example.com" }).failures, []);
    assert.deepEqual(provider({ CIVIS_API_KEY: "from-env" }).checkConfig({}).failures, [], "the environment serves");
    assert.deepEqual(p.checkConfig({ apiKey: UNKNOWN }).failures, []);
  });

  it("diffConfig: a changed setting updates the provider, never replaces it; the version is no change", () => {
    const p = provider();
    assert.deepEqual(p.diffConfig({ apiKey: "a", version: "1" }, { apiKey: "a", version: "2" }), {
      changes: false,
      replaces: [],
      detailed: {},
    });
    assert.deepEqual(p.diffConfig({ apiKey: "a" }, { apiKey: "a", namePrefix: "[dev] " }).detailed, {
      namePrefix: "add",
    });
  });

  it("diff names each property: updated in place, added, removed, and those that replace", () => {
    const p = provider();
    const olds = { name: "a", definition: DEFINITION, hidden: false, description: "d", workflowId: 7 };
    const d = p.diff(urn("civis:index:Workflow"), olds, {
      name: "b",
      definition: DEFINITION,
      hidden: true,
      timeZone: "UTC",
    });
    assert.deepEqual(d, {
      changes: true,
      replaces: ["hidden"],
      detailed: { name: "update", timeZone: "add", hidden: "update-replace", description: "delete" },
    });
    assert.deepEqual(p.diff(urn("civis:index:Workflow"), olds, { ...olds }), {
      changes: false,
      replaces: [],
      detailed: {},
    });
  });

  it("a preview of a create answers the inputs with what Civis computes unknown, and sends nothing", async () => {
    const made = await provider().create(urn("civis:index:Workflow"), { name: "a", adoptWorkflowId: 5 }, true);
    assert.equal(made.outs.name, "a");
    assert.equal(made.outs.workflowId, UNKNOWN);
    assert.equal(made.outs.adoptWorkflowId, undefined, "read at creation only: not an output");
  });

  it("a preview of an update keeps the computed outputs known (a workflow's id stays known)", async () => {
    const outs = await provider().update(
      urn("civis:index:Workflow"),
      "7",
      { name: "a", description: "old", workflowId: 7, valid: true },
      { name: "b" },
      true,
    );
    assert.deepEqual(JSON.parse(JSON.stringify(outs)), { name: "b", workflowId: 7, valid: true });
  });

  it("a function's bad arguments are failures naming each, with no read; an unknown function is refused", async () => {
    const p = provider();
    const r = await p.invoke("civis:index:getWorkflowExecutions", { workflowId: "12", limit: 2.5, colour: "red" });
    assert.deepEqual(
      r.failures.map((f) => f.reason),
      [
        "civis:index:getWorkflowExecutions: colour is not a known property; known: workflowId, state, limit, all",
        'civis:index:getWorkflowExecutions: workflowId must be a whole number of at least 1, not "12"',
        "civis:index:getWorkflowExecutions: limit must be a whole number of at least 1, not number 2.5",
      ],
    );
    await assert.rejects(p.invoke("civis:index:getEverything", {}), /the civis plugin has no function/);
  });
});
