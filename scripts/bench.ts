/**
 * `npm run bench [-- --sizes 10,100,300 --latencies 0,50]`: the provider's cost next to the
 * engine's own floor. For stacks of N workflows, shares and project links (1:1:1), runs create,
 * a no-op up, preview, refresh, an update of 10 % of the workflows and destroy with the real
 * engine, once with pulumi-civis against the emulator and once with a no-I/O dynamic provider;
 * then the requests WorkflowAccess makes per operation (`--only-access` runs just that,
 * `--only-workflow` just the workflow parts' table of bench-workflow.ts, and `--only-generator` just
 * the generator's line). Prints the figures and writes bench/RESULTS.md.
 * A script that measures, not a test.
 */
import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import * as fs from "node:fs";
import * as http from "node:http";
import * as os from "node:os";
import * as path from "node:path";
import { engineHome, pulumiCli, pulumiVersion, runStack, REPO } from "./engine";
import { startEmulator } from "../emulator/server";
import { makeExistingWorkflows } from "./existing-workflows";
import { DEFAULT_API_KEY } from "../emulator/seed";
import { createClient } from "../provider/client";
import {
  executionBench,
  operationTable,
  requestKinds,
  runTable,
  workflowBench,
  type OperationRow,
} from "./bench-workflow";

interface PhaseResult {
  n: number;
  impl: "pulumi-civis" | "floor";
  latencyMs: number;
  phase: string;
  seconds: number;
  requests: number;
  byKind: Record<string, number>;
  stats: ProcessStats;
}

const PHASES: Array<[string, "up" | "preview" | "refresh" | "destroy", string | null]> = [
  ["create", "up", "v1"],
  ["no-op up", "up", "v1"],
  ["preview", "preview", "v1"],
  ["refresh", "refresh", "v1"],
  ["update 10%", "up", "v2"],
  ["destroy", "destroy", null],
];

/** Phases that leave the stack as it was, so they can run again; each runs REPEATS times. */
const REPEATABLE = new Set(["no-op up", "preview", "refresh"]);
const REPEATS = 3;

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

/** What the processes of one operation used: the provider's peak memory, and CPU seconds by role. */
interface ProcessStats {
  peakMb?: number;
  cpu: { provider: number; engine: number; program: number; emulator: number };
}

/**
 * Samples, while `fn` runs, the processes working in `dir`: the dynamic-provider host (peak
 * resident memory, CPU), the engine and the program's process (CPU); and this process's own CPU,
 * which is the emulator's (nothing else runs here meanwhile). CPU is read from /proc, every 100 ms,
 * so a process's last 100 ms may be missed.
 */
async function withProcessStats<T>(dir: string, fn: () => Promise<T>): Promise<[T, ProcessStats]> {
  const ticks = new Map<string, { role: keyof ProcessStats["cpu"]; ticks: number }>();
  let peakMb: number | undefined;
  const sample = () => {
    for (const pid of fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
      try {
        if (!fs.readlinkSync(`/proc/${pid}/cwd`).startsWith(dir)) continue;
        const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
        const role = cmd.includes("dynamic-provider")
          ? "provider"
          : cmd.includes("stack-driver")
            ? "program"
            : /(^|\/)pulumi\0/.test(cmd)
              ? "engine"
              : undefined;
        if (!role) continue;
        const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        ticks.set(pid, { role, ticks: Number(fields[11]) + Number(fields[12]) });
        if (role !== "provider") continue;
        const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
        if (hwm) peakMb = Math.max(peakMb ?? 0, Number(hwm[1]) / 1024);
      } catch {
        // the process ended between the listing and the read
      }
    }
  };
  const own = process.cpuUsage();
  const timer = setInterval(sample, 100);
  try {
    const result = await fn();
    const used = process.cpuUsage(own);
    const cpu = { provider: 0, engine: 0, program: 0, emulator: (used.user + used.system) / 1e6 };
    for (const { role, ticks: t } of ticks.values()) cpu[role] += t / 100;
    return [result, { peakMb, cpu }];
  } finally {
    clearInterval(timer);
  }
}

