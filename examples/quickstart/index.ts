// The quickstart stack: one Civis workflow with a definition, a schedule and notifications.
// Run it with `npm run quickstart` (against the local emulator unless CIVIS_API_KEY is set).
import * as civis from "pulumi-civis";

const definition = civis.defineWorkflow("nightly_etl", {
  description: "Load the day's leads, then score them",
  tasks: {
    load: { action: "civis.run_job", input: { job_id: 1234 }, "on-success": ["score"] },
    score: { action: "civis.run_job", input: { job_id: 1235 } },
  },
});

export = async () => {
  const workflow = new civis.Workflow("nightly-etl", {
    name: "Nightly ETL (pulumi-civis quickstart)",
    description: "Created by the pulumi-civis quickstart",
    definition,
    schedule: { scheduled: true, scheduledDays: [1, 2, 3, 4, 5], scheduledHours: [6], scheduledMinutes: [30] },
    timeZone: "America/New_York",
    allowConcurrentExecutions: false,
    notifications: { failureEmailAddresses: ["data@example.com"], failureOn: true, successOn: false },
  });
  return {
    workflowId: workflow.workflowId,
    name: workflow.name,
    valid: workflow.valid,
    nextExecutionAt: workflow.nextExecutionAt,
  };
};
