/**
 * The one error type of the API client. Its message names the request and the server's own
 * words, and nothing else: no headers, no API key, no stack of HTTP-library internals.
 */
export class CivisApiError extends Error {
  override readonly name = "CivisApiError";

  constructor(
    /** e.g. "PATCH /workflows/123" */
    readonly request: string,
    /** The HTTP status, or undefined when no answer came (connection error, timeout). */
    readonly status: number | undefined,
    /** The Civis error slug (`not_found`, `bad_request`, ...) or the network error code. */
    readonly slug: string,
    readonly description: string,
  ) {
    super(`Civis API: ${request} failed: ${status !== undefined ? `${status} ` : ""}${slug}: ${description}`);
  }

  /** The object asked for does not exist (or is not visible to the API user): nothing to do or undo. */
  get isGone(): boolean {
    return this.status === 404 || this.status === 410;
  }

  /**
   * Whether the request may have been applied though it failed: the connection was lost or timed
   * out after sending, a gateway answered 502 or 504 in Civis's place, or Civis answered 500. A
   * refused connection, a 4xx, 429 or 503 says it was not.
   */
  get mayHaveBeenApplied(): boolean {
    if (this.status === undefined) return !NOT_SENT.has(this.slug);
    return this.status === 500 || this.status === 502 || this.status === 504;
  }

  /** No answer within the request timeout: the request may still land later. */
  get timedOut(): boolean {
    return this.status === undefined && (this.slug === "ETIMEDOUT" || this.slug === "ECONNABORTED");
  }

  /** The failure in the retry policy's terms: an error status, or the network code when no answer came. */
  get failure(): { status?: number; code?: string } {
    return this.status !== undefined ? { status: this.status } : { code: this.slug };
  }
}

/** Network failures that happen before a request leaves this machine. */
const NOT_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH"]);

/** Removes anything that looks like the API key from a text we did not write ourselves. */
export function redact(text: string, secret: string | undefined): string {
  if (!secret) return text;
  let out = text.split(secret).join("[redacted]");
  const basic = Buffer.from(`${secret}:`).toString("base64");
  out = out.split(basic).join("[redacted]");
  return out;
}
