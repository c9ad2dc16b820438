// A workflow that runs on deploy: the first `up` creates it and runs it, and every later `up`
// that changes what it runs (its definition) runs it again; an `up` that changes only its name,
// schedule or shares runs nothing. `up` waits for the run and fails if a task fails, naming it.
// Run it: `pulumi up` in this folder (see README.md for the emulator or a real key).
import * as civis from "pulumi-civis";

const definition = `
version: "2.0"
refresh_marts:
  description: Rebuild the marts, then check them
  tasks:
    rebuild:
      action: std.echo
      input: {output: "marts rebuilt"}
      on-success: [check]
    check:
      action: std.echo
      input: {output: "row counts checked"}
`;

const marts = new civis.ManagedWorkflow("marts", {
  name: "Refresh marts (pulumi-civis example)",
  definition,
  schedule: { scheduled: true, scheduledDays: [1, 2, 3, 4, 5], scheduledHours: [5], scheduledMinutes: [0] },
  timeZone: "America/New_York",
  // Wait up to 20 minutes for the run; a failed task fails the deploy.
  runOnDeploy: { timeoutMinutes: 20 },
});

export const workflowId = marts.workflowId;
export const valid = marts.workflow.valid;
export const lastRun = marts.run!.executionId;
export const lastRunState = marts.run!.state;
