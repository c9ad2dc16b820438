/**
 * The WorkflowShare's fields, each declared once (see `core/schema.ts`): its check, diff and
 * replace list, and the SDK's output names, come from this table.
 */
import { checkInteger, checkOneOf, duplicates, fail, type Failures } from "../../core/checks";
import { PERMISSION_LEVELS, type PermissionLevel, type PrincipalKind } from "../../core/model";
import { createOnlyId, field, optionalField, type Fields } from "../../core/schema";

const ids = (noun: string) => field<number[]>({ check: (v, p, f) => checkIds(v, p, noun, f), reset: null });

export const FIELDS = {
  workflowId: createOnlyId,
  userIds: ids("user"),
  groupIds: ids("group"),
  permissionLevel: field<PermissionLevel>({
    check: (v, p, f) => (checkOneOf(v, PERMISSION_LEVELS, p, f) ? v : undefined),
    required: true,
    reset: null,
  }),
  sendSharedEmail: optionalField<boolean>("boolean"),
  shareEmailBody: optionalField<string>("string"),
} satisfies Fields;

export interface ShareInputs {
  workflowId: number;
  /** Sorted, without duplicates; absent when the program names no users. */
  userIds?: number[];
  groupIds?: number[];
  permissionLevel: PermissionLevel;
  sendSharedEmail?: boolean;
  shareEmailBody?: string;
}

export interface ShareOutputs extends ShareInputs {
  /**
   * Named users the server kept as owners when granted this level (the workflow's creator):
   * they count as granted and are never revoked.
   */
  ownerIds: number[];
}

export const idsOf = (p: Partial<ShareInputs>, kind: PrincipalKind) =>
  (kind === "users" ? p.userIds : p.groupIds) ?? [];
/** A non-empty list of ids, each once; answered sorted. Ids not known yet are checked at `up`. */
function checkIds(value: unknown, property: string, noun: string, failures: Failures): number[] | undefined {
  if (!Array.isArray(value) || value.length === 0) {
    failures.push(
      fail(property, `${property} must be a non-empty list of ${noun} ids; leave it out to name no ${noun}s`),
    );
    return undefined;
  }
  let ok = true;
  value.forEach((v, i) => (ok = checkInteger(v, `${property}[${i}]`, failures) && ok));
  const dupes = duplicates(value);
  if (dupes.length) {
    failures.push(fail(property, `${property} lists ${dupes.join(", ")} more than once; list each ${noun} once`));
    ok = false;
  }
  return ok ? [...(value as number[])].sort((a, b) => a - b) : undefined;
}
