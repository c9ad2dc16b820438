// Resources of any kind, their arguments as JSON in PULUMI_CIVIS_TEST_ARGS: one
// { "resource": "Workflow" | "WorkflowShare" | "WorkflowProject" | "WorkflowAccess" | "WorkflowExecution" |
//   "ManagedWorkflow",
//   "args": {...} },
// or a list of them, each with a "name". The engine's unknown sentinel anywhere in the args
// becomes an Output not known at preview, as another resource's output would be.
import * as pulumi from "@pulumi/pulumi";
import * as civis from "pulumi-civis";

type One = { resource: string; args: unknown; name?: string };

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
type OutputConstructor = new (...args: unknown[]) => pulumi.Output<unknown>;
const unknownOutput = () =>
  new (pulumi.Output as unknown as OutputConstructor)(
    new Set(),
    Promise.resolve(undefined),
    Promise.resolve(false),
    Promise.resolve(false),
    Promise.resolve(new Set()),
  );
const withUnknowns = (v: unknown): unknown => {
  if (v === UNKNOWN) return unknownOutput();
  if (Array.isArray(v)) return v.map(withUnknowns);
  if (typeof v === "object" && v !== null)
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, withUnknowns(x)]));
  return v;
};

export = () => {
  const given = JSON.parse(process.env.PULUMI_CIVIS_TEST_ARGS ?? "{}") as One | One[];
  for (const { resource, args: json, name = "subject" } of Array.isArray(given) ? given : [given]) {
    // Bad on purpose: each resource takes them as its arguments, and its checks find what is wrong.
    const args = withUnknowns(json);
    switch (resource) {
      case "Workflow":
        new civis.Workflow(name, args as civis.WorkflowArgs);
        break;
      case "WorkflowShare":
        new civis.WorkflowShare(name, args as civis.WorkflowShareArgs);
        break;
      case "WorkflowProject":
        new civis.WorkflowProject(name, args as civis.WorkflowProjectArgs);
        break;
      case "WorkflowAccess":
        new civis.WorkflowAccess(name, args as civis.WorkflowAccessArgs);
        break;
      case "WorkflowExecution":
        new civis.WorkflowExecution(name, args as civis.WorkflowExecutionArgs);
        break;
      case "ManagedWorkflow":
        new civis.ManagedWorkflow(name, args as civis.ManagedWorkflowArgs);
        break;
      default:
        throw new Error(`unknown resource ${resource}`);
    }
  }
};
