// Resources of any kind, their arguments as JSON in PULUMI_CIVIS_TEST_ARGS: one
// { "resource": "Workflow" | "WorkflowShare" | "WorkflowProject" | "WorkflowAccess" | "ManagedWorkflow", "args": {...} },
// or a list of them, each with a "name".
import * as civis from "pulumi-civis";

type One = { resource: string; args: any; name?: string };

export = async () => {
  const given = JSON.parse(process.env.PULUMI_CIVIS_TEST_ARGS ?? "{}") as One | One[];
  for (const { resource, args, name = "subject" } of Array.isArray(given) ? given : [given]) {
    switch (resource) {
      case "Workflow": new civis.Workflow(name, args); break;
      case "WorkflowShare": new civis.WorkflowShare(name, args); break;
      case "WorkflowProject": new civis.WorkflowProject(name, args); break;
      case "WorkflowAccess": new civis.WorkflowAccess(name, args); break;
      case "ManagedWorkflow": new civis.ManagedWorkflow(name, args); break;
      default: throw new Error(`unknown resource ${resource}`);
    }
  }
};
