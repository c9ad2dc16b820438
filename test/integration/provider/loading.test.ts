// What loading the provider costs: a child process requires the entry that state names, and
// counts the heavy libraries it pulled in (none: they load on first use).
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as path from "node:path";

describe("loading", () => {
  it("the provider loads yaml (and axios) on first use, not at import", () => {
    const runtime = path.join(__dirname, "..", "..", "..", "provider", "runtime.js");
    const loaded = execFileSync(
      process.execPath,
      [
        "-e",
        `require(${JSON.stringify(runtime)}); ` +
          "console.log(Object.keys(require.cache)" +
          ".filter((k) => /node_modules[\\\\/](yaml|axios)[\\\\/]/.test(k)).length)",
      ],
      { encoding: "utf8" },
    ).trim();
    assert.equal(loaded, "0");
  });
});
