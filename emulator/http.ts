import type * as http from "node:http";

/** An error answered the way Civis answers: `{error, errorDescription, code}`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    description: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(description);
  }
}

const SLUGS: Record<number, string> = {
  400: "bad_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  409: "conflict",
  429: "too_many_requests",
  500: "internal_server_error",
  501: "not_implemented",
  502: "bad_gateway",
  503: "service_unavailable",
  504: "gateway_timeout",
};

export function errorFor(status: number, description?: string, headers?: Record<string, string>): HttpError {
  return new HttpError(status, SLUGS[status] ?? "error", description ?? defaultDescription(status), headers);
}

function defaultDescription(status: number): string {
  switch (status) {
    case 404:
      return "The requested resource could not be found.";
    case 429:
      return "Rate limit exceeded.";
    default:
      return `The server answered ${status}.`;
  }
}

export const badRequest = (why: string) =>
  new HttpError(400, "bad_request", `The given request was not as expected: Validation failed: ${why}`);
export const notFound = () => errorFor(404);

export interface Request {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  params: Record<string, string>;
  callerId: number;
}

export interface Response {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (req: Request) => Response;

interface Route {
  method: string;
  pattern: RegExp;
  names: string[];
  handler: Handler;
}

/**
 * Paths of the real spec (../shared/civis-api/workflows-spec.json) that the emulator does not
 * serve. They answer 501, never 404: to a client a 404 means "that object is gone". None since
 * executions are served; a path the spec gains goes here until it is.
 */
const UNSERVED_SPEC_PATHS: Array<{ pattern: RegExp }> = [];

function patternOf(template: string): { pattern: RegExp; names: string[] } {
  const names: string[] = [];
  const source = template.replace(/:([a-zA-Z]+)/g, (_, name: string) => {
    names.push(name);
    return "([^/]+)";
  });
  return { pattern: new RegExp(`^${source}/?$`), names };
}

/** A tiny router: `/workflows/:id/shares/users/:userId` style patterns, exact matches only. */
export class Router {
  private readonly routes: Route[] = [];

  on(method: string, template: string, handler: Handler): this {
    this.routes.push({ method, ...patternOf(template), handler });
    return this;
  }

  /**
   * The handler for a request, or why there is none (405 for a served path, 501 for an unserved
   * one of the spec, else 404).
   */
  match(method: string, path: string): { handler: Handler; params: Record<string, string> } | HttpError {
    let pathKnown = false;
    for (const route of this.routes) {
      const m = route.pattern.exec(path);
      if (!m) continue;
      pathKnown = true;
      if (route.method !== method) continue;
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => (params[name] = decodeURIComponent(m[i + 1])));
      return { handler: route.handler, params };
    }
    if (pathKnown) return errorFor(405, `${method} is not allowed on ${path}.`);
    if (UNSERVED_SPEC_PATHS.some((r) => r.pattern.test(path))) {
      return errorFor(501, `The emulator does not serve ${method} ${path}, which the Civis API has.`);
    }
    return notFound();
  }
}

export function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

export function send(res: http.ServerResponse, r: Response): void {
  const headers: Record<string, string> = { ...(r.headers ?? {}) };
  if (r.body === undefined) {
    res.writeHead(r.status, headers);
    res.end();
    return;
  }
  const text = JSON.stringify(r.body);
  headers["Content-Type"] = "application/json; charset=utf-8";
  headers["Content-Length"] = String(Buffer.byteLength(text));
  res.writeHead(r.status, headers);
  res.end(text);
}

export function errorResponse(e: HttpError): Response {
  return { status: e.status, headers: e.headers, body: { error: e.slug, errorDescription: e.message, code: e.status } };
}

/** Parses a path id: Civis ids are positive integers; anything else is a 404, as a Rails route would give. */
export function idParam(value: string): number {
  if (!/^[0-9]+$/.test(value)) throw notFound();
  return Number(value);
}
