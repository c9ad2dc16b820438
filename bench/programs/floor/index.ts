// The same shape as test/e2e/programs/load (N workflows, shares, project links) with a dynamic
// provider that does no I/O: what the engine itself costs, for the benchmark's ratios.
import * as pulumi from "@pulumi/pulumi";

const noop: pulumi.dynamic.ResourceProvider = {
  async create(inputs) {
    return { id: `${Math.random().toString(36).slice(2)}`, outs: { ...inputs, workflowId: Math.floor(Math.random() * 1e9) } };
  },
  async diff(_id, olds, news) {
    const changed = Object.keys(news).some((k) => k !== "__provider" && JSON.stringify(olds[k]) !== JSON.stringify(news[k]));
    return { changes: changed };
  },
  async update(_id, _olds, news) {
    return { outs: { ...news } };
  },
  async read(id, props) {
    return { id, props };
  },
  async delete() {},
};

class Floor extends pulumi.dynamic.Resource {
  declare public readonly workflowId: pulumi.Output<number>;
  constructor(name: string, type: string, props: Record<string, unknown>) {
    super(noop, name, { ...props, workflowId: props.workflowId ?? undefined }, {}, "floor", type);
  }
}

export = async () => {
  const { count = 10, version = "v1" } = JSON.parse(process.env.PULUMI_CIVIS_TEST_ARGS ?? "{}") as { count?: number; version?: string };
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
