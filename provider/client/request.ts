import type { ClientConfig } from "../core/config";
import { CivisApiError, redact } from "./errors";
import { parseRetryAfter } from "./retry";
import type { Throttle } from "./throttle";
import type { HttpResponse, Method, Transport } from "./transport";

export interface RequestOptions {
  method: Method;
  /** Path below the endpoint, e.g. "workflows/123". */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
}

/** How one attempt ended: the answer, or the error with the server's Retry-After, if any. */
export type Outcome = { response: HttpResponse } | { error: CivisApiError; retryAfter?: number };

/**
 * One attempt of one request: auth, the throttle, and the answer turned into a response or a
 * CivisApiError (whose message names the request and the server's words, never the key).
 * Retrying is not done here: see `withRetry`.
 */
export async function attempt(
  transport: Transport,
  throttle: Throttle,
  config: ClientConfig,
  headers: Record<string, string>,
  opts: RequestOptions,
): Promise<Outcome> {
  const label = `${opts.method} /${opts.path}`;
  let res: HttpResponse;
  try {
    res = await throttle.run(() =>
      transport({
        method: opts.method,
        baseUrl: config.endpoint,
        path: opts.path,
        query: opts.query,
        body: opts.body,
        headers,
        timeoutMs: config.requestTimeoutMs,
      }),
    );
  } catch (e) {
    const code = (e as { code?: string }).code ?? "ERR_NETWORK";
    return {
      error: new CivisApiError(
        label,
        undefined,
        code,
        redact(networkDescription(e as Error, code, config), config.apiKey),
      ),
    };
  }
  const remaining = res.headers["x-ratelimit-remaining"];
  throttle.observe(remaining !== undefined ? Number(remaining) : undefined);
  if (res.status < 400) return { response: res };
  const retryAfter = parseRetryAfter(res.headers["retry-after"]);
  if (res.status === 429 && retryAfter !== undefined) throttle.pause(retryAfter * 1000);
  return { error: apiError(label, res.status, res.data, config.apiKey), retryAfter };
}

/**
 * The request headers of one config, built once by its client: every request of a refresh sends
 * the same ones. They hold the key, so they live only as long as the client and are never logged.
 */
export function requestHeaders(config: ClientConfig): Record<string, string> {
  return {
    Accept: "application/vnd.civis-platform.v1, application/json",
    "User-Agent": "pulumi-civis",
    // HTTP Basic with the key as the user name and no password, as Civis expects.
    Authorization: `Basic ${Buffer.from(`${config.apiKey}:`).toString("base64")}`,
  };
}

function apiError(label: string, status: number, data: unknown, apiKey: string): CivisApiError {
  const body = (typeof data === "object" && data !== null ? data : {}) as { error?: string; errorDescription?: string };
  if (status === 401) {
    return new CivisApiError(
      label,
      401,
      "unauthorized",
      "the API key was refused; check civis:apiKey (pulumi config set civis:apiKey --secret) or CIVIS_API_KEY",
    );
  }
  const slug = typeof body.error === "string" ? body.error : "error";
  const text =
    typeof body.errorDescription === "string"
      ? body.errorDescription
      : typeof data === "string" && data.length > 0
        ? data.slice(0, 300)
        : "no description";
  return new CivisApiError(label, status, redact(slug, apiKey), redact(text, apiKey));
}

function networkDescription(e: Error, code: string, config: ClientConfig): string {
  const where = new URL(config.endpoint).origin;
  switch (code) {
    case "ECONNREFUSED":
      return `connection refused by ${where}; check civis:endpoint / CIVIS_API_ENDPOINT and that the service is up`;
    case "ETIMEDOUT":
    case "ECONNABORTED":
      return `no answer from ${where} within ${config.requestTimeoutMs} ms (civis:requestTimeout)`;
    case "ECONNRESET":
      return `the connection to ${where} was reset before an answer came`;
    default:
      return `${e.message.split("\n")[0]} (${where})`;
  }
}
