// What `pulumi-civis import` says on Ctrl-C, from what the writer recorded, and the order it
// writes in. The signal itself, landing mid-write, is in test/integration/sdk/cli.test.ts.
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { interruptedMessage, writeOrder } from "../../../sdk/write";

describe("pulumi-civis import: what Ctrl-C says", () => {
  const files = (n: number) => Array.from({ length: n }, (_, i) => `definitions/w-${i + 1}.yaml`);

  it("before writing began: no file was written", () => {
    assert.equal(interruptedMessage(undefined), "interrupted; no file was written");
  });

  it("once writing began: how many of how many, in which folder, even none", () => {
    assert.equal(
      interruptedMessage({ folder: "stack", total: 5, written: [] }),
      "interrupted while writing; wrote 0 of 5 files in stack",
    );
    assert.equal(
      interruptedMessage({ folder: "stack", total: 5, written: files(2) }),
      "interrupted while writing; wrote 2 of 5 files in stack, each whole: " +
        "definitions/w-1.yaml, definitions/w-2.yaml; run the command again to write them all",
    );
  });

  it("names the first ten written and counts the rest", () => {
    const said = interruptedMessage({ folder: ".", total: 120, written: files(14) });
    assert.match(
      said,
      new RegExp(
        /^interrupted while writing; wrote 14 of 120 files in \., each whole: /.source +
          /definitions\/w-1\.yaml, .*definitions\/w-10\.yaml and 4 more; run the command/.source,
      ),
    );
    assert.doesNotMatch(said, /w-11/);
  });

  it("all written: nothing left to ask for", () => {
    assert.doesNotMatch(interruptedMessage({ folder: ".", total: 2, written: files(2) }), /run the command again/);
  });

  it("writes index.ts last, so an interrupted run leaves no program naming a missing definition", () => {
    const order = writeOrder({
      "index.ts": "",
      "definitions/a-1.yaml": "",
      "Pulumi.yaml": "",
      "definitions/b-2.yaml": "",
    });
    assert.equal(order.at(-1), "index.ts");
    assert.deepEqual([...order].sort(), ["Pulumi.yaml", "definitions/a-1.yaml", "definitions/b-2.yaml", "index.ts"]);
  });
});
