#!/usr/bin/env node
/**
 * `pulumi-civis import`: writes a Pulumi program that adopts workflows a team already has.
 *
 *   npx pulumi-civis import [--ids 1004,1005] [--name-contains TEXT] [--author me|ID]
 *                           [--access additive|exclusive] [--owner keep] [--native] [--out DIR]
 *
 * It reads the chosen workflows (every page) with their shares and project links, using
 * CIVIS_API_KEY and CIVIS_API_ENDPOINT, and writes into DIR (default: the current folder) an
 * `index.ts` with one `ManagedWorkflow` per workflow, `adoptWorkflowId` set and every managed
 * field as Civis has it; each definition in `definitions/<name>-<id>.yaml`, read at run time; and
 * `Pulumi.yaml` and `package.json` when absent. Workflows the API user cannot manage are listed
 * in a comment, not adopted. `--access exclusive` makes each workflow's shares its whole access
 * list (`exclusiveAccess: true`); the default, additive, leaves later additions alone. `--owner keep`
 * writes each workflow's owner (`ownerId`), so an owner changed later in Civis is drift. Every file
 * is written whole or not at all, and Ctrl-C says which were. `--native` writes instead
 * `import.json`, the bulk file `pulumi import --file` takes, for a program on the native plugin.
 *
 *   npx pulumi-civis graph DEFINITION.yaml
 *
 * prints the definition's task graph as a Mermaid flowchart, and
 *
 *   pulumi preview --json | npx pulumi-civis review > review.md
 *
 * writes what the preview changes in Civis as Markdown for a pull request (sdk/review/review.ts).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { diffGraphs, lookupClient, taskGraph, type WorkflowInfo } from "../provider";
import { bulkImportFile } from "./bulkImport";
import { mermaidFlowchart } from "./review/mermaid";
import { reviewMarkdown, type PreviewJson } from "./review/review";
import { programFiles } from "./generate";
import { interruptedMessage, writeProgram, type WriteProgress } from "./write";

const USAGE =
  "usage: pulumi-civis import [--ids 1004,1005] [--name-contains TEXT] [--author me|ID] [--access " +
  "additive|exclusive] [--owner keep] [--native] [--out DIR]\n       pulumi-civis graph DEFINITION.yaml\n" +
  "       pulumi preview --json | pulumi-civis review [--in preview.json] > review.md";

async function main(argv: string[]): Promise<number> {
  if (argv[0] === "graph") return graph(argv.slice(1));
  if (argv[0] === "review") return review(argv.slice(1));
  if (argv[0] !== "import") {
    console.error(USAGE);
    return 2;
  }
  const flags = parseFlags(argv.slice(1));
  if (typeof flags === "string") {
    console.error(`pulumi-civis: ${flags}\n${USAGE}`);
    return 2;
  }
  const client = lookupClient(() => undefined);
  // Files are written only after every read, each whole: Ctrl-C says what is on disk (write.ts).
  let writing: WriteProgress | undefined = undefined;
  process.on("SIGINT", () => {
    console.error(`\npulumi-civis: ${interruptedMessage(writing)}`);
    process.exit(130);
  });
  const progress = (done: number, of: number) => {
    if (of >= 10)
      process.stderr.write(
        `\rpulumi-civis: reading workflows ${bar(done, of)} ${done}/${of}${done === of ? "\n" : ""}`,
      );
  };
  let workflows: WorkflowInfo[];
  if (flags.ids) {
    workflows = [];
    for (const id of flags.ids) {
      workflows.push(await client.workflow(id));
      progress(workflows.length, flags.ids.length);
    }
  } else {
    workflows = await client.workflows({ nameContains: flags.nameContains, author: flags.author }, progress);
  }
  // A workflow kept in git is written as its file (`git:`), not as a copy of its YAML.
  for (const w of workflows) if (w.myPermissionLevel === "manage") w.git = await client.gitFile(w.id);
  const out = path.resolve(flags.out ?? ".");
  const options = { exclusiveAccess: flags.access === "exclusive", keepOwner: flags.owner === "keep" };
  if (flags.native) {
    const file = path.join(out, "import.json");
    await writeProgram(
      out,
      { "import.json": bulkImportFile(workflows, options) },
      { folder: out, total: 1, written: [] },
    );
    console.log(
      `pulumi-civis: wrote ${path.relative(process.cwd(), file) || file} for the native plugin. Review it, then, in ` +
        `the program's folder: pulumi import --file ${path.relative(process.cwd(), file)} --out <program file>`,
    );
    return 0;
  }
  const files = programFiles(workflows, path.basename(out), (f) => fs.existsSync(path.join(out, f)), options);
  writing = { folder: path.relative(process.cwd(), out) || ".", total: Object.keys(files).length, written: [] };
  await writeProgram(out, files, writing);
  const adopted = workflows.filter((w) => w.myPermissionLevel === "manage").length;
  const program = path.relative(process.cwd(), path.join(out, "index.ts")) || "index.ts";
  const notAdopted = workflows.length - adopted;
  console.log(
    `pulumi-civis: wrote ${program}: ${adopted} workflow(s) to adopt` +
      `${notAdopted ? `, ${notAdopted} listed but not adopted (no manage permission)` : ""}. ` +
      "Review it, then: pulumi preview",
  );
  return 0;
}

/** `pulumi-civis graph FILE`: a definition's task graph as a Mermaid flowchart, on stdout. */
function graph(args: string[]): number {
  if (args.length !== 1) {
    console.error(USAGE);
    return 2;
  }
  let text: string;
  try {
    text = fs.readFileSync(args[0], "utf8");
  } catch (e) {
    console.error(`pulumi-civis: cannot read ${args[0]}: ${(e as Error).message}`);
    return 1;
  }
  const g = taskGraph(text);
  if (!g) {
    console.error(
      `pulumi-civis: ${args[0]} is not a workflow definition (YAML with version "2.0" and one workflow's tasks)`,
    );
    return 1;
  }
  process.stdout.write(mermaidFlowchart(diffGraphs(g, g)));
  return 0;
}

