/**
 * Requests per operation of the workflow's own parts (issue 19): a definition kept in git, an
 * owner, a clone and the dependencies a share leaves out, each on 10 workflows through the real
 * engine against the emulator (`node dist/scripts/bench.js --only-workflow`). Counts, not times:
 * every request the emulator logged during the operation, by kind.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { engineHome, runStack, REPO } from "./engine";
import { startEmulator } from "../emulator/server";
import { DEFAULT_API_KEY } from "../emulator/seed";
import { createClient } from "../provider/client";

export interface OperationRow {
  operation: string;
  requests: number;
  byKind: string;
}

const REPO_URL = "https://git.example.com/data/bench.git";
const yaml = (task: string) => `version: "2.0"\nnightly:\n  tasks:\n    ${task}: {action: std.noop}\n`;

export async function workflowBench(n = 10): Promise<OperationRow[]> {
  const emulator = await startEmulator(0, { options: { rateLimit: { limit: 1_000_000, windowMs: 1000 } } });
  // Inside the repo, so the program resolves this checkout's @pulumi/pulumi.
  fs.mkdirSync(path.join(REPO, ".bench-tmp"), { recursive: true });
  const dir = fs.mkdtempSync(path.join(REPO, ".bench-tmp", "workflow-"));
  const push = async (files: Record<string, string>, message: string): Promise<string> => {
    const res = await fetch(`${emulator.url}/_emulator/git/commits`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ repoUrl: REPO_URL, files, message }),
    });
    if (res.status !== 201) throw new Error(`push: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { commitHash: string }).commitHash;
  };
  try {
    const workDir = path.join(dir, "project");
    fs.mkdirSync(workDir);
    const programDir = path.join(REPO, "test", "e2e", "programs", "workflow");
    fs.copyFileSync(path.join(programDir, "Pulumi.yaml"), path.join(workDir, "Pulumi.yaml"));
    const program = path.join(REPO, "dist", "test", "e2e", "programs", "workflow", "index.js");
    const home = engineHome(dir);
    const rows: OperationRow[] = [];
    const step = async (operation: string, op: "up" | "preview" | "refresh" | "destroy", args: object) => {
      emulator.log.clear();
      const r = await runStack({ workDir, program, stack: "bench", op, options: { parallel: 64 } }, home, {
        CIVIS_API_KEY: DEFAULT_API_KEY,
        CIVIS_API_ENDPOINT: emulator.url,
        PULUMI_CIVIS_TEST_ARGS: JSON.stringify(args),
      });
      if (!r.ok) throw new Error(`${operation} failed: ${r.error}\n${r.log.slice(-2000)}`);
      rows.push({ operation, ...requestKinds(emulator.log.entries()) });
    };
    const names = Array.from({ length: n }, (_, i) => `w${i}`);
    const workflows = (extra: (i: number) => object) => ({
      workflows: Object.fromEntries(names.map((name, i) => [name, { name: `Bench ${name}`, ...extra(i) }])),
    });

    // A definition kept in git: tracked on its branch, then pinned to a commit.
    const first = await push(Object.fromEntries(names.map((w) => [`${w}.yml`, yaml("load")])), "Add");
    const tracked = (file: (w: string) => string) =>
      workflows((i) => ({ git: { repoUrl: REPO_URL, path: file(names[i]) } }));
    await step(
      "git: create (attach, check out the branch's newest)",
      "up",
      tracked((w) => `${w}.yml`),
    );
    await step(
      "git: preview, no change",
      "preview",
      tracked((w) => `${w}.yml`),
    );
    await push(Object.fromEntries(names.map((w) => [`${w}.yml`, yaml("copy")])), "Copy too");
    await step(
      "git: refresh after the branch moved on",
      "refresh",
      tracked((w) => `${w}.yml`),
    );
    await step(
      "git: up checking the newest out",
      "up",
      tracked((w) => `${w}.yml`),
    );
    await push(Object.fromEntries(names.map((w) => [`${w}-v2.yml`, yaml("load")])), "Add v2");
    await step(
      "git: a new path, in place",
      "up",
      tracked((w) => `${w}-v2.yml`),
    );
    const pinned = workflows((i) => ({ git: { repoUrl: REPO_URL, path: `${names[i]}.yml`, ref: first } }));
    await step("git: pin to a commit", "up", pinned);
    await step("git: refresh of pinned files", "refresh", pinned);

    // An owner: the team account takes the workflows over.
    const owned = workflows((i) => ({ definition: yaml(`t${i}`), ownerId: 103 }));
    await step(
      "definition instead of git (the attachment stays)",
      "up",
      workflows((i) => ({ definition: yaml(`t${i}`) })),
    );
    await step("owner: transfer to user 103", "up", owned);
    await step("owner: refresh", "refresh", owned);
    await step("destroy", "destroy", owned);

    // A clone of one workflow, each taking the program's name and time zone.
    const client = createClient({
      apiKey: DEFAULT_API_KEY,
      endpoint: `${emulator.url}/`,
      maxRetries: 2,
      requestTimeoutMs: 5000,
      retryBaseMs: 20,
    });
    const source = (await client.createWorkflow({ name: "Bench source", definition: yaml("src") })).id;
    const clones = workflows(() => ({ cloneFrom: { workflowId: source, schedule: true }, timeZone: "Europe/Berlin" }));
    await step("clone: create from one source", "up", clones);
    await step("clone: preview, no change", "preview", clones);

    // What a share leaves out: one read of the dependencies per user who gains access.
    const shared = {
      ...clones,
      shares: Object.fromEntries(names.map((w) => [`share-${w}`, { of: w, userIds: [102], permissionLevel: "read" }])),
    };
    await step("dependencies: preview of a share to one user", "preview", shared);
    await step("dependencies: up of the shares", "up", shared);
    await step("dependencies: preview, no change", "preview", shared);
    await step("destroy", "destroy", shared);
    return rows;
  } finally {
    await emulator.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The requests of an operation, counted by kind: ids as `{id}`, a commit or tag read as `{ref}`. */
