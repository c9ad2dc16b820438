/**
 * The program the generator writes for existing workflows: pure text from what the lookups read,
 * so it is tested without the API.
 */
import { PERMISSION_LEVELS, workflowProgramValues, type WorkflowInfo } from "../provider";

/** How the written program manages who may see each workflow. */
export interface ProgramOptions {
  /**
   * Each workflow's shares as its whole access list (`exclusiveAccess: true`): later additions in
   * the web app are revoked. Default: additive shares.
   */
  exclusiveAccess?: boolean;
  /** Write each workflow's owner as `ownerId` (`--owner keep`): an owner changed later in Civis is drift. */
  keepOwner?: boolean;
}

/**
 * Files to write, by path relative to the output folder: a definition per adopted workflow,
 * `index.ts`, and `Pulumi.yaml` and `package.json` where `exists` says they are absent.
 */
export function programFiles(
  workflows: WorkflowInfo[],
  project: string,
  exists: (file: string) => boolean,
  options: ProgramOptions = {},
): Record<string, string> {
  const files: Record<string, string> = {};
  const adoptable = workflows.filter((w) => w.myPermissionLevel === "manage");
  const others = workflows.filter((w) => w.myPermissionLevel !== "manage");
  const blocks = adoptable.map((w) => {
    const name = resourceName(w);
    if (!w.git) files[`definitions/${name}.yaml`] = w.definition;
    return managedWorkflow(w, name, options);
  });
  const skipped =
    others.length === 0
      ? ""
      : "\n// Not adopted: the API user's permission on these is below manage " +
        `(ask their owners to share them at manage):\n${others
          .map((w) => `//   ${w.id} ${JSON.stringify(w.name)} (${w.myPermissionLevel}, author ${w.author.name})`)
          .join("\n")}\n`;
  // A program whose workflows all run git files has no definitions/ to read.
  const fromFiles = adoptable.some((w) => !w.git);
  const header = [
    "// Written by `pulumi-civis import`: each ManagedWorkflow takes over an existing workflow",
    "// (adoptWorkflowId) with every field as Civis has it, so the first `pulumi up` writes nothing.",
    ...(fromFiles ? ["// Definitions are read from definitions/ at run time; edit them there."] : []),
    ...(adoptable.some((w) => w.git)
      ? ["// A workflow kept in git names its file (git:); edit it in its repository."]
      : []),
    ...(options.exclusiveAccess
      ? [
          "// exclusiveAccess: each workflow's shares are its whole access list; anyone added in the web app",
          "// later shows in `pulumi refresh` and `preview --diff`, and `up` revokes them.",
        ]
      : []),
    ...(fromFiles ? ['import * as fs from "node:fs";', 'import * as path from "node:path";'] : []),
    'import * as civis from "pulumi-civis";',
    ...(fromFiles
      ? ["", 'const definition = (file: string) => fs.readFileSync(path.join(__dirname, "definitions", file), "utf8");']
      : []),
  ];
  files["index.ts"] = `${header.join("\n")}\n${skipped}\n${blocks.join("\n")}`;
  if (!exists("Pulumi.yaml"))
    files["Pulumi.yaml"] =
      `name: ${project.replace(/[^A-Za-z0-9_.-]/g, "-") || "civis-workflows"}\nruntime: nodejs\ndescription: Civis ` +
      `workflows adopted by pulumi-civis import\n`;
  if (!exists("package.json")) {
    files["package.json"] = `${JSON.stringify(
      {
        name: project.toLowerCase().replace(/[^a-z0-9-]/g, "-") || "civis-workflows",
        private: true,
        main: "index.ts",
        dependencies: { "@pulumi/pulumi": "^3.248.0", "pulumi-civis": "^0.1.0" },
        devDependencies: { "@types/node": "^20.19.0", typescript: "^5.9.0" },
      },
      null,
      2,
    )}\n`;
  }
  return files;
}

/** Unique (the id), stable (the id does not change) and readable (the name): "legacy-export-1004". */
export function resourceName(w: Pick<WorkflowInfo, "id" | "name">): string {
  const slug = w.name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/, "");
  return slug ? `${slug}-${w.id}` : `workflow-${w.id}`;
}

function managedWorkflow(w: WorkflowInfo, name: string, options: ProgramOptions): string {
  // Every field of the Workflow's table that the workflow has otherwise than Civis's default;
  // the definition is read from its file, or is the git file's (written as `git`, whatever it holds).
  const args: string[] = [
    `adoptWorkflowId: ${w.id}`,
    ...workflowProgramValues(w).flatMap(([f, v]) =>
      f !== "definition"
        ? [`${f}: ${literal(v)}`]
        : w.git
          ? []
          : [`definition: definition(${JSON.stringify(`${name}.yaml`)})`],
    ),
    ...(w.git ? [`git: ${literal(gitValues(w.git))}`] : []),
  ];
  const levels = PERMISSION_LEVELS.map((level) => {
    // The author owns the workflow whatever a share says: not listed.
    const users = w.shares[level].users.filter((u) => u !== w.author.id);
    const groups = w.shares[level].groups;
    if (!users.length && !groups.length) return undefined;
    const parts = [
      ...(users.length ? [`users: [${users.join(", ")}]`] : []),
      ...(groups.length ? [`groups: [${groups.join(", ")}]`] : []),
    ];
    return `${level}: { ${parts.join(", ")} }`;
  }).filter(Boolean);
  if (levels.length) args.push(`shares: { ${levels.join(", ")} }`);
  if (options.keepOwner) args.push(`ownerId: ${w.author.id}`);
  if (options.exclusiveAccess) args.push("exclusiveAccess: true");
  if (w.projectIds.length) args.push(`projectIds: [${w.projectIds.join(", ")}]`);
  return `new civis.ManagedWorkflow(${JSON.stringify(name)}, {\n${args.map((a) => `  ${a},`).join("\n")}\n});\n`;
}

/** A git file as a program writes it: what differs from the defaults `git` fills in. */
function gitValues(g: NonNullable<WorkflowInfo["git"]>): Record<string, unknown> {
  const out: Record<string, unknown> = { repoUrl: g.repoUrl, path: g.path };
  if (g.ref !== g.branch) out.ref = g.ref;
  if (g.branch !== "main") out.branch = g.branch;
  if (g.refType !== "branch") out.refType = g.refType;
  if (g.pullFromGit) out.pullFromGit = true;
  return out;
}

/** A value as TypeScript source: objects as `{ key: value }` on one line, the rest as JSON. */
function literal(v: unknown): string {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return JSON.stringify(v);
  return `{ ${Object.entries(v)
    .map(([k, x]) => `${k}: ${JSON.stringify(x)}`)
    .join(", ")} }`;
}
