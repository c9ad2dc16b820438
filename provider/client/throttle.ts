import { systemClock, type Clock } from "./clock";

/**
 * A limit on requests in flight, shared by every resource this provider process serves, so a
 * large stack run with a high --parallel does not storm the API. When the server says few
 * requests remain in its window (X-RateLimit-Remaining), the limit tightens to one at a time;
 * when it answers 429 with Retry-After, every request waits that long, not just the refused one.
 */
export class Throttle {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  private remaining: number | undefined;
  private pausedUntil = 0;

  /** `clock` times the pause after a 429 (tests pass a fake one). */
  constructor(
    private readonly maxInFlight: number,
    private readonly clock: Clock = systemClock,
  ) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    // Another 429 may extend the pause while this request waits: look again after each wait.
    for (let wait = this.pausedUntil - this.clock.now(); wait > 0; wait = this.pausedUntil - this.clock.now()) {
      await this.clock.sleep(wait);
    }
    await this.acquire();
    try {
      return await fn();
    } finally {
      this.release();
    }
  }

  /** The server refused for being over its rate: hold every request for `ms`. */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + ms);
  }

  /** Feeds back the server's X-RateLimit-Remaining after each answer. */
  observe(remaining: number | undefined): void {
    if (remaining !== undefined && Number.isFinite(remaining)) this.remaining = remaining;
  }

  private get limit(): number {
    if (this.remaining !== undefined && this.remaining < this.maxInFlight * 2) return 1;
    return this.maxInFlight;
  }

  private acquire(): Promise<void> {
    if (this.active < this.limit) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve) =>
      this.waiting.push(() => {
        this.active++;
        resolve();
      }),
    );
  }

  private release(): void {
    this.active--;
    while (this.waiting.length > 0 && this.active < this.limit) this.waiting.shift()!();
  }
}
