import { startEmulator, type Emulator, type EmulatorOptions } from "../../emulator/server";
import { DEFAULT_API_KEY } from "../../emulator/seed";

export { DEFAULT_API_KEY };
export type { Emulator };

/** An emulator on a free loopback port for one test; closed by the returned `close`. */
export async function withEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator(0, opts);
}

/** Calls the emulator's API as a plain HTTP client would (the provider's client is tested separately). */
// The return type is spelt out: inferred, it names undici-types by a path that depends on where
// node_modules lives (TS2742 when node_modules is a symlink, as in a git worktree).
export async function call(
  emu: Emulator,
  method: string,
  path: string,
  body?: unknown,
  key: string | null = DEFAULT_API_KEY,
): Promise<{ status: number; headers: Headers; body: any }> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (key !== null) headers.Authorization = `Basic ${Buffer.from(`${key}:`).toString("base64")}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const res = await fetch(`${emu.url}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

/** The API requests the emulator saw, as "METHOD /path" strings. */
export function requests(emu: Emulator): string[] {
  return emu.log.entries().map((e) => `${e.method} ${e.path}`);
}

/**
 * Pushes a commit to one of the emulator's git repositories (made if new) through the control
 * API, `POST /_emulator/git/commits`: `files` maps a path to its new content, or to null to delete
 * it. Answers the new commit's hash.
 */
export async function pushCommit(
  emu: Emulator,
  push: {
    repoUrl: string;
    branch?: string;
    files: Record<string, string | null>;
    message: string;
    authorName?: string;
    /** Tags the new commit. */
    tag?: string;
  },
): Promise<string> {
  const res = await fetch(`${emu.url}/_emulator/git/commits`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(push),
  });
  const text = await res.text();
  if (res.status !== 201) throw new Error(`POST /_emulator/git/commits answered ${res.status}: ${text}`);
  return (JSON.parse(text) as { commitHash: string }).commitHash;
}
