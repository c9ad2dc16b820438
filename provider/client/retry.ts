/**
 * When to try a request again, and how long to wait: at least as careful as the official
 * Python client. The policy is pure functions, tested as a table; `withRetry` wraps one attempt
 * in it.
 */
import { systemClock } from "./clock";
import type { CivisApiError } from "./errors";
import type { Method } from "./transport";

/** How one attempt ended without success. */
export interface Failure {
  status?: number;
  /** Node's error code when no answer came: ECONNREFUSED, ECONNRESET, ETIMEDOUT, ... */
  code?: string;
}

const RETRY_STATUSES = new Set([429, 502, 503, 504]);
/** Answers that prove a POST was not processed: throttled, or the service refused the work. */
const POST_RETRY_STATUSES = new Set([429, 503]);
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "ECONNABORTED",
  "EPIPE",
  "EAI_AGAIN",
  "ERR_SOCKET_CONNECTION_TIMEOUT",
  "ENETUNREACH",
  "EHOSTUNREACH",
]);

/**
 * GET, PUT, PATCH and DELETE set a state rather than add one, so trying them again is safe on
 * throttling, gateway errors, dropped connections and timeouts. A POST creates: it is tried again
 * only when the server certainly did not process it (429, 503, or the connection was refused).
 */
export function isRetryable(method: Method, failure: Failure): boolean {
  if (method === "POST") {
    return (failure.status !== undefined && POST_RETRY_STATUSES.has(failure.status)) || failure.code === "ECONNREFUSED";
  }
  if (failure.status !== undefined) return RETRY_STATUSES.has(failure.status);
  return failure.code !== undefined && NETWORK_CODES.has(failure.code);
}

export interface BackoffSettings {
  /** The first wait's ceiling; each later one doubles (multiplier 2). */
  baseMs: number;
  /** No single wait is longer. */
  maxWaitMs: number;
  /** No more time than this in all the waits of one request. */
  maxTotalMs: number;
}

export const DEFAULT_BACKOFF: BackoffSettings = { baseMs: 1000, maxWaitMs: 60_000, maxTotalMs: 600_000 };

/** A refused connection means nothing listens there: a few quick retries, then say so (within 15 s). */
export const REFUSED_BUDGET_MS = 10_000;

/** What `withRetry` says before each wait: the failed request, how long, and which attempt comes next. */
export interface RetryWait {
  request: string;
  waitMs: number;
  /** The status, or the network code when no answer came. */
  reason: string;
  /** The attempt that follows the wait, counting from 1, and how many there may be. */
  attempt: number;
  of: number;
}

/**
 * Runs `attempt` until it answers, or fails in a way the policy does not retry, or the retries
 * or the total wait run out; then throws the last error. `onWait` hears of each wait; `sleep`
 * waits it out (tests pass a fake clock's).
 */
export async function withRetry<T>(
  method: Method,
  maxRetries: number,
  backoff: BackoffSettings,
  attempt: () => Promise<{ response: T } | { error: CivisApiError; retryAfter?: number }>,
  onWait: (w: RetryWait) => void = () => undefined,
  sleep: (ms: number) => Promise<unknown> = (ms) => systemClock.sleep(ms),
): Promise<T> {
  let waited = 0;
  for (let n = 0; ; n++) {
    const outcome = await attempt();
    if ("response" in outcome) return outcome.response;
    const { error, retryAfter } = outcome;
    const budget = error.slug === "ECONNREFUSED" ? Math.min(REFUSED_BUDGET_MS, backoff.maxTotalMs) : backoff.maxTotalMs;
    if (n < maxRetries && isRetryable(method, error.failure)) {
      const wait = backoffMs(n, retryAfter, backoff);
      if (waited + wait <= budget) {
        waited += wait;
        onWait({
          request: error.request,
          waitMs: wait,
          reason: String(error.status ?? error.slug),
          attempt: n + 2,
          of: maxRetries + 1,
        });
        await sleep(wait);
        continue;
      }
    }
    throw error;
  }
}
/**
 * The wait before attempt `attempt + 1` (attempt counts from 0): full jitter over an
 * exponentially growing ceiling, never shorter than the server's Retry-After.
 */
export function backoffMs(
  attempt: number,
  retryAfterSeconds: number | undefined,
  s: BackoffSettings = DEFAULT_BACKOFF,
  random = Math.random,
): number {
  const ceiling = Math.min(s.maxWaitMs, s.baseMs * 2 ** attempt);
  const jittered = Math.round(random() * ceiling);
  const floor = retryAfterSeconds !== undefined ? retryAfterSeconds * 1000 : 0;
  return Math.min(Math.max(jittered, floor), Math.max(s.maxWaitMs, floor));
}

/** Reads Retry-After: seconds, or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}
