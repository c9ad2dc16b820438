/**
 * The emulator's time for its rate-limit windows: the wall clock, or one that runs `timeScale`
 * times faster, so that a test of a 10 s window (and of a client honouring its Retry-After) takes
 * one second at scale 10 rather than ten. Only the windows use it: timestamps, `latencyMs` and
 * delay faults stay on the wall clock, because clients compare and time those with their own.
 */
export interface Clock {
  /** This clock's time in milliseconds. */
  now(): number;
  /** How long `ms` of this clock's milliseconds take on the wall clock: what a client must wait. */
  toWallMs(ms: number): number;
}

/** A clock running `scale()` times as fast as `wall`; a change of scale takes effect from then on. */
export function scaledClock(scale: () => number, wall: () => number = Date.now): Clock {
  // Anchored at the last change of scale, so changing it never moves this clock backwards.
  let wallAt = wall();
  let at = wallAt;
  let current = scale();
  return {
    now() {
      const w = wall();
      const s = scale();
      if (s !== current) {
        at += (w - wallAt) * current;
        wallAt = w;
        current = s;
      }
      return at + (w - wallAt) * current;
    },
    toWallMs: (ms) => ms / scale(),
  };
}

/** Whether `value` is a usable time scale: a finite number above zero. */
export function isTimeScale(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value) && value > 0;
}
