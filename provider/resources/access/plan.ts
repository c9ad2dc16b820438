/**
 * The set arithmetic of an authoritative access list (the WorkflowAccess resource): from who has
 * which level now and who should, the fewest requests that make it so.
 * One PUT per level and kind that gains principals (a level move is a PUT, no revoke first), one
 * DELETE per principal removed; the workflow's owner and the API user are never revoked or
 * lowered. Pure, so it is tested as a table.
 */
import { accessList, PERMISSION_LEVELS, PRINCIPAL_KINDS } from "../../core/model";
import type { AccessList, LevelLists, PermissionLevel, PrincipalKind } from "../../core/model";

export interface AccessPlan {
  grants: Array<{ kind: PrincipalKind; level: PermissionLevel; ids: number[] }>;
  revokes: Array<{ kind: PrincipalKind; id: number }>;
  /** Requests that would lower or revoke the owner or the API user: refused, said why. */
  problems: string[];
}

/** The two users an access list keeps whatever it says: the workflow's owner (its author) and the API user. */
export interface Kept {
  ownerId: number;
  apiUserId: number;
}

const RANK: Record<PermissionLevel, number> = { read: 0, write: 1, manage: 2 };

/** The level each principal of a kind holds in `list`. */
export function levelsOf(list: AccessList, kind: PrincipalKind): Map<number, PermissionLevel> {
  const out = new Map<number, PermissionLevel>();
  for (const level of PERMISSION_LEVELS) for (const id of list[level][kind]) out.set(id, level);
  return out;
}

/** What turns `live` into `wanted`, keeping `kept` users (the owner, the API user) at least as they are. */
export function planAccess(live: AccessList, wanted: AccessList, kept: Kept): AccessPlan {
  const plan: AccessPlan = { grants: [], revokes: [], problems: [] };
  for (const kind of PRINCIPAL_KINDS) {
    const now = levelsOf(live, kind);
    const next = levelsOf(wanted, kind);
    for (const level of PERMISSION_LEVELS) {
      const ids = [...next]
        .filter(([id, l]) => l === level && now.get(id) !== level)
        .map(([id]) => id)
        .sort((a, b) => a - b);
      const allowed = ids.filter((id) => {
        if (kind !== "users" || (id !== kept.ownerId && id !== kept.apiUserId)) return true;
        const has = now.get(id);
        if (has && RANK[level] < RANK[has]) {
          plan.problems.push(
            `user ${id} is ${id === kept.ownerId ? "the workflow's owner" : "the API user"} and has ${has}; listing ` +
              `it at ${level} would lower it; list it at ${has} or leave it out`,
          );
          return false;
        }
        return true;
      });
      if (allowed.length) plan.grants.push({ kind, level, ids: allowed });
    }
    for (const id of [...now.keys()].sort((a, b) => a - b)) {
      if (next.has(id)) continue;
      if (kind === "users" && (id === kept.ownerId || id === kept.apiUserId)) continue; // never revoked
      plan.revokes.push({ kind, id });
    }
  }
  return plan;
}

/** The list in the program's terms: users and groups, each by level. */
export function byKind(list: AccessList): Record<PrincipalKind, LevelLists> {
  const out: Record<PrincipalKind, LevelLists> = { users: {}, groups: {} };
  for (const kind of PRINCIPAL_KINDS) {
    for (const level of PERMISSION_LEVELS) {
      const ids = [...list[level][kind]].sort((a, b) => a - b);
      if (ids.length) out[kind][level] = ids;
    }
  }
  return out;
}

/**
 * `live` as the program sees it: the owner and the API user, kept whatever the list says, only
 * where `listed` names them.
 */
export function asListed(live: AccessList, listed: AccessList, kept: Kept): AccessList {
  const named = new Set(PERMISSION_LEVELS.flatMap((l) => listed[l].users));
  const unlisted = (u: number) => !named.has(u) && (u === kept.ownerId || u === kept.apiUserId);
  const out = accessList();
  for (const l of PERMISSION_LEVELS)
    out[l] = { users: live[l].users.filter((u) => !unlisted(u)), groups: [...live[l].groups] };
  return out;
}

/** One WorkflowShare as the program states it: its principals at one level. */
export interface ShareSpec {
  userIds?: number[];
  groupIds?: number[];
  permissionLevel: PermissionLevel;
}

const named = (s: ShareSpec | undefined, kind: PrincipalKind) => (kind === "users" ? s?.userIds : s?.groupIds) ?? [];

/**
 * What a WorkflowShare grants (it is additive: it never touches principals it does not name):
 * its level to every principal when the level changed, else to those added since `olds`; less
 * those `live` already shows at the level, when it was read.
 */
export function shareGrants(news: ShareSpec, olds?: ShareSpec, live?: AccessList): AccessPlan["grants"] {
  const levelChanged = olds !== undefined && olds.permissionLevel !== news.permissionLevel;
  return PRINCIPAL_KINDS.flatMap((kind) => {
    const before = new Set(named(olds, kind));
    const there = new Set(live?.[news.permissionLevel][kind] ?? []);
    const ids = named(news, kind).filter((p) => (levelChanged || !before.has(p)) && !there.has(p));
    return ids.length ? [{ kind, level: news.permissionLevel, ids }] : [];
  });
}

/**
 * What a WorkflowShare revokes: the principals `olds` named and `news` does not, where `live`
 * shows them still at the old level (one that another resource has moved elsewhere keeps that
 * access), never one of `owners` (an owner's access cannot be revoked).
 */
export function shareRevokes(news: ShareSpec, olds: ShareSpec, live: AccessList, owners: number[] = []) {
  return PRINCIPAL_KINDS.flatMap((kind) => {
    const held = new Set(live[olds.permissionLevel][kind]);
    return named(olds, kind)
      .filter((id) => !named(news, kind).includes(id) && held.has(id) && !(kind === "users" && owners.includes(id)))
      .map((id) => ({ kind, id }));
  });
}
