import type { AxiosInstance } from "axios";
/** The HTTP methods the client sends. */
export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** One HTTP request, as the client hands it to a transport. */
export interface HttpRequest {
  method: Method;
  /** Base URL (ending in "/") and the path below it. */
  baseUrl: string;
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  headers: Record<string, string>;
  timeoutMs: number;
}

export interface HttpResponse {
  status: number;
  data: unknown;
  /** Lower-case names. */
  headers: Record<string, string>;
}

/**
 * Sends one request and answers whatever status came back. When no answer came it throws an
 * Error whose `code` is Node's (ECONNREFUSED, ECONNRESET, ETIMEDOUT, ...). Tests pass a fake.
 */
export type Transport = (req: HttpRequest) => Promise<HttpResponse>;

/** The real transport: axios with keep-alive agents, loaded on first use so importing costs nothing. */
export function axiosTransport(): Transport {
  let axios: AxiosInstance | undefined;
  let proxy: false | undefined;
  return async (req) => {
    if (!axios) {
      /* eslint-disable @typescript-eslint/no-require-imports --
         loaded on first request, so importing the package costs nothing */
      const lib = (require("axios") as typeof import("axios")).default;
      const http = require("node:http") as typeof import("node:http");
      const https = require("node:https") as typeof import("node:https");
      /* eslint-enable @typescript-eslint/no-require-imports */
      axios = lib.create({
        httpAgent: new http.Agent({ keepAlive: true }),
        httpsAgent: new https.Agent({ keepAlive: true }),
        // Errors are the client's to phrase: every status comes back as an answer.
        validateStatus: () => true,
        maxRedirects: 0,
        transitional: { clarifyTimeoutError: true },
      });
      // Without proxy variables, tell axios so once rather than have it read the environment on every request.
      proxy = PROXY_VARIABLES.some((v) => process.env[v] || process.env[v.toUpperCase()]) ? undefined : false;
    }
    const res = await axios.request({
      method: req.method,
      baseURL: req.baseUrl,
      url: req.path,
      params: req.query,
      data: req.body,
      timeout: req.timeoutMs,
      headers: req.headers,
      proxy,
    });
    return { status: res.status, data: res.data, headers: flattenHeaders(res.headers) };
  };
}

const PROXY_VARIABLES = ["http_proxy", "https_proxy", "all_proxy"];

function flattenHeaders(h: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((h ?? {}) as Record<string, unknown>)) {
    if (v !== undefined && v !== null)
      out[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : typeof v === "string" ? v : JSON.stringify(v);
  }
  return out;
}
