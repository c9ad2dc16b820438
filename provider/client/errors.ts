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

  get isNotFound(): boolean {
    return this.status === 404;
  }

  /** The failure in the retry policy's terms: an error status, or the network code when no answer came. */
  get failure(): { status?: number; code?: string } {
    return this.status !== undefined ? { status: this.status } : { code: this.slug };
  }
}

/** Removes anything that looks like the API key from a text we did not write ourselves. */
export function redact(text: string, secret: string | undefined): string {
  if (!secret) return text;
  let out = text.split(secret).join("[redacted]");
  const basic = Buffer.from(`${secret}:`).toString("base64");
  out = out.split(basic).join("[redacted]");
  return out;
}
