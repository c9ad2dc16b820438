// One or more Workflows whose arguments the test passes as JSON in PULUMI_CIVIS_TEST_ARGS:
// { "workflows": { "<resource name>": WorkflowArgs } }, so one program serves every step.
import * as civis from "pulumi-civis";

interface TestArgs {
  workflows: Record<string, civis.WorkflowArgs>;
}

export = async () => {
  const args = JSON.parse(process.env.PULUMI_CIVIS_TEST_ARGS ?? "{}") as TestArgs;
  const out: Record<string, unknown> = {};
  for (const [name, wfArgs] of Object.entries(args.workflows ?? {})) {
    const wf = new civis.Workflow(name, wfArgs);
    out[name] = { id: wf.id, workflowId: wf.workflowId, name: wf.name, valid: wf.valid, definition: wf.definition };
  }
  return out;
};
