// A Workflow whose definition is YAML text, as you might keep it in a file beside the program.
// Run it: `pulumi up` in this folder (see README.md for the emulator or a real key).
import * as civis from "pulumi-civis";

const definition = `
version: "2.0"
weekly_report:
  description: Refresh the report tables, then tell the team
  tasks:
    refresh:
      action: civis.scripts.sql
      input: {sql: "select refresh_report()", database: 1}
      on-success: [notify]
      on-error: [fail]
    notify:
      action: std.echo
      input: {output: "report refreshed"}
`;

const report = new civis.Workflow("weekly-report", {
  name: "Weekly report (pulumi-civis example)",
  definition,
  schedule: { scheduled: true, scheduledDays: [1], scheduledHours: [7], scheduledMinutes: [0] },
  timeZone: "Europe/London",
});

export const workflowId = report.workflowId;
export const valid = report.valid;
