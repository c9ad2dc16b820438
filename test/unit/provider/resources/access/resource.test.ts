// WorkflowAccess check and diff: pure, as tables.
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { check, diff } from "../../../../../provider/resources/access/resource";
import { UNKNOWN } from "../../../../../provider/core/unknown";

describe("WorkflowAccess check", () => {
  const bad: Array<[string, Record<string, unknown>, RegExp]> = [
    ["neither users nor groups", { workflowId: 5 }, /give users, groups, or both/],
    ["users not an object", { workflowId: 5, users: [101] }, /users must be user ids by level/],
    ["an unknown level", { workflowId: 5, users: { admin: [101] } }, /users\.admin is not a known property/],
    [
      "a level not a list",
      { workflowId: 5, groups: { read: 7 } },
      /groups\.read must be a list of group ids, not number 7/,
    ],
    [
      "a principal at two levels",
      { workflowId: 5, users: { read: [101], manage: [101] } },
      /user 101 is listed under users\.read and users\.manage; give each user one level/,
    ],
    [
      "an id twice in a level",
      { workflowId: 5, groups: { read: [7, 7] } },
      /groups\.read lists group 7 more than once/,
    ],
    [
      "an id not a positive whole number",
      { workflowId: 5, users: { read: [0] } },
      /users\.read\[0\] must be a whole number of at least 1, not number 0/,
    ],
    ["an id a string", { workflowId: 5, users: { write: ["101"] } }, /users\.write\[0\] must be a whole number/],
    ["a bad workflow id", { workflowId: -1, users: {} }, /workflowId must be a whole number/],
    ["a bad e-mail flag", { workflowId: 5, users: {}, sendSharedEmail: "yes" }, /sendSharedEmail must be a boolean/],
    ["an unknown property", { workflowId: 5, user: {} }, /user is not a known property; did you mean users\?/],
  ];
  for (const [what, inputs, reason] of bad) {
    it(`fails on ${what}`, () => {
      const { failures } = check(inputs);
      assert.ok(
        failures.some((f) => reason.test(f.reason)),
        JSON.stringify(failures),
      );
    });
  }

  it("answers the canonical form: levels sorted, empty levels dropped, a kind left out is {}", () => {
    const { inputs, failures } = check({ workflowId: 5, users: { read: [104, 101], write: [], manage: [103] } });
    assert.deepEqual(failures, []);
    assert.deepEqual(inputs, { workflowId: 5, users: { read: [101, 104], manage: [103] }, groups: {} });
  });

  it("an empty list is allowed: nobody but the owner and the API user", () => {
    assert.deepEqual(check({ workflowId: 5, groups: {} }).failures, []);
  });

  // Each input also holds a known bad value, and the failures must be exactly its own: a check
  // that skipped everything (or failed on the unknowns) could not pass.
  it("values not known yet pass, to be checked at up; the known ones beside them are still checked", () => {
    const wholly = check({ workflowId: UNKNOWN, users: UNKNOWN, sendSharedEmail: "yes" });
    assert.deepEqual(
      wholly.failures.map((f) => f.property),
      ["sendSharedEmail"],
    );
    assert.equal(wholly.inputs.users, UNKNOWN, "kept as the engine's unknown, not made canonical");
    const partly = check({ workflowId: 5, users: { read: [UNKNOWN, 101] }, groups: { read: [0] } });
    assert.deepEqual(
      partly.failures.map((f) => f.property),
      ["groups.read[0]"],
    );
  });
});

describe("WorkflowAccess diff", () => {
  const olds = { workflowId: 5, users: { read: [101] }, groups: {}, ownerId: 1, apiUserId: 1 };
  it("no change, with a kind absent or {} alike", () => {
    assert.deepEqual(diff(olds, { workflowId: 5, users: { read: [101] }, groups: {} }), { changes: [], replaces: [] });
    assert.deepEqual(diff({ ...olds, groups: undefined }, { workflowId: 5, users: { read: [101] }, groups: {} }), {
      changes: [],
      replaces: [],
    });
  });
  it("the lists and the e-mail fields change in place", () => {
    assert.deepEqual(
      diff(olds, { workflowId: 5, users: { write: [101] }, groups: { read: [7] }, sendSharedEmail: true }),
      { changes: ["users", "groups", "sendSharedEmail"], replaces: [] },
    );
  });
  it("another workflow replaces", () => {
    assert.deepEqual(diff(olds, { workflowId: 6, users: { read: [101] }, groups: {} }), {
      changes: ["workflowId"],
      replaces: ["workflowId"],
    });
  });
});
