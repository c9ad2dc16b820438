// ManagedWorkflows, plus standalone shares and project links on them, from JSON the test passes
// in PULUMI_CIVIS_TEST_ARGS:
//   { "managed": { "<name>": ManagedWorkflowArgs },
//     "shares": { "<name>": { "of": "<managed name>", ...WorkflowShareArgs without workflowId } },
//     "projects": { "<name>": { "of": "<managed name>", "projectId": 42 } },
//     "access": { "<name>": { "of": "<managed name>" or "workflowId": 1001, ...WorkflowAccessArgs } } }
import * as civis from "pulumi-civis";

interface TestArgs {
  managed?: Record<string, civis.ManagedWorkflowArgs>;
  shares?: Record<string, Omit<civis.WorkflowShareArgs, "workflowId"> & { of: string }>;
  projects?: Record<string, { of: string; projectId: number }>;
  access?: Record<string, Omit<civis.WorkflowAccessArgs, "workflowId"> & { of?: string; workflowId?: number }>;
}

export = () => {
  const args = JSON.parse(process.env.PULUMI_CIVIS_TEST_ARGS ?? "{}") as TestArgs;
  const managed: Record<string, civis.ManagedWorkflow> = {};
  const out: Record<string, unknown> = {};
  for (const [name, a] of Object.entries(args.managed ?? {})) {
    managed[name] = new civis.ManagedWorkflow(name, a);
    const run = managed[name].run;
    out[name] = {
      workflowId: managed[name].workflowId,
      ...(run ? { run: { id: run.executionId, state: run.state } } : {}),
    };
  }
  for (const [name, { of, ...a }] of Object.entries(args.shares ?? {})) {
    const share = new civis.WorkflowShare(name, { ...a, workflowId: managed[of].workflowId });
    out[name] = { id: share.id, userIds: share.userIds, ownerIds: share.ownerIds };
  }
  for (const [name, { of, projectId }] of Object.entries(args.projects ?? {})) {
    out[name] = { id: new civis.WorkflowProject(name, { workflowId: managed[of].workflowId, projectId }).id };
  }
  for (const [name, { of, workflowId, ...a }] of Object.entries(args.access ?? {})) {
    const access = new civis.WorkflowAccess(name, { ...a, workflowId: of ? managed[of].workflowId : workflowId! });
    out[name] = {
      id: access.id,
      users: access.users,
      groups: access.groups,
      ownerId: access.ownerId,
      apiUserId: access.apiUserId,
    };
  }
  return out;
};