export function requestKinds(entries: ReadonlyArray<{ method: string; path: string }>) {
  const kinds = new Map<string, number>();
  for (const e of entries) {
    const where = e.path.replace(/\/commits\/[^/]+$/, "/commits/{ref}").replace(/\/\d+/g, "/{id}");
    kinds.set(`${e.method} ${where}`, (kinds.get(`${e.method} ${where}`) ?? 0) + 1);
  }
  return { requests: entries.length, byKind: [...kinds].map(([k, v]) => `${v}× ${k}`).join(", ") || "none" };
}

export function operationTable(rows: OperationRow[], n = 10): string[] {
  return [
    `| operation on ${n} workflows | requests | per workflow | requests by kind |`,
    "|---|---|---|---|",
    ...rows.map((r) => `| ${r.operation} | ${r.requests} | ${(r.requests / n).toFixed(1)} | ${r.byKind} |`),
  ];
}

/**
 * Requests of one `WorkflowExecution` create that waits for a run of each length, at the
 * provider's own schedule sped up `speed` times (the emulator's runs and the provider's reads
 * alike), so an hour's run takes 30 s: the reads counted are those of the real schedule.
 */
export async function executionBench(speed = 120): Promise<OperationRow[]> {
  const { WorkflowExecution } = await import("../provider/resources/execution/resource");
  const { createContext } = await import("../provider/resources/context");
  const { resolveConfig } = await import("../provider/core/config");
  const emulator = await startEmulator(0, { options: { runTimeScale: speed } });
  try {
    const env = {
      CIVIS_API_KEY: DEFAULT_API_KEY,
      CIVIS_API_ENDPOINT: emulator.url,
      CIVIS_POLL_START_MS: String(Math.round(2000 / speed)),
    };
    const config = resolveConfig(() => undefined, env);
    const ctx = { ...createContext(config, createClient(config)), say: () => undefined };
    const definition = 'version: "2.0"\nrun:\n  tasks:\n    work: {action: std.noop}\n';
    const wf = (await ctx.client.createWorkflow({ name: "Bench run", definition })).id;
    const rows: OperationRow[] = [];
    for (const [label, ms] of [
      ["10 s", 10_000],
      ["1 min", 60_000],
      ["10 min", 600_000],
      ["1 h", 3_600_000],
    ] as const) {
      emulator.context.options.taskPlans = { work: { durationMs: ms } };
      emulator.log.clear();
      await WorkflowExecution.create(ctx, { workflowId: wf, timeoutMinutes: 120 });
      rows.push({ operation: `a run of ${label}, waited for`, ...requestKinds(emulator.log.entries()) });
    }
    return rows;
  } finally {
    await emulator.close();
  }
}

export function runTable(rows: OperationRow[]): string[] {
  return [
    "| operation | requests | requests by kind |",
    "|---|---|---|",
    ...rows.map((r) => `| ${r.operation} | ${r.requests} | ${r.byKind} |`),
  ];
}
