/**
 * Time as the client's waits see it: the throttle's pause after a 429 and the retry policy's
 * backoff. It is passed in so that tests of those waits run on fake time instead of sleeping;
 * users always get `systemClock`.
 */
export interface Clock {
  /** Milliseconds since the epoch, as Date.now(). */
  now(): number;
  /** Resolves once `ms` milliseconds have passed on this clock. */
  sleep(ms: number): Promise<void>;
}

/** The wall clock and real timers. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
