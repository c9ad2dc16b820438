// The Mermaid flowchart of a definition's change, letter for letter.
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { diffGraphs, taskGraph } from "../../../../provider/core/taskGraph";
import { mermaidFlowchart } from "../../../../sdk/review/mermaid";

const HEAD =
  'version: "2.0"\nn:\n  tasks:\n    extract: {action: civis.run_job, on-success: [load], on-error: [fail]}\n';
const BEFORE = `${HEAD}    load: {action: civis.run_job}\n`;
const AFTER = `${HEAD}    load: {action: civis.run_script}\n    "say \\"hi\\"": {action: std.echo}\n`;

describe("Mermaid flowchart", () => {
  it("draws before and after in one chart, with colours and a legend", () => {
    assert.equal(
      mermaidFlowchart(diffGraphs(taskGraph(BEFORE), taskGraph(AFTER))),
      [
        "flowchart TD",
        '  t0["extract<br/><small>civis.run_job</small>"]',
        '  t1["load<br/><small>civis.run_script</small>"]:::changed',
        '  t2["say #quot;hi#quot;<br/><small>std.echo</small>"]:::added',
        '  cmd3(("fail"))',
        "  t0 -->|on-success| t1",
        "  t0 -.->|on-error| cmd3",
        "  subgraph legend [Legend]",
        "    direction LR",
        '    legend_added["added"]:::added',
        '    legend_changed["changed"]:::changed',
        '    legend_removed["removed"]:::removed',
        "  end",
        "  classDef added fill:#dafbe1,stroke:#1a7f37,color:#1f2328",
        "  classDef removed fill:#ffebe9,stroke:#cf222e,color:#1f2328,stroke-dasharray:4 3",
        "  classDef changed fill:#fff8c5,stroke:#9a6700,color:#1f2328",
        "",
      ].join("\n"),
    );
  });

  it("an unchanged definition has no legend and no colour", () => {
    const chart = mermaidFlowchart(diffGraphs(taskGraph(BEFORE), taskGraph(BEFORE)));
    assert.doesNotMatch(chart, /legend|:::/);
  });
});
