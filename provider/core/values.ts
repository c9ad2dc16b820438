/** Plain-data helpers shared by checks, diffs and definitions. */

/** An object of JSON data (not an array, not null). */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Structural equality of JSON data: same keys (in any order), same values, lists in order. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== "object") {
    return Number.isNaN(a) && Number.isNaN(b);
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => deepEqual(x, bb[i]));
  }
  if (a instanceof Date || b instanceof Date)
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  const oa = a as Record<string, unknown>;
  const ob = b as Record<string, unknown>;
  const ka = Object.keys(oa);
  return (
    ka.length === Object.keys(ob).length &&
    ka.every((k) => Object.prototype.hasOwnProperty.call(ob, k) && deepEqual(oa[k], ob[k]))
  );
}

/**
 * A nested object as Civis answered it, in the shape of `defaults`: a list answered as null or
 * left out is empty (the three mean the same), any other field left out takes its default, and
 * fields the shape does not know are dropped.
 */
export function withDefaults<T extends object>(defaults: T, wire: object | null | undefined): T {
  const out: Record<string, unknown> = {};
  for (const [k, d] of Object.entries(defaults)) {
    const v = (wire as Record<string, unknown> | null | undefined)?.[k];
    out[k] = Array.isArray(d) ? (Array.isArray(v) ? v : []) : v === undefined ? d : v;
  }
  return out as T;
}
