/**
 * The WorkflowAccess's fields, each declared once (see `core/schema.ts`): its check, diff and
 * replace list, and the SDK's output names, come from this table.
 */
import {
  checkInteger,
  checkKnownKeys,
  describe,
  duplicates,
  fail,
  isPlainObject,
  type Failures,
} from "../../core/checks";
import { PERMISSION_LEVELS, type LevelLists, type PermissionLevel, type PrincipalKind } from "../../core/model";
import { createOnlyId, field, optionalField, type Fields } from "../../core/schema";
import { isUnknown } from "../../core/unknown";

const levels = (kind: PrincipalKind) =>
  field<LevelLists>({ check: (v, _p, f) => checkLevels(v, kind, f), reset: {}, resetWhenAbsent: true });

export const FIELDS = {
  workflowId: createOnlyId,
  users: levels("users"),
  groups: levels("groups"),
  /** Whether Civis e-mails the principals it grants access to. Absent: false. */
  sendSharedEmail: optionalField<boolean>("boolean"),
  shareEmailBody: optionalField<string>("string"),
} satisfies Fields;

export interface AccessInputs {
  workflowId: number;
  /** Users by level; only levels that name someone, each list sorted. `{}`: no user but the two kept. */
  users: LevelLists;
  groups: LevelLists;
  /** Whether Civis e-mails the principals it grants access to. Absent: false. */
  sendSharedEmail?: boolean;
  shareEmailBody?: string;
}

export interface AccessOutputs extends AccessInputs {
  /** The workflow's author: Civis keeps them an owner; never revoked or lowered. */
  ownerId: number;
  /** The API user: never revoked or lowered. */
  apiUserId: number;
}

/** One kind's principals by level, canonical (empty levels dropped, ids sorted), or undefined when bad. */
function checkLevels(value: unknown, kind: PrincipalKind, failures: Failures): LevelLists | undefined {
  const noun = kind.slice(0, -1);
  if (!isPlainObject(value)) {
    failures.push(
      fail(kind, `${kind} must be ${noun} ids by level, e.g. { read: [101], manage: [103] }, not ${describe(value)}`),
    );
    return undefined;
  }
  const before = failures.length;
  checkKnownKeys(value, PERMISSION_LEVELS, kind, failures);
  const out: LevelLists = {};
  const seen = new Map<number, PermissionLevel>();
  for (const level of PERMISSION_LEVELS) {
    const ids = value[level];
    const property = `${kind}.${level}`;
    if (ids == null || isUnknown(ids)) continue;
    if (!Array.isArray(ids)) {
      failures.push(fail(property, `${property} must be a list of ${noun} ids, not ${describe(ids)}`));
      continue;
    }
    // Ids not known yet are checked at `up`; every known one is checked now.
    ids.forEach((id, i) => checkInteger(id, `${property}[${i}]`, failures));
    for (const id of duplicates(ids)) {
      failures.push(fail(property, `${property} lists ${noun} ${id} more than once; list it once`));
    }
    for (const id of new Set((ids as unknown[]).filter((id): id is number => !isUnknown(id)))) {
      const other = seen.get(id);
      if (other)
        failures.push(
          fail(property, `${noun} ${id} is listed under ${kind}.${other} and ${property}; give each ${noun} one level`),
        );
      else seen.set(id, level);
    }
    if (ids.length) out[level] = [...new Set(ids as number[])].sort((a, b) => a - b);
  }
  return failures.length === before ? out : undefined;
}
