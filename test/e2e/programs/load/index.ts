// N workflows, N shares and N project links (1:1:1), for the load test and the benchmark:
// PULUMI_CIVIS_TEST_ARGS = { "count": N, "version": "v1" } (a new version renames the first 10 %).
import * as civis from "pulumi-civis";

export = () => {
  const { count = 10, version = "v1" } = JSON.parse(process.env.PULUMI_CIVIS_TEST_ARGS ?? "{}") as {
    count?: number;
    version?: string;
  };
  const ids = [];
  for (let i = 0; i < count; i++) {
    const renamed = version !== "v1" && i < Math.ceil(count / 10);
    const wf = new civis.Workflow(`wf-${i}`, {
      name: `Load ${i}${renamed ? ` (${version})` : ""}`,
      definition: `version: "2.0"\nload_${i}:\n  tasks:\n    a: {action: std.noop}\n`,
    });
    new civis.WorkflowShare(`share-${i}`, { workflowId: wf.workflowId, userIds: [101], permissionLevel: "read" });
    new civis.WorkflowProject(`project-${i}`, { workflowId: wf.workflowId, projectId: 42 });
    ids.push(wf.workflowId);
  }
  return { count: ids.length };
};
