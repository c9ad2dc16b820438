import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { CivisApiError } from "../../../../provider/client/errors";
import {
  backoffMs,
  isRetryable,
  parseRetryAfter,
  withRetry,
  type Failure,
  type RetryWait,
} from "../../../../provider/client/retry";
import type { Method } from "../../../../provider/client/transport";
import { FakeClock } from "../../../support/clock";

describe("retry policy", () => {
  const table: Array<[Method, Failure, boolean]> = [
    ["GET", { status: 429 }, true],
    ["GET", { status: 502 }, true],
    ["GET", { status: 503 }, true],
    ["GET", { status: 504 }, true],
    ["GET", { status: 500 }, false],
    ["GET", { status: 400 }, false],
    ["GET", { status: 404 }, false],
    ["GET", { status: 401 }, false],
    ["PUT", { status: 503 }, true],
    ["PATCH", { status: 502 }, true],
    ["DELETE", { status: 504 }, true],
    ["GET", { code: "ECONNRESET" }, true],
    ["PATCH", { code: "ETIMEDOUT" }, true],
    ["DELETE", { code: "ECONNREFUSED" }, true],
    ["POST", { status: 429 }, true],
    ["POST", { status: 503 }, true],
    ["POST", { code: "ECONNREFUSED" }, true],
    ["POST", { status: 502 }, false],
    ["POST", { status: 504 }, false],
    ["POST", { code: "ECONNRESET" }, false],
    ["POST", { code: "ETIMEDOUT" }, false],
    ["POST", { status: 400 }, false],
  ];
  for (const [method, failure, expected] of table) {
    it(`${method} ${JSON.stringify(failure)} → ${expected ? "retry" : "no retry"}`, () => {
      assert.equal(isRetryable(method, failure), expected);
    });
  }

  const error = (status: number | undefined, slug: string) => new CivisApiError("POST /workflows", status, slug, "");
  const applied: Array<[number | undefined, string, boolean]> = [
    [502, "bad_gateway", true],
    [504, "gateway_timeout", true],
    [500, "internal_server_error", true],
    [undefined, "ECONNRESET", true],
    [undefined, "ETIMEDOUT", true],
    [undefined, "ERR_NETWORK", true],
    [503, "service_unavailable", false],
    [429, "rate_limited", false],
    [400, "bad_request", false],
    [undefined, "ECONNREFUSED", false],
    [undefined, "ENOTFOUND", false],
  ];
  for (const [status, slug, expected] of applied) {
    it(`${status ?? slug} → ${expected ? "may have been applied" : "certainly not applied"}`, () => {
      assert.equal(error(status, slug).mayHaveBeenApplied, expected);
    });
  }

  it("backoff: jittered under a doubling ceiling, never below Retry-After, capped per wait", () => {
    const s = { baseMs: 1000, maxWaitMs: 60_000, maxTotalMs: 600_000 };
    assert.equal(
      backoffMs(0, undefined, s, () => 1),
      1000,
    );
    assert.equal(
      backoffMs(3, undefined, s, () => 1),
      8000,
    );
    assert.equal(
      backoffMs(3, undefined, s, () => 0.5),
      4000,
    );
    assert.equal(
      backoffMs(10, undefined, s, () => 1),
      60_000,
      "capped",
    );
    assert.equal(
      backoffMs(0, 5, s, () => 0),
      5000,
      "Retry-After is a floor",
    );
    assert.equal(
      backoffMs(0, 120, s, () => 0),
      120_000,
      "a longer Retry-After is honoured",
    );
  });

  it("parses Retry-After as seconds or as an HTTP date", () => {
    assert.equal(parseRetryAfter("7"), 7);
    assert.equal(parseRetryAfter(undefined), undefined);
    assert.equal(parseRetryAfter(new Date(10_000).toUTCString(), 0), 10);
    assert.equal(parseRetryAfter("soon"), undefined);
  });

  // withRetry on a fake clock: the waits are what the policy says, measured rather than slept.
  const settings = { baseMs: 1000, maxWaitMs: 60_000, maxTotalMs: 600_000 };
  /** An attempt that fails with each of `failures` in turn (status and Retry-After), then answers "done". */
  const failing = (failures: Array<[number, number | undefined]>) => {
    let n = 0;
    return () => {
      const f = failures[n++];
      if (!f) return Promise.resolve({ response: "done" });
      return Promise.resolve({ error: new CivisApiError("GET /users/me", f[0], "throttled", ""), retryAfter: f[1] });
    };
  };

  it("withRetry waits exactly Retry-After (not the shorter backoff) and says each wait first", async () => {
    const clock = new FakeClock();
    const started = clock.now();
    const said: RetryWait[] = [];
    const result = await withRetry(
      "GET",
      9,
      settings,
      failing([
        [429, 3],
        [503, undefined],
      ]),
      (w) => said.push(w),
      (ms) => clock.sleep(ms),
    );
    assert.equal(result, "done");
    assert.equal(clock.waits[0], 3000, "Retry-After: 3, though the first backoff is at most 1 s");
    assert.ok(
      clock.waits[1] >= 0 && clock.waits[1] <= 2000,
      `the second wait is jittered under 2 s: ${clock.waits[1]}`,
    );
    assert.deepEqual(
      said.map((w) => [w.waitMs, w.reason, w.attempt, w.of]),
      [
        [clock.waits[0], "429", 2, 10],
        [clock.waits[1], "503", 3, 10],
      ],
    );
    assert.equal(clock.now() - started, clock.waits[0] + clock.waits[1], "the retries came after the waits");
  });

  it("withRetry gives up rather than wait past its total budget, or past maxRetries", async () => {
    const clock = new FakeClock();
    const sleep = (ms: number) => clock.sleep(ms);
    await assert.rejects(
      withRetry("GET", 9, { ...settings, maxTotalMs: 4000 }, failing([[429, 5]]), undefined, sleep),
      /429 throttled/,
    );
    assert.deepEqual(clock.waits, [], "a Retry-After over the budget is not waited");
    // Backoff of at most 1 and 2 ms, so each wait is the Retry-After.
    await assert.rejects(
      withRetry(
        "GET",
        2,
        { ...settings, baseMs: 1 },
        failing([
          [429, 1],
          [429, 1],
          [429, 1],
        ]),
        undefined,
        sleep,
      ),
      /429 throttled/,
    );
    assert.deepEqual(clock.waits, [1000, 1000], "two retries, each after Retry-After");
  });
});