/** `pulumi-civis review [--in preview.json]`: a preview's JSON (stdin by default) as Markdown, on stdout. */
function review(args: string[]): number {
  if (args.length !== 0 && (args.length !== 2 || args[0] !== "--in")) {
    console.error(USAGE);
    return 2;
  }
  let preview: PreviewJson;
  try {
    preview = JSON.parse(fs.readFileSync(args[1] ?? 0, "utf8")) as PreviewJson;
  } catch (e) {
    console.error(
      `pulumi-civis: the preview's JSON (pulumi preview --json) could not be read: ${(e as Error).message}`,
    );
    return 1;
  }
  process.stdout.write(reviewMarkdown(preview));
  return 0;
}

interface Flags {
  ids?: number[];
  nameContains?: string;
  author?: number | "me";
  access?: "additive" | "exclusive";
  native?: boolean;
  owner?: "keep";
  out?: string;
}

function parseFlags(args: string[]): Flags | string {
  const flags: Flags = {};
  for (let i = 0; i < args.length; i += 2) {
    const [name, value] = [args[i], args[i + 1]];
    // The one flag without a value.
    if (name === "--native") {
      flags.native = true;
      i--;
      continue;
    }
    if (value === undefined) return `${name} needs a value`;
    switch (name) {
      case "--ids": {
        const ids = value.split(",").map(Number);
        if (ids.some((n) => !Number.isInteger(n) || n < 1))
          return `--ids takes workflow ids separated by commas, got ${JSON.stringify(value)}`;
        flags.ids = ids;
        break;
      }
      case "--name-contains":
        flags.nameContains = value;
        break;
      case "--author": {
        if (value !== "me" && !(Number.isInteger(Number(value)) && Number(value) > 0))
          return `--author takes "me" or a user id, got ${JSON.stringify(value)}`;
        flags.author = value === "me" ? "me" : Number(value);
        break;
      }
      case "--access": {
        if (value !== "additive" && value !== "exclusive")
          return (
            `--access takes additive (shares that add to what Civis has) or exclusive (each workflow's whole ` +
            `access list), got ${JSON.stringify(value)}`
          );
        flags.access = value;
        break;
      }
      case "--owner":
        if (value !== "keep")
          return `--owner takes keep (write each workflow's owner as ownerId), got ${JSON.stringify(value)}`;
        flags.owner = value;
        break;
      case "--out":
        flags.out = value;
        break;
      default:
        return `unknown option ${name}`;
    }
  }
  return flags;
}

function bar(done: number, of: number): string {
  const width = 30;
  const filled = Math.round((done / of) * width);
  return `[${"#".repeat(filled)}${" ".repeat(width - filled)}]`;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: Error) => {
    console.error(`pulumi-civis: ${e.message}`);
    process.exit(1);
  },
);
