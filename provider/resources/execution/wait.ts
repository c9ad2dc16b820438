/**
 * Waiting for a run: reads back off from `pollStartMs` (about 2 s) by half again each time up to
 * 30 s, so an hour's run costs about 130 reads; a line at least every 30 s says where the run is
 * (a read is made when one is due), so a long `up` never looks hung; past the timeout the wait
 * ends and says so.
 */
import type { CivisClient, WireExecution } from "../../client";

/** The longest wait between reads, as a multiple of the first (2 s -> 30 s). */
const MAX_POLL_FACTOR = 15;
const PROGRESS_EVERY_MS = 30_000;
const ENDED = new Set(["success", "error", "cancelled"]);

export const hasEnded = (e: WireExecution) => ENDED.has(e.mistralState);

export interface WaitOptions {
  timeoutMs: number;
  pollStartMs: number;
  /** Where the progress lines go (the host shows them on the resource). */
  say(line: string): void;
  /** Stops the wait early (the engine's cancel); the run goes on in Civis. */
  signal?: AbortSignal;
}

/** The run once it ended, or as it was when the timeout passed (`timedOut`). */
export async function waitForRun(
  client: CivisClient,
  workflowId: number,
  started: WireExecution,
  opts: WaitOptions,
): Promise<{ execution: WireExecution; timedOut: boolean; reads: number }> {
  const start = Date.now();
  const runningSince = new Map<string, number>();
  let [e, delay, lastSaid, reads] = [started, opts.pollStartMs, start, 0];
  while (!hasEnded(e)) {
    const left = start + opts.timeoutMs - Date.now();
    if (left <= 0) return { execution: e, timedOut: true, reads };
    // Read when the next progress line is due, whatever the back-off: a line at least every 30 s.
    const untilLine = lastSaid + PROGRESS_EVERY_MS - Date.now();
    await sleep(Math.max(0, Math.min(delay, left, untilLine)), opts.signal);
    if (opts.signal?.aborted)
      throw new Error(`workflow ${workflowId}, execution ${e.id}: the wait was cancelled; the run goes on in Civis`);
    delay = Math.min(delay * 1.5, opts.pollStartMs * MAX_POLL_FACTOR);
    e = await client.getExecution(workflowId, e.id);
    reads++;
    const now = Date.now();
    for (const t of e.tasks) {
      if (t.mistralState === "running" && !runningSince.has(t.name)) runningSince.set(t.name, now);
    }
    if (!hasEnded(e) && now - lastSaid >= PROGRESS_EVERY_MS) {
      opts.say(progressLine(workflowId, e, now - start, runningSince, now));
      lastSaid = now;
    }
  }
  return { execution: e, timedOut: false, reads };
}

/** Waits `ms`, or less when `signal` aborts. */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}

/** `workflow 12, execution 501: running for 4m 10s; 2 tasks succeeded; load running for 1m 30s`. */
export function progressLine(
  workflowId: number,
  e: WireExecution,
  elapsedMs: number,
  runningSince: Map<string, number>,
  now: number,
): string {
  const succeeded = e.tasks.filter((t) => t.mistralState === "success").length;
  const running = e.tasks
    .filter((t) => t.mistralState === "running")
    .map((t) => `${t.name} running for ${duration(now - (runningSince.get(t.name) ?? now))}`);
  const paused = e.mistralState === "paused" ? "; paused (resume it in Civis)" : "";
  const now_ = running.length ? `; ${running.join(", ")}` : "";
  return (
    `workflow ${workflowId}, execution ${e.id}: running for ${duration(elapsedMs)}; ` +
    `${succeeded} task${succeeded === 1 ? "" : "s"} succeeded${now_}${paused}`
  );
}

export function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m}m ${s % 60}s` : `${Math.floor(m / 60)}h ${m % 60}m`;
}
