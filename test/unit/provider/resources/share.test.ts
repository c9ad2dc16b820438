import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { check, diff } from "../../../../provider/resources/share/resource";
import { check as checkProject, diff as diffProject } from "../../../../provider/resources/project";
import { UNKNOWN } from "../../../../provider/core/unknown";

describe("WorkflowShare check", () => {
  const failing: Array<[string, Record<string, unknown>, string, RegExp]> = [
    [
      "unknown level",
      { workflowId: 1, userIds: [1], permissionLevel: "admin" },
      "permissionLevel",
      /must be "read", "write" or "manage", not "admin"/,
    ],
    ["no principals", { workflowId: 1, permissionLevel: "read" }, "userIds", /name at least one principal/],
    [
      "empty user list",
      { workflowId: 1, userIds: [], permissionLevel: "read" },
      "userIds",
      /non-empty list of user ids/,
    ],
    [
      "empty group list",
      { workflowId: 1, userIds: [1], groupIds: [], permissionLevel: "read" },
      "groupIds",
      /non-empty list of group ids/,
    ],
    ["duplicate ids", { workflowId: 1, userIds: [3, 3], permissionLevel: "read" }, "userIds", /lists 3 more than once/],
    ["non-integer id", { workflowId: 1, groupIds: [1.5], permissionLevel: "read" }, "groupIds[0]", /whole number/],
    [
      "string id",
      { workflowId: 1, userIds: ["7"], permissionLevel: "read" },
      "userIds[0]",
      /whole number of at least 1, not "7"/,
    ],
    [
      "bad workflow id",
      { workflowId: 0, userIds: [1], permissionLevel: "read" },
      "workflowId",
      /whole number of at least 1/,
    ],
    [
      "bad e-mail flag",
      { workflowId: 1, userIds: [1], permissionLevel: "read", sendSharedEmail: "yes" },
      "sendSharedEmail",
      /must be a boolean/,
    ],
    [
      "unknown property",
      { workflowId: 1, userIds: [1], permissionLevel: "read", userId: [2] },
      "userId",
      /did you mean userIds/,
    ],
  ];
  for (const [what, news, property, reason] of failing) {
    it(`fails on ${what}, naming ${property}`, () => {
      const f = check(news).failures.find((x) => x.property === property);
      assert.ok(f, JSON.stringify(check(news).failures));
      assert.match(f.reason, reason);
    });
  }

  it("sorts ids (order has no meaning) and accepts an unknown workflow id", () => {
    const { inputs, failures } = check({ workflowId: UNKNOWN, userIds: [102, 101], permissionLevel: "write" });
    assert.deepEqual(failures, []);
    assert.deepEqual(inputs.userIds, [101, 102]);
  });
});

describe("WorkflowShare diff", () => {
  const olds = { workflowId: 1, userIds: [101], permissionLevel: "read" as const, ownerIds: [] };
  it("no change", () =>
    assert.deepEqual(diff(olds, { workflowId: 1, userIds: [101], permissionLevel: "read" }), {
      changes: [],
      replaces: [],
    }));
  it("level and principals update in place", () => {
    assert.deepEqual(diff(olds, { workflowId: 1, userIds: [101], permissionLevel: "write" }).replaces, []);
    assert.deepEqual(diff(olds, { workflowId: 1, userIds: [101, 102], permissionLevel: "read" }).changes, ["userIds"]);
  });
  it("e-mail fields are a change (stored), handled without API calls by update", () => {
    assert.deepEqual(diff(olds, { ...olds, sendSharedEmail: true }).changes, ["sendSharedEmail"]);
  });
  it("another workflow replaces", () => {
    assert.deepEqual(diff(olds, { workflowId: 2, userIds: [101], permissionLevel: "read" }).replaces, ["workflowId"]);
    assert.deepEqual(
      diff(olds, { workflowId: UNKNOWN as unknown as number, userIds: [101], permissionLevel: "read" }).replaces,
      ["workflowId"],
    );
  });
});

describe("WorkflowProject check and diff", () => {
  it("needs two positive integer ids", () => {
    assert.deepEqual(checkProject({ workflowId: 1, projectId: 42 }).failures, []);
    assert.match(
      checkProject({ workflowId: 1, projectId: "42" }).failures[0].reason,
      /projectId must be a whole number/,
    );
    assert.equal(checkProject({ workflowId: 1 }).failures[0].property, "projectId");
  });
  it("any change replaces", () => {
    assert.deepEqual(diffProject({ workflowId: 1, projectId: 42 }, { workflowId: 1, projectId: 42 }).changes, []);
    assert.deepEqual(diffProject({ workflowId: 1, projectId: 42 }, { workflowId: 1, projectId: 43 }).replaces, [
      "projectId",
    ]);
  });
});
