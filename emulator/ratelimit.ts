import { scaledClock, type Clock } from "./clock";

/** A fixed-window request counter per user, like the live API's 1000 requests per 300 s. */
export class RateLimiter {
  private windows = new Map<number, { start: number; count: number }>();

  /** `clock` measures the windows: the wall clock unless the emulator runs faster (or a test fakes it). */
  constructor(
    private readonly settings: () => { limit: number; windowMs: number },
    private readonly clock: Clock = scaledClock(() => 1),
  ) {}

  /**
   * Counts one request; returns the headers to send and, when over the limit, the seconds to
   * wait: the wall-clock seconds left in the window, rounded up (at least 1, as Retry-After counts
   * whole seconds), since clients wait by their own clock.
   */
  hit(userId: number): { headers: Record<string, string>; retryAfter?: number } {
    const { limit, windowMs } = this.settings();
    const now = this.clock.now();
    let w = this.windows.get(userId);
    if (!w || now - w.start >= windowMs) {
      w = { start: now, count: 0 };
      this.windows.set(userId, w);
    }
    w.count++;
    const headers = {
      "X-RateLimit-Limit": String(limit),
      "X-RateLimit-Remaining": String(Math.max(0, limit - w.count)),
    };
    if (w.count <= limit) return { headers };
    const retryAfter = Math.max(1, Math.ceil(this.clock.toWallMs(w.start + windowMs - now) / 1000));
    return { headers: { ...headers, "Retry-After": String(retryAfter) }, retryAfter };
  }

  reset(): void {
    this.windows.clear();
  }
}
