/**
 * A resource's fields, each declared once: how the program's value is checked, what the field
 * means when the program leaves it out, whether it is fixed at creation, and how two values
 * compare. Every resource's check, diff and replace list come from its table (see `checkFields`
 * and `diffFields`); the SDK's output names and the lookups read the same tables.
 */
import { checkInteger, checkKnownKeys, checkOptional, type Failures } from "./checks";
import { hasUnknown, isUnknown } from "./unknown";
import { deepEqual } from "./values";

export interface Field<V> {
  /**
   * Checks a value the program gives and answers its canonical form, or undefined when it failed
   * (then the value stays as written). Parts not known yet (`UNKNOWN`) are skipped, the rest is
   * checked, and such a value is answered as written: it is made canonical once known.
   */
  check(value: unknown, property: string, failures: Failures, warnings: string[]): V | undefined;
  /** Checked even when the program leaves it out. */
  readonly required?: true;
  /** What the field means when the program leaves it out: what Civis has then, sent to put that back. */
  readonly reset: V | null;
  /** The canonical inputs hold `reset` when the program leaves the field out (lists that mean "none"). */
  readonly resetWhenAbsent?: true;
  /** Fixed at creation: a change replaces the resource. */
  readonly createOnly?: true;
  /**
   * Never compared: it says how to make a change, not what the resource is (which workflow to
   * take over at creation; whether a transfer gives the dependencies too).
   */
  readonly atCreation?: true;
  /** Whether two values mean the same (default: equal as data, null and absent alike). */
  same?(a: V | null | undefined, b: V | null | undefined): boolean;
}

/** A table of fields by their name in the program (and on the wire, where the API takes them). */
export type Fields = { readonly [name: string]: Field<unknown> };

/** Declares a field with its value type, for the table's inferred types. */
export const field = <V>(f: Field<V>): Field<V> => f;

/** An optional string or boolean, taken as written. */
export const optionalField = <V extends string | boolean>(type: "string" | "boolean") =>
  field<V>({ check: (v, p, f) => (checkOptional(v, type, p, f) ? (v as V) : undefined), reset: null });

/** A required id fixed at creation, e.g. the workflow a share is on: a change replaces the resource. */
export const createOnlyId = field<number>({
  check: (v, p, f) => (checkInteger(v, p, f) ? v : undefined),
  required: true,
  reset: null,
  createOnly: true,
});

/** The value type a field declares. */
export type ValueOf<F> = F extends Field<infer V> ? V : never;

export interface Checked {
  /** The inputs in canonical form; a value that failed its check stays as written. */
  inputs: Record<string, unknown>;
  failures: Failures;
  warnings: string[];
}

/**
 * Checks the program's inputs against a table: unknown names (with "did you mean"), each given
 * field (null is the same as left out), required ones even when absent. Values not known yet
 * are skipped whole only when the value itself is unknown; a field's own check skips unknown parts.
 */
export function checkFields(fields: Fields, news: Record<string, unknown>): Checked {
  const failures: Failures = [];
  const warnings: string[] = [];
  const inputs: Record<string, unknown> = { ...news };
  checkKnownKeys(news, Object.keys(fields), "", failures);
  for (const [name, f] of Object.entries(fields)) {
    const value = news[name];
    if (value === null) delete inputs[name];
    if (isUnknown(value)) continue;
    if (value === undefined || value === null) {
      if (f.required) f.check(value, name, failures, warnings);
      else if (f.resetWhenAbsent) inputs[name] = f.reset;
      continue;
    }
    const canonical = f.check(value, name, failures, warnings);
    // A value with parts not known yet stays as written (its diff is a change); canonical once known.
    if (canonical !== undefined && !hasUnknown(value)) inputs[name] = canonical;
  }
  return { inputs, failures, warnings };
}

/**
 * The fields whose change an update must make: those the program sets now that differ from
 * what is stored (or are not known yet), and those it set before and no longer does (they go
 * back to `reset` unless they are there already). A field the program never set is never
 * compared; `atCreation` fields never are.
 */
export function changedFields(fields: Fields, olds: Record<string, unknown>, news: Record<string, unknown>): string[] {
  return Object.keys(fields).filter((name) => {
    const f = fields[name];
    if (f.atCreation) return false;
    const next = news[name];
    // State written before a field was filled in when absent holds nothing for it: the same as `reset`.
    const stored = olds[name] === undefined && f.resetWhenAbsent ? f.reset : olds[name];
    if (next !== undefined) return hasUnknown(next) || !sameValue(f, stored, next);
    return stored !== undefined && !sameValue(f, stored, f.reset);
  });
}

/** The diff of a resource from its table: what changes, and which of those replace it. */
export function diffFields(fields: Fields, olds: object, news: object) {
  const changes = changedFields(fields, olds as Record<string, unknown>, news as Record<string, unknown>);
  return { changes, replaces: changes.filter((name) => fields[name].createOnly) };
}

/** Whether a stored and a new value of a field mean the same. */
export function sameValue(f: Field<unknown>, stored: unknown, next: unknown): boolean {
  return f.same ? f.same(stored, next) : deepEqual(stored ?? null, next ?? null);
}
