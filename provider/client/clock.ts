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

/**
 * `clock` whose waits fail as soon as `signal` aborts (the engine's Cancel, on Ctrl-C): a retry's
 * backoff or a throttle's pause ends the operation then, with an error that says so, instead of
 * holding the engine until the wait is over.
 */
export function cancellableClock(clock: Clock, signal: AbortSignal): Clock {
  const cancelled = () => new Error("cancelled by the engine (Ctrl-C) while waiting to retry a request to Civis");
  return {
    now: () => clock.now(),
    sleep: (ms) =>
      new Promise<void>((resolve, reject) => {
        if (signal.aborted) return reject(cancelled());
        const abort = () => reject(cancelled());
        signal.addEventListener("abort", abort, { once: true });
        void clock.sleep(ms).then(() => {
          signal.removeEventListener("abort", abort);
          resolve();
        });
      }),
  };
}