async function benchStack(impl: PhaseResult["impl"], n: number, latencyMs: number, scratch: string) {
  const dir = fs.mkdtempSync(path.join(scratch, `${impl}-${n}-${latencyMs}-`));
  const source =
    impl === "floor"
      ? path.join(REPO, "bench", "programs", "floor")
      : path.join(REPO, "test", "e2e", "programs", "load");
  const program =
    impl === "floor"
      ? path.join(REPO, "dist", "bench", "programs", "floor", "index.js")
      : path.join(REPO, "dist", "test", "e2e", "programs", "load", "index.js");
  const workDir = path.join(dir, "project");
  fs.mkdirSync(workDir);
  fs.copyFileSync(path.join(source, "Pulumi.yaml"), path.join(workDir, "Pulumi.yaml"));
  const emulator = await startEmulator(0, { options: { latencyMs, rateLimit: { limit: 1_000_000, windowMs: 1000 } } });
  const home = engineHome(dir);
  const env = { CIVIS_API_KEY: DEFAULT_API_KEY, CIVIS_API_ENDPOINT: emulator.url };
  const results: PhaseResult[] = [];
  let providerBytes = 0;
  let stateBytes = 0;
  try {
    for (const [phase, op, version] of PHASES) {
      // A phase that changes nothing (no-op up, preview, refresh) runs a few times and the median
      // run counts: it lasts seconds, so one run on a busy machine would say more about the machine.
      const runs: Array<{ seconds: number; entries: ReturnType<typeof emulator.log.entries>; stats: ProcessStats }> =
        [];
      for (let k = 0; k < (REPEATABLE.has(phase) ? REPEATS : 1); k++) {
        const before = emulator.log.entries().length;
        const t = process.hrtime.bigint();
        const [r, stats] = await withProcessStats(dir, () =>
          runStack(
            {
              workDir,
              program,
              stack: "bench",
              op,
              options: { parallel: 64 },
            },
            home,
            { ...env, PULUMI_CIVIS_TEST_ARGS: JSON.stringify({ count: version ? n : 0, version: version ?? "v1" }) },
          ),
        );
        const seconds = Number(process.hrtime.bigint() - t) / 1e9;
        if (!r.ok) throw new Error(`${impl} N=${n} ${phase} failed: ${r.error}\n${r.log.slice(-2000)}`);
        runs.push({ seconds, entries: emulator.log.entries().slice(before), stats });
      }
      const { seconds, entries, stats } = runs.sort((a, b) => a.seconds - b.seconds)[Math.floor(runs.length / 2)];
      const byKind: Record<string, number> = {};
      for (const e of entries) {
        const kind = `${e.method} ${e.path.replace(/\/\d+/g, "/{id}")}`;
        byKind[kind] = (byKind[kind] ?? 0) + 1;
      }
      results.push({ n, impl, latencyMs, phase, seconds, requests: entries.length, byKind, stats });
      if (phase === "create") {
        const exported = pulumiCli(["stack", "export", "--stack", "bench"], workDir, home, env);
        stateBytes = Buffer.byteLength(exported);
        type Exported = { deployment: { resources?: Array<{ inputs?: { __provider?: string } }> } };
        const state = JSON.parse(exported) as Exported;
        const providers = (state.deployment.resources ?? [])
          .map((x) => x.inputs?.__provider)
          .filter((p): p is string => !!p);
        providerBytes = providers.reduce((sum, p) => sum + Buffer.byteLength(p), 0) / Math.max(1, providers.length);
      }
    }
  } finally {
    await emulator.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return { results, providerBytes, stateBytes };
}

/** Requests per second the emulator answers on loopback, 32 at a time over keep-alive. */
async function emulatorThroughput(total = 4000, concurrency = 32): Promise<number> {
  const emulator = await startEmulator(0, { options: { rateLimit: { limit: 1_000_000, windowMs: 1000 } } });
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const auth = `Basic ${Buffer.from(`${DEFAULT_API_KEY}:`).toString("base64")}`;
  const one = () =>
    new Promise<void>((resolve, reject) => {
      http
        .get(`${emulator.url}/workflows/?limit=20`, { agent, headers: { Authorization: auth } }, (res) => {
          res.resume();
          res.on("end", () => resolve());
        })
        .on("error", reject);
    });
  let sent = 0;
  const t = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (sent < total) {
        sent++;
        await one();
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - t) / 1e9;
  agent.destroy();
  await emulator.close();
  return total / seconds;
}

type ImportCost = { ms: number; loadsClient: boolean };

/** What importing the package costs a program that already loads @pulumi/pulumi, and what it loads. */
function importCost(): ImportCost {
  const code = `
    require("@pulumi/pulumi");
    const t = process.hrtime.bigint();
    require(${JSON.stringify(path.join(REPO, "dist", "sdk"))});
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    const loaded = Object.keys(require.cache);
    const loadsClient = loaded.some((f) => /node_modules[\\\\/](axios|yaml)[\\\\/]/.test(f));
    console.log(JSON.stringify({ ms, loadsClient }));`;
  const runs = Array.from(
    { length: 5 },
    () => JSON.parse(execFileSync(process.execPath, ["-e", code], { cwd: REPO, encoding: "utf8" })) as ImportCost,
  );
  runs.sort((a, b) => a.ms - b.ms);
  return runs[2];
}

/** The generator on 120 existing workflows: seconds and requests (reads only). */
async function generatorBench(): Promise<{ seconds: number; requests: number; byKind: string }> {
  const emulator = await startEmulator(0, { options: { rateLimit: { limit: 1_000_000, windowMs: 1000 } } });
  try {
    await makeExistingWorkflows(emulator);
    emulator.log.clear();
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-civis-import-"));
    const t = Date.now();
    // Not execFileSync: the emulator answers from this very process.
    await promisify(execFile)(process.execPath, [path.join(REPO, "dist", "sdk", "cli.js"), "import", "--out", out], {
      env: { ...process.env, CIVIS_API_KEY: DEFAULT_API_KEY, CIVIS_API_ENDPOINT: emulator.url },
    });
    const seconds = (Date.now() - t) / 1000;
    fs.rmSync(out, { recursive: true, force: true });
    const entries = emulator.log.entries();
    const kinds = new Map<string, number>();
    for (const e of entries) {
      const kind = `${e.method} ${e.path.replace(/\d+/g, "N")}`;
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
    return { seconds, requests: entries.length, byKind: [...kinds].map(([k, v]) => `${k} ${v}`).join(", ") };
  } finally {
    await emulator.close();
  }
}

/**
 * WorkflowAccess through the engine: N access lists on N workflows that exist already (so every
 * request counted is the lists'), through create, a no-op preview, an update that moves, adds
 * and removes, a refresh after web-app changes, the `up` that undoes them, and destroy.
 */
async function accessBench(n = 10): Promise<OperationRow[]> {
  const emulator = await startEmulator(0, { options: { rateLimit: { limit: 1_000_000, windowMs: 1000 } } });
  // Inside the repo, so the program resolves this checkout's @pulumi/pulumi.
  fs.mkdirSync(path.join(REPO, ".bench-tmp"), { recursive: true });
  const dir = fs.mkdtempSync(path.join(REPO, ".bench-tmp", "access-"));
  try {
    const client = createClient({
      apiKey: DEFAULT_API_KEY,
      endpoint: `${emulator.url}/`,
      maxRetries: 2,
      requestTimeoutMs: 5000,
      retryBaseMs: 20,
    });
    const ids: number[] = [];
    for (let i = 0; i < n; i++) ids.push((await client.createWorkflow({ name: `Audited ${i}` })).id);
    const workDir = path.join(dir, "project");
    fs.mkdirSync(workDir);
    fs.copyFileSync(
      path.join(REPO, "test", "e2e", "programs", "managed", "Pulumi.yaml"),
      path.join(workDir, "Pulumi.yaml"),
    );
    const program = path.join(REPO, "dist", "test", "e2e", "programs", "managed", "index.js");
    const home = engineHome(dir);
    const lists = (users: object, groups: object) => ({
      access: Object.fromEntries(ids.map((id) => [`access-${id}`, { workflowId: id, users, groups }])),
    });
    const rows: OperationRow[] = [];
    const step = async (operation: string, op: "up" | "preview" | "refresh" | "destroy", args: object) => {
      emulator.log.clear();
      const r = await runStack({ workDir, program, stack: "bench", op, options: { parallel: 64 } }, home, {
        CIVIS_API_KEY: DEFAULT_API_KEY,
        CIVIS_API_ENDPOINT: emulator.url,
        PULUMI_CIVIS_TEST_ARGS: JSON.stringify(args),
      });
      if (!r.ok) throw new Error(`access ${operation} failed: ${r.error}\n${r.log.slice(-2000)}`);
      rows.push({ operation, ...requestKinds(emulator.log.entries()) });
    };
    const first = lists({ read: [101], write: [102] }, { read: [8] });
    const second = lists({ write: [101, 102], manage: [103] }, {});
    await step("create (3 principals at 2 levels, 1 group)", "up", first);
    await step("preview, no change", "preview", first);
    await step("update: a move, an addition, a removal", "up", second);
    for (const id of ids) {
      await client.shareGroups(id, [9], { permissionLevel: "read" });
      await client.revokeUser(id, 102);
    }
    await step("refresh after a web-app grant and revoke", "refresh", second);
    await step("up undoing them", "up", second);
    await step("destroy", "destroy", second);
    return rows;
  } finally {
    await emulator.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function accessTable(rows: OperationRow[], n = 10): string[] {
  return [
    "| operation on 10 lists | requests | per list | requests by kind |",
    "|---|---|---|---|",
    ...rows.map((r) => `| ${r.operation} | ${r.requests} | ${(r.requests / n).toFixed(1)} | ${r.byKind} |`),
  ];
}

async function main(): Promise<void> {
  if (process.argv.includes("--only-generator")) {
    const g = await generatorBench();
    console.log(`generator: 120 workflows in ${g.seconds.toFixed(2)} s, ${g.requests} requests (${g.byKind})`);
    return;
  }
  if (process.argv.includes("--only-workflow")) {
    console.log(operationTable(await workflowBench()).join("\n"));
    return;
  }
  if (process.argv.includes("--only-executions")) {
    console.log(runTable(await executionBench()).join("\n"));
    return;
  }
  if (process.argv.includes("--only-access")) {
    console.log(accessTable(await accessBench()).join("\n"));
    return;
  }
  const sizes = flag("sizes", "10,100,300").split(",").map(Number);
  const latencies = flag("latencies", "0,50").split(",").map(Number);
  // Stacks measured with added latency (N = 300 with 50 ms per request takes a long while).
  const latentSizes = flag("latent-sizes", sizes.join(",")).split(",").map(Number);
  const scratch = path.join(REPO, ".bench-tmp");
  fs.mkdirSync(scratch, { recursive: true });
  const all: PhaseResult[] = [];
  const sizesInfo: string[] = [];
  const done: Array<[number, number]> = [];
  for (const latencyMs of latencies) {
    for (const n of latencyMs === latencies[0] ? sizes : latentSizes) {
      for (const impl of ["pulumi-civis", "floor"] as const) {
        process.stderr.write(`bench: ${impl} N=${n} latency=${latencyMs}ms ...\n`);
        const { results, providerBytes, stateBytes } = await benchStack(impl, n, latencyMs, scratch);
        all.push(...results);
        if (latencyMs === latencies[0]) {
          const perResource = stateBytes / 3 / Math.max(n, 1) / 1024;
          sizesInfo.push(
            row(n, impl, Math.round(providerBytes), (stateBytes / 1024).toFixed(1), perResource.toFixed(2)),
          );
        }
      }
      done.push([latencyMs, n]);
      // Written after every stack size, so a long run leaves its figures so far.
      report(all, done, sizesInfo, undefined, undefined);
    }
  }
  const text = report(
    all,
    done,
    sizesInfo,
    await emulatorThroughput(),
    importCost(),
    await generatorBench(),
    await accessBench(),
    await workflowBench(),
    await executionBench(),
  );
  fs.rmSync(scratch, { recursive: true, force: true });
  console.log(text);
}

/** One row of a Markdown table. */
function row(...cells: Array<string | number>): string {
  return `| ${cells.join(" | ")} |`;
}

function cpu(s: ProcessStats): string {
  return [s.cpu.engine, s.cpu.program, s.cpu.provider, s.cpu.emulator].map((x) => x.toFixed(1)).join(" / ");
}

function report(
  all: PhaseResult[],
  done: Array<[number, number]>,
  sizesInfo: string[],
  rps: number | undefined,
  imp: ImportCost | undefined,
  generator?: { seconds: number; requests: number; byKind: string },
  access?: OperationRow[],
  workflow?: OperationRow[],
  runs?: OperationRow[],
): string {
  const lines: string[] = [];
  lines.push("# Benchmark results", "");
  lines.push(`- date: ${new Date().toISOString()}`);
  lines.push(
    `- commit: ${execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: REPO, encoding: "utf8" }).trim()}`,
  );
  const memory = `${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`;
  const cpus = `${os.cpus()[0]?.model ?? "unknown CPU"}, ${os.cpus().length} cores`;
  lines.push(`- machine: ${cpus}, ${memory}, ${os.platform()} ${os.release()}`);
  lines.push(`- engine: Pulumi ${pulumiVersion()}, Node.js ${process.version}, --parallel 64, emulator on loopback`);
  lines.push(
    "",
    "## Phases",
    "",
    "N resources = 3N (workflows, shares, project links 1:1:1). Time in seconds; requests from the emulator's log. " +
      `No-op up, preview and refresh: the median of ${REPEATS} runs.`,
    "",
  );
  lines.push(
    "CPU s: seconds of CPU used by the engine / the program's process / the provider process / the emulator, " +
      "ours then the floor's.",
    "",
  );
  lines.push(
    row(
      ...["latency", "N", "phase", "pulumi-civis s", "floor s", "ratio", "requests", "per resource"],
      ...["CPU s ours", "CPU s floor", "provider peak MB", "requests by kind"],
    ),
  );
  lines.push("|---|---|---|---|---|---|---|---|---|---|---|---|");
  for (const [latencyMs, n] of done) {
    {
      for (const [phase] of PHASES) {
        const ours = all.find(
          (r) => r.impl === "pulumi-civis" && r.n === n && r.latencyMs === latencyMs && r.phase === phase,
        )!;
        const floor = all.find(
          (r) => r.impl === "floor" && r.n === n && r.latencyMs === latencyMs && r.phase === phase,
        )!;
        const kinds =
          Object.entries(ours.byKind)
            .sort((a, b) => b[1] - a[1])
            .map(([k, v]) => `${v}× ${k}`)
            .join(", ") || "none";
        lines.push(
          row(
            `${latencyMs} ms`,
            n,
            phase,
            ours.seconds.toFixed(2),
            floor.seconds.toFixed(2),
            (ours.seconds / floor.seconds).toFixed(2),
            ours.requests,
            (ours.requests / (3 * n)).toFixed(2),
            cpu(ours.stats),
            cpu(floor.stats),
            ours.stats.peakMb?.toFixed(0) ?? "n/a",
            kinds,
          ),
        );
      }
    }
  }
  lines.push(
    "",
    "The floor's resources carry the same kind of one-line `__provider` as pulumi-civis's, so a ratio",
    "is what our provider's work and outputs add to the engine's own cost for the same stack.",
  );
  const timed = all.filter(
    (r) => r.impl === "pulumi-civis" && r.n === Math.max(...done.map(([, n]) => n)) && r.latencyMs === 0,
  );
  if (timed.length) {
    const n = timed[0].n;
    const ratios = timed.map(
      (r) =>
        [
          r.phase,
          r.seconds /
            all.find((f) => f.impl === "floor" && f.n === n && f.latencyMs === 0 && f.phase === r.phase)!.seconds,
        ] as const,
    );
    const worst = ratios.reduce((a, b) => (b[1] > a[1] ? b : a));
    lines.push(
      "",
      `Time target (every phase within 1.25 x the floor at N = ${n}, no added latency): ` +
        `${worst[1] <= 1.25 ? "met" : "NOT met"}; the highest ratio is ${worst[1].toFixed(2)} (${worst[0]}).`,
    );
  }
  lines.push(
    "",
    "## State",
    "",
    "Serialized provider (`__provider`) bytes per resource and the exported state's size after create,",
    "with the package used from this checkout (the provider's source names `runtime.js` by absolute path). " +
      "Installed from",
    "its tarball, the source names `pulumi-civis/dist/provider/runtime.js` instead " +
      "(asserted to the byte by test/e2e/package.test.ts).",
    "",
  );
  lines.push(
    "| N | provider | provider bytes / resource | state KiB | state KiB / resource |",
    "|---|---|---|---|---|",
    ...sizesInfo,
  );
  lines.push("", "## Other figures", "");
  lines.push(
    rps === undefined
      ? "- (run in progress: the figures below are not measured yet)"
      : `- emulator throughput on loopback: ${Math.round(rps)} requests/s (GET /workflows/, 32 at a time)`,
  );
  if (imp)
    lines.push(
      `- importing pulumi-civis after @pulumi/pulumi: ${imp.ms.toFixed(1)} ms (median of 5); ` +
        `loads axios or yaml at import: ${imp.loadsClient ? "yes" : "no"}`,
    );
  if (generator)
    lines.push(
      "- `pulumi-civis import` of 120 existing workflows (115 adoptable): " +
        `${generator.seconds.toFixed(2)} s, ${generator.requests} requests (${generator.byKind})`,
    );
  if (access) {
    lines.push(
      "",
      "## WorkflowAccess: requests per operation",
      "",
      "10 access lists on 10 workflows that exist already, through the engine " +
        "(every request counted is the lists'). The",
      "`GET /users/me` is the key check of a preview or `up` with changes, once per provider process.",
      "",
      ...accessTable(access),
    );
  }
  if (workflow)
    lines.push(
      "",
      "## A workflow's own parts: requests per operation",
      "",
      ...WORKFLOW_NOTE,
      "",
      ...operationTable(workflow),
    );
  if (runs) lines.push("", "## Run on deploy: requests per wait", "", ...RUNS_NOTE, "", ...runTable(runs));
  const text = lines.join("\n") + "\n";
  fs.mkdirSync(path.join(REPO, "bench"), { recursive: true });
  fs.writeFileSync(path.join(REPO, "bench", "RESULTS.md"), text);
  return text;
}

const RUNS_NOTE = [
  'One `WorkflowExecution` create (`wait: "success"`) per run length, with the provider\'s schedule (first read after',
  "2 s, each wait half again longer, at most 30 s, a read when a progress line is due) and the emulator's run sped up",
  "alike (`scripts/bench-workflow.ts`), so the reads are those of the real schedule.",
];

const WORKFLOW_NOTE = [
  "git, owner, clone and dependencies on 10 workflows through the engine (`scripts/bench-workflow.ts`, in order:",
  "each row starts from the one before). A checkout reads the branch's head first, so `gitCommit` names the",
  "commit; a pinned ref reads the file at it and PATCHes the definition; refresh of a tracked file also reads",
  "the branch's head, to say when it moved on.",
];

main().catch((e: Error) => {
  console.error(`bench: ${e.message}`);
  process.exit(1);
});
