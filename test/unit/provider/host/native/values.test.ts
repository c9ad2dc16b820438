// The engine's values in and out of the native plugin: secrets taken off for the modules and put
// back on the same top-level names, so a secret input stays a secret output.
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { plain, secretNames, settingsOf, withSecrets } from "../../../../../provider/host/native/values";

const SIG = "4dabf18193072939515e22adb298388d";
const secret = (value: unknown) => ({ [SIG]: "1b47061264138c4ac30d75fd1eb44270", value });

describe("native plugin values", () => {
  it("takes every secret wrapper off, however deep", () => {
    assert.deepEqual(plain({ a: secret("k"), b: [secret(1), { c: secret({ d: 2 }) }], e: "x" }), {
      a: "k",
      b: [1, { c: { d: 2 } }],
      e: "x",
    });
  });

  it("names the top-level properties holding a secret, and wraps those of the answer again", () => {
    const names = secretNames({ shareEmailBody: secret("hi"), nested: { x: [secret(1)] }, workflowId: 7 });
    assert.deepEqual([...names].sort(), ["nested", "shareEmailBody"]);
    assert.deepEqual(withSecrets({ shareEmailBody: "hi", workflowId: 7, nested: undefined }, names), {
      shareEmailBody: secret("hi"),
      workflowId: 7,
      nested: undefined,
    });
  });

  it("reads a setting from Configure's variables or its args, as text", () => {
    const setting = settingsOf(new Map([["civis:config:apiKey", "k"]]), { maxRetries: 3, namePrefix: "" });
    assert.deepEqual(["apiKey", "maxRetries", "namePrefix", "endpoint"].map(setting), ["k", "3", undefined, undefined]);
  });
});
