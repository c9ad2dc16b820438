import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { inspect } from "node:util";
import { ConfigError, normalizeEndpoint, resolveConfig as resolve } from "../../../../provider/core/config";

const noStack = () => undefined;
const resolveConfig = (env: NodeJS.ProcessEnv) => resolve(noStack, env);

describe("provider config", () => {
  it("reads the key and endpoint from the environment, with the Civis default endpoint", () => {
    const c = resolveConfig({ CIVIS_API_KEY: "k" });
    assert.equal(c.apiKey, "k");
    assert.equal(c.endpoint, "https://api.civisanalytics.com/");
    assert.equal(
      resolveConfig({ CIVIS_API_KEY: "k", CIVIS_API_ENDPOINT: "https://civis.example.com/api" }).endpoint,
      "https://civis.example.com/api/",
    );
  });

  it("prefers stack config over the environment", () => {
    const stack: Record<string, string> = { apiKey: "from-config", endpoint: "http://127.0.0.1:9/" };
    const c = resolve((key) => stack[key], { CIVIS_API_KEY: "from-env" });
    assert.equal(c.apiKey, "from-config");
    assert.equal(c.endpoint, "http://127.0.0.1:9/");
  });

  it("a missing key says both ways to set it", () => {
    assert.throws(
      () => resolveConfig({}),
      (e: Error) =>
        e instanceof ConfigError &&
        /pulumi config set civis:apiKey --secret/.test(e.message) &&
        /CIVIS_API_KEY/.test(e.message),
    );
  });

  const bad: Array<[string, RegExp]> = [
    ["not a url", /is not a URL/],
    ["ftp://civis.example.com", /must use https/],
    ["http://civis.example.com", /plain http:\/\/ to a remote host/],
    ["http://10.0.0.5:8080", /plain http:\/\/ to a remote host/],
    ["https://user:pw@civis.example.com", /must not carry credentials/],
  ];
  for (const [endpoint, message] of bad) {
    it(`refuses the endpoint ${endpoint}`, () => {
      assert.throws(
        () => normalizeEndpoint(endpoint),
        (e: Error) => e instanceof ConfigError && message.test(e.message),
      );
    });
  }

  it("allows plain http to loopback only", () => {
    assert.equal(normalizeEndpoint("http://127.0.0.1:8080"), "http://127.0.0.1:8080/");
    assert.equal(normalizeEndpoint("http://localhost:1"), "http://localhost:1/");
    assert.equal(normalizeEndpoint("http://[::1]:1"), "http://[::1]:1/");
  });

  it("checks maxRetries and requestTimeout", () => {
    assert.equal(resolveConfig({ CIVIS_API_KEY: "k", CIVIS_MAX_RETRIES: "2" }).maxRetries, 2);
    assert.throws(
      () => resolveConfig({ CIVIS_API_KEY: "k", CIVIS_MAX_RETRIES: "-1" }),
      /civis:maxRetries must be a whole number/,
    );
    assert.throws(() => resolveConfig({ CIVIS_API_KEY: "k", CIVIS_REQUEST_TIMEOUT: "abc" }), /civis:requestTimeout/);
  });

  it("settings every other module reads come from here too, with defaults", () => {
    const c = resolveConfig({ CIVIS_API_KEY: "k" });
    assert.deepEqual(
      [c.maxRetries, c.requestTimeoutMs, c.retryBaseMs, c.clockSkewMs, c.adoptExisting],
      [9, 60000, 1000, 10000, false],
    );
    const set = resolveConfig({
      CIVIS_API_KEY: "k",
      CIVIS_RETRY_BASE_MS: "5",
      CIVIS_CLOCK_SKEW_MS: "0",
      CIVIS_ADOPT_EXISTING: "true",
    });
    assert.deepEqual([set.retryBaseMs, set.clockSkewMs, set.adoptExisting], [5, 0, true]);
    assert.throws(
      () => resolveConfig({ CIVIS_API_KEY: "k", CIVIS_ADOPT_EXISTING: "yes" }),
      /civis:adoptExisting \/ CIVIS_ADOPT_EXISTING must be true or false/,
    );
  });

  it("per-stack defaults: a name prefix and paused schedules, none by default", () => {
    const c = resolveConfig({ CIVIS_API_KEY: "k" });
    assert.deepEqual([c.namePrefix, c.schedules], ["", "program"]);
    const dev = resolveConfig({ CIVIS_API_KEY: "k", CIVIS_NAME_PREFIX: "[dev] ", CIVIS_SCHEDULES: "paused" });
    assert.deepEqual([dev.namePrefix, dev.schedules], ["[dev] ", "paused"]);
    assert.throws(
      () => resolveConfig({ CIVIS_API_KEY: "k", CIVIS_SCHEDULES: "off" }),
      /civis:schedules \/ CIVIS_SCHEDULES must be "paused" .* or "program" .*, got "off"/,
    );
  });

  it("holds the key where printing or serializing the config cannot show it", () => {
    const c = resolveConfig({ CIVIS_API_KEY: "very-secret-key" });
    assert.equal(c.apiKey, "very-secret-key");
    assert.doesNotMatch(JSON.stringify(c), /very-secret-key/);
    assert.doesNotMatch(inspect(c), /very-secret-key/);
    assert.doesNotMatch(String(Object.values(c)), /very-secret-key/);
  });
});
