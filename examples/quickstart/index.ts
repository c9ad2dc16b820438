// The quickstart stack: a Civis workflow with a definition, a schedule and notifications, shared
// with a reader and a group, and filed in a project. Run it with `npm run quickstart` (against the
// local emulator unless CIVIS_API_KEY is set), which runs `pulumi up` on the root Pulumi.yaml.
import * as civis from "pulumi-civis";

const definition = civis.defineWorkflow("nightly_etl", {
  description: "Load the day's leads, then score them",
  tasks: {
    load: { action: "civis.run_job", input: { job_id: 1234 }, "on-success": ["score"] },
    score: { action: "civis.run_job", input: { job_id: 1235 } },
  },
});

const etl = new civis.ManagedWorkflow("nightly-etl", {
  name: "Nightly ETL (pulumi-civis quickstart)",
  description: "Created by the pulumi-civis quickstart",
  definition,
  schedule: { scheduled: true, scheduledDays: [1, 2, 3, 4, 5], scheduledHours: [6], scheduledMinutes: [30] },
  timeZone: "America/New_York",
  allowConcurrentExecutions: false,
  notifications: { failureEmailAddresses: ["data@example.com"], failureOn: true, successOn: false },
  // The emulator's seeded colleagues, group and project; use your own ids against Civis.
  shares: { read: { users: [101], groups: [8] } },
  projectIds: [42],
});

export const workflowId = etl.workflowId;
export const name = etl.workflow.name;
export const valid = etl.workflow.valid;
export const nextExecutionAt = etl.workflow.nextExecutionAt;
export const sharedWith = etl.shares.read!.userIds;
export const projectLink = etl.projects[42].id;
