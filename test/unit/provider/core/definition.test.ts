import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { checkDefinition, definitionText, sameDefinition } from "../../../../provider/core/definition";

const BASE = `version: "2.0"
etl:
  tasks:
    load:
      action: civis.run_job
      input: {job_id: 1}
      on-success: [score]
    score:
      action: civis.run_job
      input: {job_id: 2}
`;

describe("definition: semantic equality", () => {
  const same: Array<[string, string]> = [
    ["re-indented", BASE.replace(/^( +)/gm, "$1$1")],
    ["re-quoted", BASE.replace('"2.0"', "'2.0'")],
    [
      "keys reordered",
      'version: "2.0"\netl:\n  tasks:\n' +
        "    score:\n      input: {job_id: 2}\n      action: civis.run_job\n" +
        "    load:\n      on-success: [score]\n      action: civis.run_job\n      input: {job_id: 1}\n",
    ],
    ["comments added", `# nightly\n${BASE}`.replace("load:", "load: # first")],
    ["flow vs block style", BASE.replace("input: {job_id: 1}", "input:\n        job_id: 1")],
    [
      "anchors and merge keys",
      'version: "2.0"\netl:\n  tasks:\n' +
        "    load:\n      <<: &job {action: civis.run_job}\n      input: {job_id: 1}\n      on-success: [score]\n" +
        "    score:\n      <<: *job\n      input: {job_id: 2}\n",
    ],
  ];
  for (const [what, text] of same) it(`${what} is no change`, () => assert.equal(sameDefinition(BASE, text), true));

  const different: Array<[string, string]> = [
    ["a changed value", BASE.replace("job_id: 2", "job_id: 3")],
    ["a changed transition", BASE.replace("on-success: [score]", "on-error: [score]")],
    ["a number as a string", BASE.replace("job_id: 1", "job_id: '1'")],
  ];
  for (const [what, text] of different)
    it(`${what} is a change`, () => assert.equal(sameDefinition(BASE, text), false));

  it("an object is written the same way every time, version first", () => {
    const obj = { etl: { tasks: { a: { action: "std.noop" } } }, version: "2.0" };
    const text = definitionText(obj);
    assert.equal(text, definitionText(JSON.parse(JSON.stringify(obj))));
    assert.match(text, /^version: "2.0"\netl:\n/);
    assert.equal(checkDefinition(text).errors.length, 0);
  });
});

describe("definition: Mistral v2 rules", () => {
  const bad: Array<[string, string, RegExp]> = [
    ["not YAML", "version: '2.0'\netl: [unclosed", /is not valid YAML/],
    ["not a mapping", "- a\n- b\n", /must be a YAML mapping/],
    ["wrong version", BASE.replace('"2.0"', '"1.0"'), /version must be "2.0"/],
    [
      "two workflows",
      `${BASE}other:\n  tasks:\n    x: {action: std.noop}\n`,
      /exactly one workflow under its name, found 2/,
    ],
    ["no tasks", 'version: "2.0"\netl:\n  type: direct\n', /etl\.tasks is required/],
    [
      "task without action",
      BASE.replace("      action: civis.run_job\n      input: {job_id: 2}", "      input: {job_id: 2}"),
      /etl\.tasks\.score\.action is required/,
    ],
    [
      "transition to an undefined task",
      BASE.replace("[score]", "[scor]"),
      /etl\.tasks\.load\.on-success names "scor", which is not a task of etl/,
    ],
    ["transition to itself", BASE.replace("[score]", "[load]"), /transitions to the task itself/],
    [
      "requires in a direct workflow",
      BASE.replace("on-success: [score]", "requires: [score]"),
      /requires is only allowed when etl\.type is "reverse"/,
    ],
    ["non-ASCII", BASE.replace("etl:", "étl:"), /non-ASCII character "é" on line 2/],
    ["bad type", BASE.replace("  tasks:", "  type: sideways\n  tasks:"), /etl\.type must be "direct" or "reverse"/],
  ];
  for (const [what, text, message] of bad) {
    it(`refuses ${what}`, () => {
      const { errors } = checkDefinition(text);
      assert.ok(
        errors.some((e) => message.test(e)),
        `expected ${message} in ${JSON.stringify(errors)}`,
      );
    });
  }

  it("accepts engine commands, conditional transitions, version 2 as a number", () => {
    const text = BASE.replace('"2.0"', "2").replace(
      "on-success: [score]",
      "on-success: [score]\n      on-error:\n        - fail\n        - score: <% $.retry %>",
    );
    assert.deepEqual(checkDefinition(text), { errors: [], warnings: [] });
  });

  it("an unknown action is a warning, not an error", () => {
    const { errors, warnings } = checkDefinition(
      BASE.replace("civis.run_job\n      input: {job_id: 2}", "acme.custom_thing\n      input: {job_id: 2}"),
    );
    assert.deepEqual(errors, []);
    assert.match(warnings[0], /etl\.tasks\.score\.action "acme\.custom_thing" is not an action Civis is known to run/);
  });
});
