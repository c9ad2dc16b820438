import type { AxiosInstance, AxiosResponse } from "axios";
import type { ClientConfig } from "./config";
import { CivisApiError, redact } from "./errors";
import { backoffMs, DEFAULT_BACKOFF, isRetryable, parseRetryAfter, type BackoffSettings, type Failure, type Method } from "./retry";
import { Throttle } from "./throttle";

export interface RequestOptions {
  method: Method;
  /** Path below the endpoint, e.g. "workflows/123". */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
}

export interface RawResponse<T> {
  status: number;
  data: T;
  headers: Record<string, string>;
}

/** Requests in flight at once, across every resource of one provider process. */
const MAX_IN_FLIGHT = 16;

/** One axios instance and throttle per process: shared by every resource, never serialized. */
let shared: { axios: AxiosInstance; throttle: Throttle; proxy: false | undefined } | undefined;

function transport() {
  if (!shared) {
    // Loaded on first use so importing the package costs nothing.
    const axios = (require("axios") as typeof import("axios")).default;
    const http = require("node:http") as typeof import("node:http");
    const https = require("node:https") as typeof import("node:https");
    shared = {
      axios: axios.create({
        httpAgent: new http.Agent({ keepAlive: true }),
        httpsAgent: new https.Agent({ keepAlive: true }),
        // Errors are ours to phrase; every status reaches the code below.
        validateStatus: () => true,
        maxRedirects: 0,
        transitional: { clarifyTimeoutError: true },
      }),
      throttle: new Throttle(MAX_IN_FLIGHT),
      // Without proxy variables, tell axios so once rather than have it read the environment on every request.
      proxy: PROXY_VARIABLES.some((v) => process.env[v] || process.env[v.toUpperCase()]) ? undefined : false,
    };
  }
  return shared;
}

const PROXY_VARIABLES = ["http_proxy", "https_proxy", "all_proxy"];

/**
 * The request headers of one config, built once: every request of a refresh sends the same ones.
 * They hold the key, so they live only as long as the config and are never logged.
 */
const headersByConfig = new WeakMap<ClientConfig, Record<string, string>>();
function requestHeaders(config: ClientConfig): Record<string, string> {
  let h = headersByConfig.get(config);
  if (!h) {
    h = {
      Accept: "application/vnd.civis-platform.v1, application/json",
      "User-Agent": "pulumi-civis",
      // HTTP Basic with the key as the user name and no password, as Civis expects.
      Authorization: `Basic ${Buffer.from(`${config.apiKey}:`).toString("base64")}`,
    };
    headersByConfig.set(config, h);
  }
  return h;
}

/** The backoff used between attempts; tests shorten it through CIVIS_RETRY_BASE_MS. */
function backoffSettings(): BackoffSettings {
  const base = Number(process.env.CIVIS_RETRY_BASE_MS);
  return Number.isFinite(base) && base > 0 ? { ...DEFAULT_BACKOFF, baseMs: base } : DEFAULT_BACKOFF;
}

/**
 * Sends one API request with auth, the throttle and the retry policy; answers the response or
 * throws a CivisApiError. Retries happen here and nowhere else.
 */
export async function request<T>(config: ClientConfig, opts: RequestOptions): Promise<RawResponse<T>> {
  const { axios, throttle, proxy } = transport();
  const label = `${opts.method} /${opts.path}`;
  const settings = backoffSettings();
  let waited = 0;
  for (let attempt = 0; ; attempt++) {
    const outcome = await attemptOnce<T>(axios, throttle, proxy, config, opts, label);
    if ("response" in outcome) return outcome.response;
    const { failure, error, retryAfter } = outcome;
    if (attempt < config.maxRetries && isRetryable(opts.method, failure)) {
      const wait = backoffMs(attempt, retryAfter, settings);
      if (waited + wait <= settings.maxTotalMs) {
        waited += wait;
        await sleep(wait);
        continue;
      }
    }
    throw error;
  }
}

type Outcome<T> = { response: RawResponse<T> } | { failure: Failure; error: CivisApiError; retryAfter?: number };

/** One attempt: the response, or how it failed (an error status or no answer at all). */
async function attemptOnce<T>(
  axios: AxiosInstance, throttle: Throttle, proxy: false | undefined, config: ClientConfig, opts: RequestOptions, label: string,
): Promise<Outcome<T>> {
  let res: AxiosResponse;
  try {
    res = await throttle.run(() => axios.request({
      method: opts.method,
      baseURL: config.endpoint,
      url: opts.path,
      params: opts.query,
      data: opts.body,
      timeout: config.requestTimeoutMs,
      headers: requestHeaders(config),
      proxy,
    }));
  } catch (e) {
    const code = (e as { code?: string }).code ?? "ERR_NETWORK";
    const description = redact(networkDescription(e as Error, code, config), config.apiKey);
    return { failure: { code }, error: new CivisApiError(label, undefined, code, description) };
  }
  const headers = flattenHeaders(res.headers);
  const remaining = headers["x-ratelimit-remaining"];
  throttle.observe(remaining !== undefined ? Number(remaining) : undefined);
  if (res.status < 400) return { response: { status: res.status, data: res.data as T, headers } };
  const retryAfter = parseRetryAfter(headers["retry-after"]);
  if (res.status === 429 && retryAfter !== undefined) throttle.pause(retryAfter * 1000);
  return { failure: { status: res.status }, error: apiError(label, res.status, res.data, config.apiKey), retryAfter };
}

function apiError(label: string, status: number, data: unknown, apiKey: string): CivisApiError {
  const body = (typeof data === "object" && data !== null ? data : {}) as { error?: string; errorDescription?: string };
  if (status === 401) {
    return new CivisApiError(label, 401, "unauthorized",
      "the API key was refused; check civis:apiKey (pulumi config set civis:apiKey --secret) or CIVIS_API_KEY");
  }
  const slug = typeof body.error === "string" ? body.error : "error";
  const text = typeof body.errorDescription === "string" ? body.errorDescription
    : typeof data === "string" && data.length > 0 ? data.slice(0, 300) : "no description";
  return new CivisApiError(label, status, redact(slug, apiKey), redact(text, apiKey));
}

function networkDescription(e: Error, code: string, config: ClientConfig): string {
  const where = new URL(config.endpoint).origin;
  switch (code) {
    case "ECONNREFUSED": return `connection refused by ${where}; is the endpoint right and the service up?`;
    case "ETIMEDOUT":
    case "ECONNABORTED": return `no answer from ${where} within ${config.requestTimeoutMs} ms (civis:requestTimeout)`;
    case "ECONNRESET": return `the connection to ${where} was reset before an answer came`;
    default: return `${e.message.split("\n")[0]} (${where})`;
  }
}

function flattenHeaders(h: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((h ?? {}) as Record<string, unknown>)) {
    if (v !== undefined && v !== null) out[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : String(v);
  }
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
