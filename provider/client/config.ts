/** Where the provider finds its credentials and settings, read at call time, never stored. */
export interface ClientConfig {
  apiKey: string;
  /** Base URL, always ending in "/". */
  endpoint: string;
  /** Attempts after the first, for requests that may be retried. */
  maxRetries: number;
  /** Per-request timeout in milliseconds. */
  requestTimeoutMs: number;
}

export const DEFAULT_ENDPOINT = "https://api.civisanalytics.com/";
export const DEFAULTS = { maxRetries: 9, requestTimeoutMs: 60_000 };

/** The stack config given to the provider's `configure` (namespace `civis:`), kept in this process only. */
let stackConfig: Record<string, string | undefined> = {};

export function setStackConfig(values: Record<string, string | undefined>): void {
  stackConfig = { ...values };
}

/** A problem with the provider's settings, phrased as what to do about it. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/**
 * Resolves the settings: stack config `civis:*` first, then the environment variables the
 * official Civis clients read. Throws a ConfigError that says how to fix a missing or bad value.
 */
export function resolveConfig(env: NodeJS.ProcessEnv = process.env): ClientConfig {
  const apiKey = stackConfig.apiKey ?? env.CIVIS_API_KEY;
  if (!apiKey) {
    throw new ConfigError(
      "no Civis API key: set it with `pulumi config set civis:apiKey --secret <key>` " +
      "or export CIVIS_API_KEY in the shell that runs pulumi",
    );
  }
  const endpoint = normalizeEndpoint(stackConfig.endpoint ?? env.CIVIS_API_ENDPOINT ?? DEFAULT_ENDPOINT);
  const maxRetries = intSetting("maxRetries", stackConfig.maxRetries ?? env.CIVIS_MAX_RETRIES, DEFAULTS.maxRetries, 0, 20);
  const requestTimeoutMs = intSetting("requestTimeout", stackConfig.requestTimeout ?? env.CIVIS_REQUEST_TIMEOUT, DEFAULTS.requestTimeoutMs, 100, 600_000);
  return { apiKey, endpoint, maxRetries, requestTimeoutMs };
}

/** Checks an endpoint: an absolute http(s) URL; plain http only to this machine. */
export function normalizeEndpoint(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`civis:endpoint / CIVIS_API_ENDPOINT ${JSON.stringify(raw)} is not a URL; use e.g. ${DEFAULT_ENDPOINT}`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new ConfigError(`civis:endpoint / CIVIS_API_ENDPOINT must use https://, got ${url.protocol}//`);
  }
  if (url.protocol === "http:" && !isLoopback(url.hostname)) {
    throw new ConfigError(
      `civis:endpoint / CIVIS_API_ENDPOINT ${url.origin} uses plain http:// to a remote host, which would send the API key unencrypted; use https://`,
    );
  }
  if (url.username || url.password) {
    throw new ConfigError("civis:endpoint / CIVIS_API_ENDPOINT must not carry credentials; set the key with civis:apiKey or CIVIS_API_KEY");
  }
  return url.href.endsWith("/") ? url.href : `${url.href}/`;
}

function isLoopback(host: string): boolean {
  return host === "localhost" || host === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function intSetting(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`civis:${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  }
  return n;
}
