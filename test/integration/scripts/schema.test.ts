// schema.json, the native plugin's package schema, is what scripts/schema.ts makes of the field
// tables and the TypeScript SDK's declarations: up to date, every input documented, the key secret.
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import { inputNames, outputNames, RESOURCE_KINDS } from "../../../provider";
import { SCHEMA_FILE, schemaText } from "../../../scripts/schema";

type Spec = { description?: string; $ref?: string; type?: string };
type Resource = { inputProperties: Record<string, Spec>; properties: Record<string, Spec>; requiredInputs: string[] };
type Schema = {
  config: { variables: Record<string, Spec & { secret?: boolean; defaultInfo?: { environment: string[] } }> };
  resources: Record<string, Resource>;
  types: Record<string, { properties: Record<string, Spec> }>;
};

describe("schema.json", () => {
  const text = schemaText();
  const schema = JSON.parse(text) as Schema;

  it("is what scripts/schema.ts writes now (run `npm run schema` after changing a field or its doc)", () => {
    assert.equal(fs.readFileSync(SCHEMA_FILE, "utf8"), text);
  });

  it("has each resource with the field table's inputs and outputs, each input documented", () => {
    for (const kind of RESOURCE_KINDS) {
      const r = schema.resources[`civis:index:${kind}`];
      assert.deepEqual(Object.keys(r.inputProperties), inputNames(kind), kind);
      assert.deepEqual(Object.keys(r.properties), outputNames(kind), kind);
      for (const [name, spec] of Object.entries(r.inputProperties))
        assert.ok(spec.description && spec.description.length > 10, `${kind}.${name} is documented`);
    }
    assert.deepEqual(schema.resources["civis:index:WorkflowShare"].requiredInputs, ["workflowId", "permissionLevel"]);
  });

  it("types nested values by their SDK names, documented field by field", () => {
    const workflow = schema.resources["civis:index:Workflow"].inputProperties;
    assert.equal(workflow.schedule.$ref, "#/types/civis:index:WorkflowSchedule");
    assert.equal(workflow.definition.$ref, "pulumi.json#/Any", "YAML text or an object");
    const hours = schema.types["civis:index:WorkflowSchedule"].properties.scheduledHours;
    assert.deepEqual(
      [hours.type, hours.description],
      ["array", "Hours of the day, 0-23, in the workflow's time zone."],
    );
  });

  it("makes the API key a secret setting with its environment variable", () => {
    const key = schema.config.variables.apiKey;
    assert.equal(key.secret, true);
    assert.deepEqual(key.defaultInfo, { environment: ["CIVIS_API_KEY"] });
    assert.equal(schema.config.variables.endpoint.secret, undefined);
  });

  it("has the lookups as functions, a list answer under a name, and ManagedWorkflow as a component", () => {
    const functions = (JSON.parse(text) as { functions: Record<string, { outputs: { properties: object } }> })
      .functions;
    assert.deepEqual(Object.keys(functions), [
      "civis:index:getWorkflow",
      "civis:index:getWorkflows",
      "civis:index:getWorkflowDependencies",
      "civis:index:getWorkflowExecutions",
      "civis:index:getWorkflowExecution",
    ]);
    assert.deepEqual(Object.keys(functions["civis:index:getWorkflows"].outputs.properties), ["workflows"]);
    const component = schema.resources["civis:index:ManagedWorkflow"] as Resource & { isComponent?: boolean };
    assert.equal(component.isComponent, true);
    assert.ok(component.inputProperties.shares && component.inputProperties.definition);
  });
});
