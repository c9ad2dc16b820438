import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { CivisApiError } from "../../../../provider/client/errors";
import { backoffMs, isRetryable, parseRetryAfter, type Failure } from "../../../../provider/client/retry";
import type { Method } from "../../../../provider/client/transport";

describe("retry policy", () => {
  const table: Array<[Method, Failure, boolean]> = [
    ["GET", { status: 429 }, true], ["GET", { status: 502 }, true], ["GET", { status: 503 }, true], ["GET", { status: 504 }, true],
    ["GET", { status: 500 }, false], ["GET", { status: 400 }, false], ["GET", { status: 404 }, false], ["GET", { status: 401 }, false],
    ["PUT", { status: 503 }, true], ["PATCH", { status: 502 }, true], ["DELETE", { status: 504 }, true],
    ["GET", { code: "ECONNRESET" }, true], ["PATCH", { code: "ETIMEDOUT" }, true], ["DELETE", { code: "ECONNREFUSED" }, true],
    ["POST", { status: 429 }, true], ["POST", { status: 503 }, true], ["POST", { code: "ECONNREFUSED" }, true],
    ["POST", { status: 502 }, false], ["POST", { status: 504 }, false], ["POST", { code: "ECONNRESET" }, false],
    ["POST", { code: "ETIMEDOUT" }, false], ["POST", { status: 400 }, false],
  ];
  for (const [method, failure, expected] of table) {
    it(`${method} ${JSON.stringify(failure)} → ${expected ? "retry" : "no retry"}`, () => {
      assert.equal(isRetryable(method, failure), expected);
    });
  }

  const error = (status: number | undefined, slug: string) => new CivisApiError("POST /workflows", status, slug, "");
  const applied: Array<[number | undefined, string, boolean]> = [
    [502, "bad_gateway", true], [504, "gateway_timeout", true], [500, "internal_server_error", true],
    [undefined, "ECONNRESET", true], [undefined, "ETIMEDOUT", true], [undefined, "ERR_NETWORK", true],
    [503, "service_unavailable", false], [429, "rate_limited", false], [400, "bad_request", false],
    [undefined, "ECONNREFUSED", false], [undefined, "ENOTFOUND", false],
  ];
  for (const [status, slug, expected] of applied) {
    it(`${status ?? slug} → ${expected ? "may have been applied" : "certainly not applied"}`, () => {
      assert.equal(error(status, slug).mayHaveBeenApplied, expected);
    });
  }

  it("backoff: jittered under a doubling ceiling, never below Retry-After, capped per wait", () => {
    const s = { baseMs: 1000, maxWaitMs: 60_000, maxTotalMs: 600_000 };
    assert.equal(backoffMs(0, undefined, s, () => 1), 1000);
    assert.equal(backoffMs(3, undefined, s, () => 1), 8000);
    assert.equal(backoffMs(3, undefined, s, () => 0.5), 4000);
    assert.equal(backoffMs(10, undefined, s, () => 1), 60_000, "capped");
    assert.equal(backoffMs(0, 5, s, () => 0), 5000, "Retry-After is a floor");
    assert.equal(backoffMs(0, 120, s, () => 0), 120_000, "a longer Retry-After is honoured");
  });

  it("parses Retry-After as seconds or as an HTTP date", () => {
    assert.equal(parseRetryAfter("7"), 7);
    assert.equal(parseRetryAfter(undefined), undefined);
    assert.equal(parseRetryAfter(new Date(10_000).toUTCString(), 0), 10);
    assert.equal(parseRetryAfter("soon"), undefined);
  });
});
