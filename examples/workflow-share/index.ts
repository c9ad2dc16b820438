// WorkflowShare grants one level to the principals it names and manages only those.
import * as civis from "pulumi-civis";

const wf = new civis.Workflow("shared", {
  name: "Shared workflow (pulumi-civis example)",
  definition: civis.defineWorkflow("shared", { tasks: { hello: { action: "std.echo", input: { output: "hello" } } } }),
});
const readers = new civis.WorkflowShare("analysts-read", {
  workflowId: wf.workflowId,
  userIds: [101],
  groupIds: [8],
  permissionLevel: "read",
  sendSharedEmail: false,
});
const writers = new civis.WorkflowShare("maintainers-write", {
  workflowId: wf.workflowId,
  userIds: [102],
  permissionLevel: "write",
});

export const workflowId = wf.workflowId;
export const readerIds = readers.userIds;
export const writerIds = writers.userIds;
