import * as fs from "node:fs";
import * as path from "node:path";

/**
 * The real Civis API spec from ../shared/civis-api (beside the repo). Absent in a user's clone:
 * tests that need it skip with a message.
 */
export const SPEC_FILE = path.resolve(__dirname, "..", "..", "..", "..", "shared", "civis-api", "workflows-spec.json");

export const specSkip: string | false = fs.existsSync(SPEC_FILE)
  ? false
  : `the Civis API spec is not at ${SPEC_FILE} (no ../shared beside the repo)`;

/** A Swagger 2.0 schema: the parts `validate` checks. */
export interface Schema {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
}

/** The parts of the spec read here: each path's operations, their responses, and the definitions. */
interface Spec {
  paths: Record<string, Record<string, Operation | undefined> | undefined>;
  definitions: Record<string, Schema>;
}
interface Operation {
  responses: Record<string, { schema?: Schema } | undefined>;
}

let spec: Spec | undefined;
function load(): Spec {
  return (spec ??= JSON.parse(fs.readFileSync(SPEC_FILE, "utf8")) as Spec);
}

/** The response schema the spec declares for an operation and status. */
export function responseSchema(method: string, specPath: string, status: number): Schema | undefined {
  const op = load().paths[specPath]?.[method.toLowerCase()];
  if (!op) throw new Error(`the spec has no ${method} ${specPath}`);
  const res = op.responses[String(status)];
  if (!res) throw new Error(`the spec declares no ${status} for ${method} ${specPath}`);
  return res.schema;
}

/**
 * Differences the live API is documented to have from its own spec (../shared/civis-api/README.md):
 * `archived` is a boolean, `fileId` an integer, and GET .../shares answers one object.
 */
const TOLERATED: Record<string, string[]> = { archived: ["boolean"], fileId: ["integer"] };

/**
 * Checks a value against a Swagger 2.0 schema: required properties present (null allowed, as
 * the API answers null for empty optional values), types right, arrays and $refs followed.
 * Returns the problems found, each with its JSON path.
 */
export function validate(value: unknown, schema: Schema | undefined, where = "$"): string[] {
  if (!schema) return [];
  if (schema.$ref) return validate(value, load().definitions[schema.$ref.split("/").pop()!], where);
  if (value === null) return [];
  const problems: string[] = [];
  const type = schema.type ?? (schema.properties ? "object" : undefined);
  const key = where.split(".").pop()!;
  const tolerated = TOLERATED[key] ?? [];
  const actual = Array.isArray(value) ? "array" : Number.isInteger(value) ? "integer" : typeof value;
  const fits = (t: string) => t === actual || (t === "number" && actual === "integer") || tolerated.includes(actual);
  if (type && !fits(type)) {
    // The shares index: declared an array, answered as one object by newer servers.
    if (type === "array" && actual === "object") return validate(value, schema.items, where);
    return [`${where}: expected ${type}, got ${actual}`];
  }
  if (type === "array")
    (value as unknown[]).forEach((v, i) => problems.push(...validate(v, schema.items, `${where}[${i}]`)));
  if (type === "object" && schema.properties) {
    const obj = value as Record<string, unknown>;
    for (const req of schema.required ?? []) if (!(req in obj)) problems.push(`${where}.${req}: required, missing`);
    for (const [k, v] of Object.entries(obj)) {
      if (schema.properties[k]) problems.push(...validate(v, schema.properties[k], `${where}.${k}`));
    }
  }
  return problems;
}
