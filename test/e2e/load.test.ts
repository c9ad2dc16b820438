// Load: 300 resources (100 workflows, 100 shares, 100 project links) at --parallel 64 against an
// emulator that allows 100 requests per 10 s: up, refresh and destroy all succeed. The emulator's
// windows run five times faster than the wall clock (its timeScale): the provider meets 2 s
// windows and Retry-After of 1 or 2, so the limit costs seconds where wall-clock windows cost
// about a minute and a half. At that pace the engine, not the limit, sets the speed of up; the
// burst of refresh reads still meets the limit, which the test checks.
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { REPO } from "../../scripts/engine";
import { TestStack } from "../support/stack";

const PROGRAM_DIR = path.join(REPO, "test", "e2e", "programs", "load");
const PROGRAM = path.join(REPO, "dist", "test", "e2e", "programs", "load", "index.js");
const env = { PULUMI_CIVIS_TEST_ARGS: JSON.stringify({ count: 100 }) };

describe("a 300-resource stack under the API's rate limit", () => {
  let stack: TestStack;
  before(async () => {
    stack = await TestStack.create({
      name: "load",
      workDir: PROGRAM_DIR,
      program: PROGRAM,
      env: { CIVIS_RETRY_BASE_MS: "250" },
    });
    stack.emulator.context.options.rateLimit = { limit: 100, windowMs: 10_000 };
    stack.emulator.context.options.timeScale = 5;
  });
  after(async () => stack?.close());
  const live = () => stack.emulator.context.store.state.workflows.filter((w) => !w.archived);
  const throttled = (r: { entries: Array<{ status: number | string }> }) =>
    r.entries.filter((e) => e.status === 429).length;

  it("up creates all 300", async () => {
    const t = Date.now();
    const r = await stack.ok("up", { env, options: { parallel: 64 } });
    console.log(
      `up: ${r.requests.length} requests, ${throttled(r)} answered 429, ${Math.round((Date.now() - t) / 1000)} s`,
    );
    assert.equal(live().length, 100);
    assert.ok(live().every((w) => w.userShares[101] === "read" && w.projectIds.includes(42)));
  });

  it("refresh reads all 300 and finds no drift", async () => {
    const t = Date.now();
    const r = await stack.ok("refresh", { env, options: { parallel: 64 } });
    console.log(
      `refresh: ${r.requests.length} requests, ${throttled(r)} answered 429, ${Math.round((Date.now() - t) / 1000)} s`,
    );
    assert.ok(throttled(r) > 0, "the reads met the rate limit (else this test no longer tests it: lower timeScale)");
    assert.equal(r.changes!.same, 301);
  });

  it("destroy removes all 300 and leaves nothing live", async () => {
    const t = Date.now();
    const r = await stack.ok("destroy", { options: { parallel: 64 } });
    console.log(
      `destroy: ${r.requests.length} requests, ${throttled(r)} answered 429, ${Math.round((Date.now() - t) / 1000)} s`,
    );
    assert.equal(live().length, 0);
    assert.ok(
      stack.emulator.context.store.state.workflows.every(
        (w) => Object.keys(w.userShares).length === 1 && w.projectIds.length === 0,
      ),
    );
  });
});
