// WorkflowAccess owns a workflow's whole access list: anyone it does not list is revoked by `up`
// (but the workflow's owner and the API user, who are always kept).
import * as civis from "pulumi-civis";

const wf = new civis.Workflow("audited", {
  name: "Audited workflow (pulumi-civis example)",
  definition: civis.defineWorkflow("audited", { tasks: { hello: { action: "std.echo", input: { output: "hello" } } } }),
});
const access = new civis.WorkflowAccess("audited-access", {
  workflowId: wf.workflowId,
  users: { read: [101], write: [102] },
  groups: { read: [8] },
});

export const workflowId = wf.workflowId;
export const users = access.users;
export const groups = access.groups;
