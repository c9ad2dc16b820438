/**
 * The value the engine puts in place of an input not known yet during a preview (an output of a
 * resource that does not exist yet). Checks skip it and check everything around it; diffs count
 * a value with any unknown part as a change.
 */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Whether this value itself is not known yet (its parts are checked where it is a list or an object). */
export function isUnknown(v: unknown): boolean {
  return v === UNKNOWN;
}

/** Whether any part of this value is not known yet: such a value is checked, but kept as written. */
export function hasUnknown(v: unknown): boolean {
  if (v === UNKNOWN) return true;
  if (Array.isArray(v)) return v.some(hasUnknown);
  if (typeof v === "object" && v !== null) return Object.values(v).some(hasUnknown);
  return false;
}
