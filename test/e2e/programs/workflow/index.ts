// Workflows, and standalone shares and project links on them, whose arguments the test passes as
// JSON in PULUMI_CIVIS_TEST_ARGS, so one program serves every step:
//   { "workflows": { "<name>": WorkflowArgs },
//     "shares": { "<name>": { "of": "<workflow name>" | <workflow id>, ...WorkflowShareArgs without workflowId } },
//     "projects": { "<name>": { "of": "<workflow name>" | <workflow id>, "projectId": 42 } },
//     "executions": { "<name>": { "of": "<workflow name>" | <workflow id>, ...WorkflowExecutionArgs } } }
import * as civis from "pulumi-civis";

interface TestArgs {
  workflows?: Record<string, civis.WorkflowArgs>;
  shares?: Record<string, Omit<civis.WorkflowShareArgs, "workflowId"> & { of: string | number }>;
  projects?: Record<string, { of: string | number; projectId: number }>;
  executions?: Record<string, Omit<civis.WorkflowExecutionArgs, "workflowId"> & { of: string | number }>;
}

export = () => {
  const args = JSON.parse(process.env.PULUMI_CIVIS_TEST_ARGS ?? "{}") as TestArgs;
  const workflows: Record<string, civis.Workflow> = {};
  const out: Record<string, unknown> = {};
  for (const [name, wfArgs] of Object.entries(args.workflows ?? {})) {
    const wf = (workflows[name] = new civis.Workflow(name, wfArgs));
    out[name] = { id: wf.id, workflowId: wf.workflowId, name: wf.name, valid: wf.valid, definition: wf.definition };
  }
  const idOf = (of: string | number) => (typeof of === "number" ? of : workflows[of].workflowId);
  for (const [name, { of, ...a }] of Object.entries(args.shares ?? {})) {
    out[name] = { id: new civis.WorkflowShare(name, { ...a, workflowId: idOf(of) }).id };
  }
  for (const [name, { of, projectId }] of Object.entries(args.projects ?? {})) {
    out[name] = { id: new civis.WorkflowProject(name, { workflowId: idOf(of), projectId }).id };
  }
  for (const [name, { of, ...a }] of Object.entries(args.executions ?? {})) {
    const run = new civis.WorkflowExecution(name, { ...a, workflowId: idOf(of) });
    out[name] = { id: run.id, executionId: run.executionId, state: run.state, tasks: run.tasks };
  }
  return out;
};
