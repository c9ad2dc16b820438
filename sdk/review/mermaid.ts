/**
 * A task graph as a Mermaid flowchart (GitHub and GitLab draw it in Markdown): before and after
 * in one picture, tasks and transitions added in green, removed in red and dashed, tasks whose
 * body changed in amber, with a legend. Transitions by kind: `on-success` a line, `on-error` a
 * dotted line, `on-complete` a thick one, `requires` a line so labelled; the engine's `succeed`,
 * `fail` and `pause` as round ends.
 */
import type { GraphDiff } from "../../provider";

const ARROWS = { "on-success": "-->", "on-error": "-.->", "on-complete": "==>", requires: "-->" } as const;
const ENGINE = new Set(["succeed", "fail", "pause"]);
const COLOURS = {
  added: "fill:#dafbe1,stroke:#1a7f37,color:#1f2328",
  removed: "fill:#ffebe9,stroke:#cf222e,color:#1f2328,stroke-dasharray:4 3",
  changed: "fill:#fff8c5,stroke:#9a6700,color:#1f2328",
};
const LINKS = {
  added: "stroke:#1a7f37,stroke-width:2px",
  removed: "stroke:#cf222e,stroke-width:2px,stroke-dasharray:4 3",
};

/** Text inside a Mermaid label: quotes and angle brackets as entities, so no name breaks the chart. */
const label = (s: string) => s.replace(/"/g, "#quot;").replace(/</g, "#lt;").replace(/>/g, "#gt;");

export function mermaidFlowchart(diff: GraphDiff): string {
  const ids = new Map<string, string>();
  const id = (name: string) => {
    if (!ids.has(name)) ids.set(name, `${ENGINE.has(name) ? "cmd" : "t"}${ids.size}`);
    return ids.get(name)!;
  };
  const lines = ["flowchart TD"];
  for (const t of diff.tasks) {
    const text = t.action ? `${label(t.name)}<br/><small>${label(t.action)}</small>` : label(t.name);
    lines.push(`  ${id(t.name)}["${text}"]${t.change === "same" ? "" : `:::${t.change}`}`);
  }
  for (const e of diff.edges) if (ENGINE.has(e.to) && !ids.has(e.to)) lines.push(`  ${id(e.to)}(("${e.to}"))`);
  const styled: string[] = [];
  diff.edges.forEach((e, i) => {
    lines.push(`  ${id(e.from)} ${ARROWS[e.kind]}|${e.kind}| ${id(e.to)}`);
    if (e.change !== "same") styled.push(`  linkStyle ${i} ${LINKS[e.change]}`);
  });
  const shown = new Set(diff.tasks.map((t) => t.change).filter((c) => c !== "same"));
  if (shown.size > 0 || diff.edges.some((e) => e.change !== "same")) {
    lines.push("  subgraph legend [Legend]", "    direction LR");
    for (const c of ["added", "changed", "removed"] as const) lines.push(`    legend_${c}["${c}"]:::${c}`);
    lines.push("  end");
  }
  lines.push(...styled);
  for (const [c, style] of Object.entries(COLOURS)) lines.push(`  classDef ${c} ${style}`);
  return `${lines.join("\n")}\n`;
}
