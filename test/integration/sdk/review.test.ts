// `pulumi-civis review` on the JSON of real previews (a YAML program on the native plugin against
// the emulator: a workflow with a share created; then one task added, one removed, one changed,
// two days added to the schedule and a user to the share): the Markdown letter for letter, as
// checked in under test/fixtures/review/ after being read once by eye.
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO } from "../../../scripts/engine";
import { reviewMarkdown, type PreviewJson } from "../../../sdk/review/review";

const FIXTURES = path.join(REPO, "test", "fixtures", "review");
const read = (f: string) => fs.readFileSync(path.join(FIXTURES, f), "utf8");

describe("pulumi-civis review on real previews", () => {
  for (const name of ["create", "edit"])
    it(`${name}: the golden Markdown`, () => {
      assert.equal(reviewMarkdown(JSON.parse(read(`${name}.json`)) as PreviewJson), read(`${name}.md`));
    });
});
