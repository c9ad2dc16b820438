/**
 * The provider's settings, resolved once each time the engine configures the provider: stack
 * config (`civis:*`) first, then the environment variables the official Civis clients read, then
 * defaults; validated, with errors that say how to fix the value. The API key is held
 * non-enumerable, so printing or serializing a config never shows it.
 */
export interface ProviderConfig {
  /** Not enumerable: absent from JSON.stringify, console.log and util.inspect. */
  readonly apiKey: string;
  /** Base URL, always ending in "/". */
  readonly endpoint: string;
  /** Attempts after the first, for requests that may be retried. */
  readonly maxRetries: number;
  /** Per-request timeout in milliseconds; also how long a timed-out create may still land. */
  readonly requestTimeoutMs: number;
  /** The first retry wait's ceiling in ms; each later one doubles (tests shorten it). */
  readonly retryBaseMs: number;
  /** Clock difference tolerated between this machine and Civis when matching creation times. */
  readonly clockSkewMs: number;
  /** The first wait between reads of a run `up` waits for; each later one is longer, up to 30 s (tests shorten it). */
  readonly pollStartMs: number;
  /** Creating a Workflow first takes over a live one of the API user's with the same name and definition. */
  readonly adoptExisting: boolean;
  /** Put before the name of every workflow the stack makes (`civis:namePrefix`, e.g. "[dev] "); "" for none. */
  readonly namePrefix: string;
  /** `paused`: every workflow of the stack stays unscheduled, whatever the program says (`civis:schedules`). */
  readonly schedules: SchedulesSetting;
}

/** `program`: schedules as the program writes them (the default); `paused`: none runs on a schedule. */
export const SCHEDULES_SETTINGS = ["program", "paused"] as const;
export type SchedulesSetting = (typeof SCHEDULES_SETTINGS)[number];

/** What the stack sets for every workflow it makes, whatever the program says. */
export type StackDefaults = Pick<ProviderConfig, "namePrefix" | "schedules">;

/** What the API client needs of it. */
export type ClientConfig = Pick<
  ProviderConfig,
  "apiKey" | "endpoint" | "maxRetries" | "requestTimeoutMs" | "retryBaseMs"
>;

/** Reads one `civis:` stack config key (e.g. "apiKey"); undefined when not set. */
export type StackConfig = (key: string) => string | undefined;

export const DEFAULT_ENDPOINT = "https://api.civisanalytics.com/";

/**
 * The stack's `civis:` settings, each with the environment variable read when the stack does not
 * set it and what it means: resolveConfig reads them by this table, the native plugin's schema
 * documents them from it.
 */
export const SETTINGS = {
  apiKey: { type: "string", variable: "CIVIS_API_KEY", secret: true, doc: "The Civis API key. Required." },
  endpoint: {
    type: "string",
    variable: "CIVIS_API_ENDPOINT",
    doc: `The Civis API's base URL, https:// (http:// only to this machine). Default: ${DEFAULT_ENDPOINT}`,
  },
  maxRetries: {
    type: "integer",
    variable: "CIVIS_MAX_RETRIES",
    doc: "Attempts after the first for a request that may be retried (429, 5xx, a lost connection), 0-20. Default 9.",
  },
  requestTimeout: {
    type: "integer",
    variable: "CIVIS_REQUEST_TIMEOUT",
    doc: "How long one request may take, in milliseconds, 100-600000. Default 60000.",
  },
  adoptExisting: {
    type: "boolean",
    variable: "CIVIS_ADOPT_EXISTING",
    doc:
      "`true`: creating a Workflow first takes over a live one of the API user's with the same name and " +
      "definition, instead of making a second. Default false.",
  },
  namePrefix: {
    type: "string",
    variable: "CIVIS_NAME_PREFIX",
    doc: 'Put before the name of every workflow the stack makes, e.g. "[dev] ". Default: none.',
  },
  schedules: {
    type: "string",
    variable: "CIVIS_SCHEDULES",
    doc:
      "`paused`: every workflow of the stack stays unscheduled, whatever the program says; " +
      "`program` (default): schedules as written.",
  },
} as const satisfies Record<string, Setting>;

