/** Civis's share index (readers, writers, owners) in the provider's terms: who is at which level. */
import type { AccessList } from "../core/model";
import type { SharedWith } from "./api";
import type { WireShareIndex, WireShareSet } from "./types";

/** Every principal the index lists, by level (Civis's owners hold manage), and the totals it counts. */
export function sharedWith(index: WireShareIndex): SharedWith {
  const ids = (s: WireShareSet) => ({ users: s.users.map((u) => u.id), groups: s.groups.map((g) => g.id) });
  const list: AccessList = { read: ids(index.readers), write: ids(index.writers), manage: ids(index.owners) };
  return { list, totals: { users: index.totalUserShares ?? 0, groups: index.totalGroupShares ?? 0 } };
}

/** One index from the spec's array of indexes (older servers) or the one object newer ones answer. */
export function toShareIndex(data: WireShareIndex | WireShareIndex[]): WireShareIndex {
  if (!Array.isArray(data)) return data;
  const empty = () => ({ users: [], groups: [] });
  const merged: WireShareIndex = {
    readers: empty(),
    writers: empty(),
    owners: empty(),
    totalUserShares: 0,
    totalGroupShares: 0,
  };
  for (const index of data) {
    for (const set of ["readers", "writers", "owners"] as const) {
      merged[set].users.push(...(index[set]?.users ?? []));
      merged[set].groups.push(...(index[set]?.groups ?? []));
    }
    merged.totalUserShares += index.totalUserShares ?? 0;
    merged.totalGroupShares += index.totalGroupShares ?? 0;
  }
  return merged;
}
