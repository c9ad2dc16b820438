// WorkflowProject puts a workflow in a project; its id is "<workflowId>/<projectId>".
import * as civis from "pulumi-civis";

const wf = new civis.Workflow("filed", { name: "Filed workflow (pulumi-civis example)" });
const marketing = new civis.WorkflowProject("in-marketing", { workflowId: wf.workflowId, projectId: 42 });
const finance = new civis.WorkflowProject("in-finance", { workflowId: wf.workflowId, projectId: 43 });

export const workflowId = wf.workflowId;
export const links = [marketing.id, finance.id];
