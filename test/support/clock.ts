import type { Clock } from "../../provider/client/clock";

/**
 * A clock for tests of waits (Retry-After, 429 pauses, backoff): its time stands still until
 * something sleeps, then jumps to the earliest wake-up as soon as the process has nothing
 * immediate left to do (one setImmediate). Waits so cost no wall time, yet keep their order and
 * length: two requests told to wait 1 s wake together, 1 s later by this clock, and a request
 * that does not wait sees no time pass. `waits` lists every sleep asked for, in order.
 */
export class FakeClock implements Clock {
  readonly waits: number[] = [];
  private time: number;
  private timers: Array<{ at: number; wake: () => void }> = [];
  private scheduled = false;

  constructor(start = Date.now()) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  sleep(ms: number): Promise<void> {
    this.waits.push(ms);
    return new Promise((wake) => {
      this.timers.push({ at: this.time + Math.max(0, ms), wake });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (this.timers.length === 0) return;
      this.time = Math.max(this.time, Math.min(...this.timers.map((t) => t.at)));
      const due = this.timers.filter((t) => t.at <= this.time);
      this.timers = this.timers.filter((t) => t.at > this.time);
      for (const t of due) t.wake();
      if (this.timers.length > 0) this.schedule();
    });
  }
}
