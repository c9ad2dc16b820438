// One resource of any kind, its arguments as JSON in PULUMI_CIVIS_TEST_ARGS:
// { "resource": "Workflow" | "WorkflowShare" | "WorkflowProject" | "ManagedWorkflow", "args": {...} }
import * as civis from "pulumi-civis";

export = async () => {
  const { resource, args } = JSON.parse(process.env.PULUMI_CIVIS_TEST_ARGS ?? "{}");
  switch (resource) {
    case "Workflow": new civis.Workflow("subject", args); break;
    case "WorkflowShare": new civis.WorkflowShare("subject", args); break;
    case "WorkflowProject": new civis.WorkflowProject("subject", args); break;
    case "ManagedWorkflow": new civis.ManagedWorkflow("subject", args); break;
    default: throw new Error(`unknown resource ${resource}`);
  }
};
