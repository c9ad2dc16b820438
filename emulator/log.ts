/** One API request as the emulator saw it. The Authorization header is never recorded. */
export interface LogEntry {
  seq: number;
  time: string;
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  /** The status answered, or "dropped" when the connection was closed without an answer. */
  status: number | "dropped";
  /** Whether the change was applied (false for a request refused or dropped before it ran). */
  applied: boolean;
  fault?: string;
  userId?: number;
}

export class RequestLog {
  private items: LogEntry[] = [];
  private seq = 0;

  add(entry: Omit<LogEntry, "seq" | "time">): void {
    this.items.push({ seq: ++this.seq, time: new Date().toISOString(), ...entry });
  }

  entries(): LogEntry[] {
    return this.items;
  }

  clear(): void {
    this.items = [];
  }
}
