// A cancellable clock: its waits fail as soon as the engine cancels, and pass through otherwise.
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { cancellableClock, type Clock } from "../../../../provider/client/clock";

/** A clock whose sleeps end only when the test says. */
function heldClock(): Clock & { release(): void } {
  const waiting: Array<() => void> = [];
  return {
    now: () => 0,
    sleep: () => new Promise<void>((resolve) => waiting.push(resolve)),
    release: () => waiting.splice(0).forEach((r) => r()),
  };
}

describe("cancellableClock", () => {
  it("a wait ends when the clock's does, if nothing cancels", async () => {
    const clock = heldClock();
    const wait = cancellableClock(clock, new AbortController().signal).sleep(1000);
    clock.release();
    await wait;
  });

  it("a wait under way fails on cancel, saying so; a wait after it fails at once", async () => {
    const cancel = new AbortController();
    const clock = cancellableClock(heldClock(), cancel.signal);
    const wait = clock.sleep(60_000);
    cancel.abort();
    await assert.rejects(wait, /cancelled by the engine \(Ctrl-C\) while waiting to retry a request to Civis/);
    await assert.rejects(clock.sleep(10), /cancelled by the engine/);
  });
});
