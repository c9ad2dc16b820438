// The authoritative access list's set arithmetic as a table: grant, move, revoke, with the
// owner (user 1 here) and the API user (user 5) never revoked or lowered.
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import type { AccessList } from "../../../../../provider/core/model";
import { planAccess, shareGrants, shareRevokes } from "../../../../../provider/resources/access/plan";

const list = (
  over: Partial<Record<"read" | "write" | "manage", { users?: number[]; groups?: number[] }>>,
): AccessList => ({
  read: { users: over.read?.users ?? [], groups: over.read?.groups ?? [] },
  write: { users: over.write?.users ?? [], groups: over.write?.groups ?? [] },
  manage: { users: over.manage?.users ?? [], groups: over.manage?.groups ?? [] },
});
const kept = { ownerId: 1, apiUserId: 5 };

describe("planAccess", () => {
  const cases: Array<[string, AccessList, AccessList, object]> = [
    [
      "nothing to do",
      list({ manage: { users: [1] }, read: { users: [101] } }),
      list({ read: { users: [101] } }),
      { grants: [], revokes: [], problems: [] },
    ],
    [
      "grants, one PUT per level and kind",
      list({ manage: { users: [1] } }),
      list({ read: { users: [101, 104] }, write: { users: [102] }, manage: { users: [103] } }),
      {
        grants: [
          { kind: "users", level: "read", ids: [101, 104] },
          { kind: "users", level: "write", ids: [102] },
          { kind: "users", level: "manage", ids: [103] },
        ],
        revokes: [],
        problems: [],
      },
    ],
    [
      "a move is a PUT, not a revoke first",
      list({ manage: { users: [1] }, read: { users: [101] } }),
      list({ write: { users: [101] } }),
      { grants: [{ kind: "users", level: "write", ids: [101] }], revokes: [], problems: [] },
    ],
    [
      "a principal added in the web app is revoked",
      list({ manage: { users: [1] }, read: { users: [101, 999] }, write: { groups: [7] } }),
      list({ read: { users: [101] } }),
      {
        grants: [],
        revokes: [
          { kind: "users", id: 999 },
          { kind: "groups", id: 7 },
        ],
        problems: [],
      },
    ],
    [
      "the owner and the API user are never revoked",
      list({ manage: { users: [1, 5] } }),
      list({}),
      { grants: [], revokes: [], problems: [] },
    ],
    [
      "listing the owner lower is refused, with why",
      list({ manage: { users: [1] } }),
      list({ read: { users: [1] } }),
      {
        grants: [],
        revokes: [],
        problems: [
          "user 1 is the workflow's owner and has manage; " +
            "listing it at read would lower it; list it at manage or leave it out",
        ],
      },
    ],
    [
      "groups move and grant like users",
      list({ read: { groups: [7] } }),
      list({ write: { groups: [7, 8] } }),
      { grants: [{ kind: "groups", level: "write", ids: [7, 8] }], revokes: [], problems: [] },
    ],
  ];
  for (const [what, live, wanted, expected] of cases) {
    it(what, () => assert.deepEqual(planAccess(live, wanted, kept), expected));
  }
});

describe("a WorkflowShare's plan: its own principals only", () => {
  const read = (userIds?: number[], groupIds?: number[]) => ({ permissionLevel: "read" as const, userIds, groupIds });
  const write = (userIds?: number[], groupIds?: number[]) => ({ permissionLevel: "write" as const, userIds, groupIds });

  it("grants: all at create, the added on update, all on a level change, less who already has the level", () => {
    assert.deepEqual(shareGrants(read([101, 102], [7])), [
      { kind: "users", level: "read", ids: [101, 102] },
      { kind: "groups", level: "read", ids: [7] },
    ]);
    assert.deepEqual(shareGrants(read([101, 102]), read([101])), [{ kind: "users", level: "read", ids: [102] }]);
    assert.deepEqual(shareGrants(write([101, 102]), read([101])), [{ kind: "users", level: "write", ids: [101, 102] }]);
    assert.deepEqual(shareGrants(read([101, 102]), undefined, list({ read: { users: [101] } })), [
      { kind: "users", level: "read", ids: [102] },
    ]);
    assert.deepEqual(shareGrants(read([101], [7]), read([101], [7])), []);
  });

  it("revokes: named before, not now, still at the old level, never an owner; others untouched", () => {
    const live = list({
      read: { users: [101, 102, 103], groups: [7] },
      write: { users: [104] },
      manage: { users: [1] },
    });
    // 102 still at read: revoked; 104 moved to write by someone else: kept; 1 is an owner; 103 was never named.
    assert.deepEqual(shareRevokes(read([101]), read([101, 102, 104, 1], [7]), live, [1]), [
      { kind: "users", id: 102 },
      { kind: "groups", id: 7 },
    ]);
    assert.deepEqual(shareRevokes(read([101]), read([101]), live), []);
    const manage = (userIds: number[]) => ({ permissionLevel: "manage" as const, userIds });
    const managers = list({ manage: { users: [1, 105] } });
    assert.deepEqual(shareRevokes(manage([]), manage([1, 105]), managers, [1]), [{ kind: "users", id: 105 }]);
    assert.deepEqual(shareRevokes(manage([]), manage([1, 105]), managers), [
      { kind: "users", id: 1 },
      { kind: "users", id: 105 },
    ]);
  });
});
