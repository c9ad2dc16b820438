/**
 * Small pure validators shared by the resources. Each returns failures in the shape Pulumi's
 * check expects: the property path and a reason that says how to fix it. A value not known yet
 * (`UNKNOWN`, in a preview) is never a failure: it is checked once known, and everything known
 * around it is checked now.
 */
import { isUnknown } from "./unknown";
export { isPlainObject } from "./values";
export interface CheckFailure {
  property: string;
  reason: string;
}

export type Failures = CheckFailure[];

export function fail(property: string, reason: string): CheckFailure {
  return { property, reason };
}

/** A required non-empty string. */
export function checkRequiredString(value: unknown, property: string, out: Failures): value is string {
  if (isUnknown(value)) return false;
  if (typeof value !== "string" || value.trim() === "") {
    out.push(
      fail(
        property,
        `${property} is required: give a non-empty string${value === undefined ? "" : `, not ${describe(value)}`}`,
      ),
    );
    return false;
  }
  return true;
}

export function checkOptional(value: unknown, type: "string" | "boolean", property: string, out: Failures): boolean {
  if (value === undefined || value === null || isUnknown(value)) return true;
  if (typeof value !== type) {
    out.push(fail(property, `${property} must be a ${type}, not ${describe(value)}`));
    return false;
  }
  return true;
}

/** A whole number in a range; returns whether it passed (a value not known yet did not, and is no failure). */
export function checkInteger(
  value: unknown,
  property: string,
  out: Failures,
  min = 1,
  max = Number.MAX_SAFE_INTEGER,
): value is number {
  if (isUnknown(value)) return false;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    const range =
      max === Number.MAX_SAFE_INTEGER ? `a whole number of at least ${min}` : `a whole number from ${min} to ${max}`;
    out.push(fail(property, `${property} must be ${range}, not ${describe(value)}`));
    return false;
  }
  return true;
}

/** A list of whole numbers in a range, without duplicates; answered sorted (order has no meaning). */
export function checkIntegerList(
  value: unknown,
  property: string,
  out: Failures,
  min: number,
  max: number,
): number[] | undefined {
  if (value === undefined || value === null || isUnknown(value)) return undefined;
  if (!Array.isArray(value)) {
    out.push(
      fail(property, `${property} must be a list of whole numbers from ${min} to ${max}, not ${describe(value)}`),
    );
    return undefined;
  }
  let ok = true;
  value.forEach((v, i) => (ok = checkInteger(v, `${property}[${i}]`, out, min, max) && ok));
  const dupes = duplicates(value);
  if (dupes.length) {
    out.push(fail(property, `${property} lists ${dupes.join(", ")} more than once; list each value once`));
    ok = false;
  }
  return ok ? [...(value as number[])].sort((a, b) => a - b) : undefined;
}

const EMAIL = /^[^\s@,;<>()]+@[^\s@,;<>()]+\.[^\s@,;<>()]+$/;

export function checkEmails(value: unknown, property: string, out: Failures): string[] | undefined {
  return checkStringList(value, property, out, (s) => EMAIL.test(s), "an e-mail address such as data@example.com");
}

export function checkUrls(value: unknown, property: string, out: Failures): string[] | undefined {
  return checkStringList(
    value,
    property,
    out,
    (s) => {
      try {
        const u = new URL(s);
        return u.protocol === "https:" || u.protocol === "http:";
      } catch {
        return false;
      }
    },
    "an absolute http(s) URL such as https://hooks.example.com/civis",
  );
}

function checkStringList(
  value: unknown,
  property: string,
  out: Failures,
  valid: (s: string) => boolean,
  what: string,
): string[] | undefined {
  if (value === undefined || value === null || isUnknown(value)) return undefined;
  if (!Array.isArray(value)) {
    out.push(fail(property, `${property} must be a list, each ${what}; got ${describe(value)}`));
    return undefined;
  }
  let ok = true;
  value.forEach((v, i) => {
    if (isUnknown(v)) ok = false;
    else if (typeof v !== "string" || !valid(v)) {
      out.push(fail(`${property}[${i}]`, `${property}[${i}] must be ${what}, not ${describe(v)}`));
      ok = false;
    }
  });
  return ok ? (value as string[]) : undefined;
}

/** An IANA time zone name the platform knows, e.g. America/New_York. */
export function checkTimeZone(value: unknown, property: string, out: Failures): boolean {
  if (value === undefined || value === null || isUnknown(value)) return true;
  if (typeof value !== "string" || !isTimeZone(value)) {
    out.push(
      fail(
        property,
        `${property} ${describe(value)} is not a known time zone; use an IANA name such as America/New_York or UTC`,
      ),
    );
    return false;
  }
  return true;
}

export function isTimeZone(tz: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(tz)) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** A property bag must not carry fields we do not know: a typo would otherwise be silently ignored. */
export function checkKnownKeys(
  value: Record<string, unknown>,
  known: readonly string[],
  property: string,
  out: Failures,
): void {
  for (const key of Object.keys(value)) {
    if (key.startsWith("__")) continue;
    if (!known.includes(key)) {
      const near = known.find((k) => editDistance(k.toLowerCase(), key.toLowerCase()) <= 2);
      out.push(
        fail(
          property ? `${property}.${key}` : key,
          `${property ? `${property}.` : ""}${key} is not a known ` +
            `property${near ? `; did you mean ${near}?` : `; known: ${known.join(", ")}`}`,
        ),
      );
    }
  }
}

/** The known values a list holds more than once, each said once. */
export function duplicates<T>(list: readonly T[]): T[] {
  return [...new Set(list.filter((v, i) => !isUnknown(v) && list.indexOf(v) !== i))];
}

/** One of a few allowed values: `"read", "write" or "manage"`. */
export function checkOneOf<T>(value: unknown, allowed: readonly T[], property: string, out: Failures): value is T {
  if (isUnknown(value)) return false;
  if (allowed.includes(value as T)) return true;
  const said = allowed.map((a) => JSON.stringify(a));
  out.push(
    fail(property, `${property} must be ${said.slice(0, -1).join(", ")} or ${said.at(-1)}, not ${describe(value)}`),
  );
  return false;
}

export function describe(v: unknown): string {
  if (v === undefined) return "nothing";
  if (v === null) return "null";
  if (typeof v === "string") return JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v);
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "an object";
  return typeof v === "number" || typeof v === "boolean" ? `${typeof v} ${String(v)}` : typeof v;
}

/** Levenshtein distance, for "did you mean" on misspelt property names. */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}