/** A `civis:` setting: its type in the stack's config, its environment variable, what it means. */
export interface Setting {
  type: "string" | "integer" | "boolean";
  variable: string;
  doc: string;
  secret?: true;
}

export type SettingKey = keyof typeof SETTINGS;

/** A problem with the provider's settings, phrased as what to do about it. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

export function resolveConfig(
  stack: StackConfig = () => undefined,
  env: NodeJS.ProcessEnv = process.env,
): ProviderConfig {
  const setting = (key: SettingKey) => stack(key) ?? env[SETTINGS[key].variable];
  const apiKey = setting("apiKey");
  if (!apiKey) {
    throw new ConfigError(
      "no Civis API key: set it with `pulumi config set civis:apiKey --secret <key>` " +
        "or export CIVIS_API_KEY in the shell that runs pulumi",
    );
  }
  const config = {
    endpoint: normalizeEndpoint(setting("endpoint") ?? DEFAULT_ENDPOINT),
    maxRetries: intSetting("civis:maxRetries", setting("maxRetries"), 9, 0, 20),
    requestTimeoutMs: intSetting("civis:requestTimeout", setting("requestTimeout"), 60_000, 100, 600_000),
    retryBaseMs: intSetting("CIVIS_RETRY_BASE_MS", env.CIVIS_RETRY_BASE_MS, 1000, 1, 60_000),
    clockSkewMs: intSetting("CIVIS_CLOCK_SKEW_MS", env.CIVIS_CLOCK_SKEW_MS, 10_000, 0, 3_600_000),
    pollStartMs: intSetting("CIVIS_POLL_START_MS", env.CIVIS_POLL_START_MS, 2000, 10, 30_000),
    adoptExisting: boolSetting("civis:adoptExisting", setting("adoptExisting")),
    namePrefix: setting("namePrefix") ?? "",
    schedules: schedulesSetting(setting("schedules")),
  };
  Object.defineProperty(config, "apiKey", { value: apiKey, enumerable: false });
  return config as ProviderConfig;
}

/** Whether two configs would make the same client (the key included). */
export function sameConfig(a: ProviderConfig, b: ProviderConfig): boolean {
  return a.apiKey === b.apiKey && JSON.stringify(a) === JSON.stringify(b);
}

/** Checks an endpoint: an absolute http(s) URL; plain http only to this machine. */
export function normalizeEndpoint(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(
      `civis:endpoint / CIVIS_API_ENDPOINT ${JSON.stringify(raw)} is not a URL; use e.g. ${DEFAULT_ENDPOINT}`,
    );
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new ConfigError(`civis:endpoint / CIVIS_API_ENDPOINT must use https://, got ${url.protocol}//`);
  }
  if (url.protocol === "http:" && !isLoopback(url.hostname)) {
    throw new ConfigError(
      `civis:endpoint / CIVIS_API_ENDPOINT ${url.origin} uses plain http:// to a remote host, which would send the ` +
        `API key unencrypted; use https://`,
    );
  }
  if (url.username || url.password) {
    throw new ConfigError(
      "civis:endpoint / CIVIS_API_ENDPOINT must not carry credentials; set the key with civis:apiKey or CIVIS_API_KEY",
    );
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
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  }
  return n;
}

function boolSetting(name: string, raw: string | undefined): boolean {
  if (raw === undefined || raw === "" || raw === "false") return false;
  if (raw === "true") return true;
  throw new ConfigError(`${name} / CIVIS_ADOPT_EXISTING must be true or false, got ${JSON.stringify(raw)}`);
}

function schedulesSetting(raw: string | undefined): SchedulesSetting {
  if (raw === undefined || raw === "") return "program";
  if ((SCHEDULES_SETTINGS as readonly string[]).includes(raw)) return raw as SchedulesSetting;
  throw new ConfigError(
    `civis:schedules / CIVIS_SCHEDULES must be "paused" (no workflow of the stack runs on a schedule) or "program" ` +
      `(schedules as the program writes them, the default), got ${JSON.stringify(raw)}`,
  );
}
