// The emulator's rate limiter on a fake wall clock: fixed windows, Retry-After in the wall-clock
// seconds a client must wait, and a time scale that makes windows pass faster.
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { scaledClock } from "../../emulator/clock";
import { RateLimiter } from "../../emulator/ratelimit";

/** A wall clock that moves only when told. */
function fakeWall(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

describe("emulator rate limiter", () => {
  it("counts a fixed window per user and says how long is left of it", () => {
    const wall = fakeWall();
    const limiter = new RateLimiter(
      () => ({ limit: 2, windowMs: 10_000 }),
      scaledClock(() => 1, wall.now),
    );
    assert.equal(limiter.hit(1).headers["X-RateLimit-Remaining"], "1");
    assert.equal(limiter.hit(1).headers["X-RateLimit-Remaining"], "0");
    assert.equal(limiter.hit(1).retryAfter, 10);
    assert.equal(limiter.hit(2).retryAfter, undefined, "each user has a window of their own");
    wall.advance(4_000);
    assert.equal(limiter.hit(1).retryAfter, 6);
    wall.advance(5_500);
    assert.equal(limiter.hit(1).retryAfter, 1, "half a second left is one whole second");
    wall.advance(500);
    const fresh = limiter.hit(1);
    assert.deepEqual([fresh.retryAfter, fresh.headers["X-RateLimit-Remaining"]], [undefined, "1"], "a new window");
  });

  it("at time scale 10, a 10 s window passes in 1 s and Retry-After says wall-clock seconds", () => {
    const wall = fakeWall();
    const limiter = new RateLimiter(
      () => ({ limit: 1, windowMs: 10_000 }),
      scaledClock(() => 10, wall.now),
    );
    limiter.hit(1);
    const over = limiter.hit(1);
    assert.deepEqual([over.retryAfter, over.headers["Retry-After"]], [1, "1"]);
    wall.advance(999);
    assert.equal(limiter.hit(1).retryAfter, 1, "still the same window");
    wall.advance(1);
    assert.equal(limiter.hit(1).retryAfter, undefined, "the window has passed");
    const long = new RateLimiter(
      () => ({ limit: 1, windowMs: 300_000 }),
      scaledClock(() => 10, wall.now),
    );
    long.hit(1);
    assert.equal(long.hit(1).retryAfter, 30, "300 s at ten times the speed");
  });

  it("a change of scale applies from then on and never moves time backwards", () => {
    const wall = fakeWall();
    let scale = 10;
    const clock = scaledClock(() => scale, wall.now);
    const t0 = clock.now();
    wall.advance(1_000);
    assert.equal(clock.now() - t0, 10_000);
    scale = 1;
    assert.equal(clock.now() - t0, 10_000);
    wall.advance(1_000);
    assert.equal(clock.now() - t0, 11_000);
  });
});
