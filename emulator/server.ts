import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { timingSafeEqual } from "node:crypto";
import { isTimeScale, scaledClock } from "./clock";
import { createContext, type Context, type Options } from "./context";
import { controlRoutes, CONTROL_PREFIX } from "./control";
import { credentialsEcho, keyOf } from "./credentials";
import { Faults } from "./faults";
import { errorFor, errorResponse, HttpError, readBody, Router, send, type Response } from "./http";
import { RequestLog } from "./log";
import { RateLimiter } from "./ratelimit";
import { executionRoutes } from "./routes/executions";
import { gitRoutes } from "./routes/git";
import { projectRoutes } from "./routes/projects";
import { shareRoutes } from "./routes/shares";
import { userRoutes } from "./routes/users";
import { workflowRoutes } from "./routes/workflows";
import { defaultSeed } from "./seed";
import { Store } from "./store";
import type { State } from "./types";

export interface EmulatorOptions {
  /** Where state is persisted; in memory only when absent. */
  stateFile?: string;
  /** The objects a fresh (or reset) emulator holds. */
  seed?: () => State;
  options?: Partial<Options>;
}

export interface Emulator {
  readonly url: string;
  readonly port: number;
  readonly context: Context;
  readonly log: RequestLog;
  readonly faults: Faults;
  /**
   * Resolves once no API request is being answered (e.g. one held by a delay fault whose client
   * gave up), so a test reads a log that holds every request a finished operation sent.
   */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/** Requests that start runs: an execution, a retry of its failed tasks. */
const STARTS_RUN = /^\/workflows\/\d+\/executions(\/\d+\/retry)?$/;

/** Starts an emulator on 127.0.0.1 (port 0 picks a free one). */
export async function startEmulator(port = 0, opts: EmulatorOptions = {}): Promise<Emulator> {
  const seed = opts.seed ?? (() => defaultSeed());
  const timeScale = opts.options?.timeScale;
  if (timeScale !== undefined && !isTimeScale(timeScale))
    throw new Error(`timeScale must be a number above 0, got ${JSON.stringify(timeScale)}`);
  const ctx = createContext(new Store(opts.stateFile, seed), opts.options);
  const log = new RequestLog();
  const faults = new Faults();
  const limiter = new RateLimiter(
    () => ctx.options.rateLimit,
    scaledClock(() => ctx.options.timeScale),
  );
  // Requests that start runs count against a lower limit of their own too (README of the spec).
  const runLimiter = new RateLimiter(
    () => ctx.options.runRateLimit,
    scaledClock(() => ctx.options.timeScale),
  );
  const api = new Router();
  workflowRoutes(api, ctx);
  shareRoutes(api, ctx);
  projectRoutes(api, ctx);
  userRoutes(api, ctx);
  gitRoutes(api, ctx);
  executionRoutes(api, ctx);
  const limiters = { reset: () => [limiter, runLimiter].forEach((l) => l.reset()) };
  const control = controlRoutes(ctx, { faults, log, limiter: limiters, seed });

  let inFlight = 0;
  const waiters: Array<() => void> = [];
  const server = http.createServer((req, res) => {
    inFlight++;
    handle(req, res)
      .catch((e) => {
        // A bug in the emulator itself: answer 500 rather than hang the client.
        if (!res.headersSent) send(res, errorResponse(errorFor(500, (e as Error).message)));
      })
      .finally(() => {
        if (--inFlight === 0) for (const w of waiters.splice(0)) w();
      });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://emulator");
    const method = (req.method ?? "GET").toUpperCase();
    const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, "") : url.pathname;
    const text = await readBody(req);
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      return send(
        res,
        errorResponse(errorFor(400, "The given request was not as expected: the body is not valid JSON.")),
      );
    }

    if (path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`)) {
      return send(res, run(control, method, path, url.searchParams, body, 0));
    }

    const entry = { method, path, query: Object.fromEntries(url.searchParams), body };
    const userId = authenticate(req.headers.authorization, ctx.store.state);
    if (userId === undefined) {
      log.add({ ...entry, status: 401, applied: false });
      return send(res, errorResponse(errorFor(401, "Invalid or missing API key.")));
    }
    let rate = limiter.hit(userId);
    if (rate.retryAfter === undefined && method === "POST" && STARTS_RUN.test(path)) rate = runLimiter.hit(userId);
    if (rate.retryAfter !== undefined) {
      log.add({ ...entry, status: 429, applied: false, userId });
      return send(res, withHeaders(errorResponse(errorFor(429, "Rate limit exceeded.")), rate.headers));
    }

    const fault = faults.take(method, path);
    if (fault?.type === "status") {
      const echo = fault.echoCredentials === true;
      log.add({
        ...entry,
        status: fault.status,
        applied: false,
        fault: `status ${fault.status}${echo ? " echoing credentials" : ""}`,
        userId,
      });
      const headers: Record<string, string> =
        fault.retryAfter !== undefined ? { "Retry-After": String(fault.retryAfter) } : {};
      const error = echo ? credentialsEcho(fault.status, req.headers.authorization) : errorFor(fault.status);
      return send(res, withHeaders(errorResponse(error), { ...rate.headers, ...headers }));
    }
    if (fault?.type === "drop" && fault.when === "before") {
      log.add({ ...entry, status: "dropped", applied: false, fault: "drop before", userId });
      req.socket.destroy();
      return;
    }
    const delay = (fault?.type === "delay" ? fault.ms : 0) + ctx.options.latencyMs;
    if (delay > 0) await sleep(delay);

    const response = withHeaders(run(api, method, path, url.searchParams, body, userId), rate.headers);
    const applied = response.status < 400;
    if (fault?.type === "drop") {
      log.add({ ...entry, status: "dropped", applied, fault: "drop after", userId });
      req.socket.destroy();
      return;
    }
    log.add({ ...entry, status: response.status, applied, fault: fault ? `delay ${delay}ms` : undefined, userId });
    if (!res.destroyed) send(res, response);
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  const actualPort = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actualPort}`,
    port: actualPort,
    context: ctx,
    log,
    faults,
    idle: () => (inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function run(
  router: Router,
  method: string,
  path: string,
  query: URLSearchParams,
  body: unknown,
  callerId: number,
): Response {
  try {
    const match = router.match(method, path);
    if (match instanceof HttpError) throw match;
    return match.handler({ method, path, query, body, params: match.params, callerId });
  } catch (e) {
    if (e instanceof HttpError) return errorResponse(e);
    return errorResponse(errorFor(500, `Internal error: ${(e as Error).message}`));
  }
}

function withHeaders(r: Response, headers: Record<string, string>): Response {
  return { ...r, headers: { ...headers, ...(r.headers ?? {}) } };
}

/** The user whose key the Authorization header carries (see credentials.ts), if any. */
function authenticate(header: string | undefined, state: State): number | undefined {
  const key = keyOf(header);
  if (!key) return undefined;
  for (const [known, userId] of Object.entries(state.apiKeys)) {
    const a = Buffer.from(known);
    const b = Buffer.from(key);
    if (a.length === b.length && timingSafeEqual(a, b)) return userId;
  }
  return undefined;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
