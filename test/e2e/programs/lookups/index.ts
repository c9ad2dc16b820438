// The lookups from a program: { "id": <workflow id>, "nameContains": "<text>" } in PULUMI_CIVIS_TEST_ARGS.
import * as pulumi from "@pulumi/pulumi";
import * as civis from "pulumi-civis";

export = async () => {
  const { id, nameContains } = JSON.parse(process.env.PULUMI_CIVIS_TEST_ARGS ?? "{}");
  const one = await civis.getWorkflow({ id });
  const many = await civis.getWorkflows({ nameContains });
  return {
    name: one.name,
    shares: one.shares,
    projectIds: one.projectIds,
    schedule: one.schedule,
    count: many.length,
    names: many.map((w) => w.name),
    viaOutput: civis.getWorkflowOutput({ id: pulumi.output(id) }).apply((w) => w.name),
    manyViaOutput: civis.getWorkflowsOutput({ nameContains: pulumi.output(nameContains) }).apply((ws) => ws.length),
  };
};
