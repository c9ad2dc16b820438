import { afterEach, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { ConfigError, normalizeEndpoint, resolveConfig, setStackConfig } from "../../../../provider/client/config";

describe("client config", () => {
  afterEach(() => setStackConfig({}));

  it("reads the key and endpoint from the environment, with the Civis default endpoint", () => {
    const c = resolveConfig({ CIVIS_API_KEY: "k" });
    assert.equal(c.apiKey, "k");
    assert.equal(c.endpoint, "https://api.civisanalytics.com/");
    assert.equal(resolveConfig({ CIVIS_API_KEY: "k", CIVIS_API_ENDPOINT: "https://civis.example.com/api" }).endpoint, "https://civis.example.com/api/");
  });

  it("prefers stack config over the environment", () => {
    setStackConfig({ apiKey: "from-config", endpoint: "http://127.0.0.1:9/" });
    const c = resolveConfig({ CIVIS_API_KEY: "from-env" });
    assert.equal(c.apiKey, "from-config");
    assert.equal(c.endpoint, "http://127.0.0.1:9/");
  });

  it("a missing key says both ways to set it", () => {
    assert.throws(() => resolveConfig({}), (e: Error) =>
      e instanceof ConfigError && /pulumi config set civis:apiKey --secret/.test(e.message) && /CIVIS_API_KEY/.test(e.message));
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
      assert.throws(() => normalizeEndpoint(endpoint), (e: Error) => e instanceof ConfigError && message.test(e.message));
    });
  }

  it("allows plain http to loopback only", () => {
    assert.equal(normalizeEndpoint("http://127.0.0.1:8080"), "http://127.0.0.1:8080/");
    assert.equal(normalizeEndpoint("http://localhost:1"), "http://localhost:1/");
    assert.equal(normalizeEndpoint("http://[::1]:1"), "http://[::1]:1/");
  });

  it("checks maxRetries and requestTimeout", () => {
    assert.equal(resolveConfig({ CIVIS_API_KEY: "k", CIVIS_MAX_RETRIES: "2" }).maxRetries, 2);
    assert.throws(() => resolveConfig({ CIVIS_API_KEY: "k", CIVIS_MAX_RETRIES: "-1" }), /civis:maxRetries must be a whole number/);
    assert.throws(() => resolveConfig({ CIVIS_API_KEY: "k", CIVIS_REQUEST_TIMEOUT: "abc" }), /civis:requestTimeout/);
  });
});
