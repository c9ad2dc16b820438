// The in-flight limit, on its own: how many requests run at once, the tightening on a low
// X-RateLimit-Remaining, and the pause every request honours after a 429 (on a fake clock, so
// the pause is measured, not slept).
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { Throttle } from "../../../../provider/client/throttle";
import { FakeClock } from "../../../support/clock";

/** Runs `n` tasks through the throttle at once; answers the most that ran together. */
async function peakOf(throttle: Throttle, n: number): Promise<number> {
  let running = 0;
  let peak = 0;
  let done = 0;
  const releases: Array<() => void> = [];
  const tasks = Array.from({ length: n }, () =>
    throttle.run(async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise<void>((r) => releases.push(r));
      running--;
      done++;
    }),
  );
  // Release one task at a time until all are done, so queued ones get their turn.
  while (done < n) {
    await new Promise((r) => setImmediate(r));
    releases.shift()?.();
  }
  await Promise.all(tasks);
  return peak;
}

describe("Throttle", () => {
  it("runs at most maxInFlight at once", async () => {
    assert.equal(await peakOf(new Throttle(4), 20), 4);
  });

  it("goes one at a time while the server reports few requests left", async () => {
    const t = new Throttle(4);
    t.observe(3);
    assert.equal(await peakOf(t, 10), 1);
    t.observe(1000);
    assert.equal(await peakOf(t, 10), 4, "back to the full limit when the window refills");
  });

  it("after a 429, every request waits out the pause, not just the refused one", async () => {
    const clock = new FakeClock();
    const t = new Throttle(4, clock);
    const started = clock.now();
    assert.equal(await t.run(() => Promise.resolve(clock.now() - started)), 0, "no pause, no wait");
    t.pause(150);
    const at = await Promise.all([1, 2, 3].map(() => t.run(() => Promise.resolve(clock.now() - started))));
    assert.deepEqual(at, [150, 150, 150]);
  });

  it("a pause extended while requests wait is waited out to its new end", async () => {
    const clock = new FakeClock();
    const t = new Throttle(4, clock);
    const started = clock.now();
    t.pause(100);
    const waiting = t.run(() => Promise.resolve(clock.now() - started));
    t.pause(300); // another 429 while the first pause runs
    assert.equal(await waiting, 300);
  });
});
