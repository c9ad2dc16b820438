// A Workflow whose definition is YAML text, as you might keep it in a file beside the program.
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

export = async () => {
  const report = new civis.Workflow("weekly-report", {
    name: "Weekly report (pulumi-civis example)",
    definition,
    schedule: { scheduled: true, scheduledDays: [1], scheduledHours: [7], scheduledMinutes: [0] },
    timeZone: "Europe/London",
  });
  return { workflowId: report.workflowId, valid: report.valid };
};
