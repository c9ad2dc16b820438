// The same shape as test/e2e/programs/load (N workflows, shares, project links) with a dynamic
// provider that does no I/O: what the engine itself costs, for the benchmark's ratios. Its
// `__provider` is a one-line handler that requires the no-op provider, as pulumi-civis's is, so
// the two stacks differ only in what the providers do and return.
import * as pulumi from "@pulumi/pulumi";

const PROVIDER = `exports.handler = () => require(${JSON.stringify(require.resolve("./noop"))}).noop;\n`;

class Floor extends pulumi.CustomResource {
  declare public readonly workflowId: pulumi.Output<number>;
  constructor(name: string, type: string, props: Record<string, unknown>) {
    super(`pulumi-nodejs:dynamic/floor:${type}`, name, {
      ...props,
      workflowId: props.workflowId ?? undefined,
      __provider: PROVIDER,
    });
  }
}

export = () => {
  const { count = 10, version = "v1" } = JSON.parse(process.env.PULUMI_CIVIS_TEST_ARGS ?? "{}") as {
    count?: number;
    version?: string;
  };
  for (let i = 0; i < count; i++) {
    const renamed = version !== "v1" && i < Math.ceil(count / 10);
    const wf = new Floor(`wf-${i}`, "Workflow", {
      name: `Load ${i}${renamed ? ` (${version})` : ""}`,
      definition: `version: "2.0"\nload_${i}:\n  tasks:\n    a: {action: std.noop}\n`,
    });
    new Floor(`share-${i}`, "WorkflowShare", { workflowId: wf.workflowId, userIds: [101], permissionLevel: "read" });
    new Floor(`project-${i}`, "WorkflowProject", { workflowId: wf.workflowId, projectId: 42 });
  }
  return { count };
};
