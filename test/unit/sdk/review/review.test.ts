// The review's words for what the real previews of the integration test do not show: an archive,
// an access list moving principals, a run `up` will start, and the preview's diagnostics.
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { reviewMarkdown } from "../../../../sdk/review/review";

const urn = (type: string, name: string) => `urn:pulumi:dev::p::${type}::${name}`;

describe("review", () => {
  it("archives, access moves, runs and diagnostics, from either provider's resources", () => {
    const md = reviewMarkdown({
      changeSummary: { delete: 1, update: 1, create: 1 },
      steps: [
        {
          op: "delete",
          urn: urn("pulumi-nodejs:dynamic/civis:Workflow", "old"),
          oldState: {
            type: "pulumi-nodejs:dynamic/civis:Workflow",
            inputs: { name: "Old export", definition: 'version: "2.0"\no:\n  tasks:\n    x: {action: std.noop}\n' },
            outputs: { workflowId: 7 },
          },
        },
        {
          op: "update",
          urn: urn("civis:index:WorkflowAccess", "acl"),
          oldState: {
            type: "civis:index:WorkflowAccess",
            inputs: { workflowId: 12, users: { read: [101, 103] }, groups: { write: [8] } },
          },
          newState: {
            type: "civis:index:WorkflowAccess",
            inputs: { workflowId: 12, users: { write: [101] }, groups: { write: [8] } },
          },
        },
        {
          op: "create",
          urn: urn("civis:index:WorkflowExecution", "run"),
          newState: { type: "civis:index:WorkflowExecution", inputs: { workflowId: 12 } },
        },
        { op: "create", urn: urn("aws:s3:Bucket", "other"), newState: { type: "aws:s3:Bucket", inputs: {} } },
      ],
      diagnostics: [
        { urn: urn("civis:index:WorkflowAccess", "acl"), severity: "warning", message: "user 101 lacks job 5\n" },
      ],
    });
    assert.equal(
      md,
      [
        "# Civis changes",
        "",
        "1 to create, 1 to update, 1 to delete.",
        "",
        "## - Workflow `Old export` (archived)",
        "",
        "```mermaid",
        "flowchart TD",
        '  t0["x<br/><small>std.noop</small>"]:::removed',
        "  subgraph legend [Legend]",
        "    direction LR",
        '    legend_added["added"]:::added',
        '    legend_changed["changed"]:::changed',
        '    legend_removed["removed"]:::removed',
        "  end",
        "  classDef added fill:#dafbe1,stroke:#1a7f37,color:#1f2328",
        "  classDef removed fill:#ffebe9,stroke:#cf222e,color:#1f2328,stroke-dasharray:4 3",
        "  classDef changed fill:#fff8c5,stroke:#9a6700,color:#1f2328",
        "```",
        "",
        "## Access",
        "",
        "- user 101: read → **write** on workflow 12",
        "- user 103 loses **read** on workflow 12",
        "",
        "## Runs",
        "",
        "- `up` starts a run of workflow 12",
        "",
        "## Errors and warnings",
        "",
        "- **warning** `acl`: user 101 lacks job 5",
        "",
      ].join("\n"),
    );
  });
});
