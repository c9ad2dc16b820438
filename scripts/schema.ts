/**
 * `schema.json`, the native plugin's Pulumi package schema, made from what is declared once
 * elsewhere: which properties each resource has comes from its field table (inputs, and what state
 * keeps plus what Civis computes, as `outputNames` says); each property's type and description
 * come from the TypeScript SDK's declaration of it (`<Kind>Args` for inputs, the class's outputs),
 * read with the TypeScript compiler, so the generated SDKs say what the TypeScript one says. The
 * settings come from `SETTINGS` in provider/core/config.ts. A property in one and not the other
 * is an error, not a guess.
 *
 *   node dist/scripts/schema.js           writes schema.json at the repository's root
 *   node dist/scripts/schema.js --check   exits 1 if schema.json is not what it would write
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { inputNames, outputNames, RESOURCE_KINDS, type ResourceKind } from "../provider";
import { SETTINGS, type Setting } from "../provider/core/config";
import { FUNCTIONS } from "../provider/functions";

const REPO = path.resolve(__dirname, "..", "..");
export const SCHEMA_FILE = path.join(REPO, "schema.json");

type Spec = Record<string, unknown>;

/** The numbers that take fractions (`<Kind><Property>`): TypeScript's `number` says nothing of it. */
const FRACTIONAL = new Set(["WorkflowExecutionTimeoutMinutes"]);

/** The TypeScript SDK's sources, type-checked once. */
function sdkProgram(): { checker: ts.TypeChecker; files: ts.SourceFile[] } {
  const dirs = ["resources", "components"].map((d) => path.join(REPO, "sdk", d));
  const lookups = path.join(REPO, "sdk", "lookups.ts");
  const names = [
    lookups,
    ...dirs.flatMap((dir) =>
      fs
        .readdirSync(dir)
        .filter((f) => f.endsWith(".ts"))
        .map((f) => path.join(dir, f)),
    ),
  ];
  const program = ts.createProgram(names, {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    skipLibCheck: true,
  });
  const files = program
    .getSourceFiles()
    .filter((f) => f.fileName === lookups || dirs.some((dir) => f.fileName.startsWith(dir)));
  return { checker: program.getTypeChecker(), files };
}

/** Named declarations of the SDK's resource files: `<Kind>Args` interfaces and `<Kind>` classes. */
function declarations(files: ts.SourceFile[]) {
  const found = new Map<string, ts.InterfaceDeclaration | ts.ClassDeclaration>();
  const functions = new Map<string, ts.FunctionDeclaration>();
  for (const f of files)
    for (const s of f.statements) {
      if ((ts.isInterfaceDeclaration(s) || ts.isClassDeclaration(s)) && s.name) found.set(s.name.text, s);
      if (ts.isFunctionDeclaration(s) && s.name) functions.set(s.name.text, s);
    }
  return Object.assign(found, { functions });
}

class SchemaWriter {
  readonly types: Record<string, Spec> = {};

  constructor(private readonly checker: ts.TypeChecker) {}

  private doc(symbol: ts.Symbol): string {
    return ts.displayPartsToString(symbol.getDocumentationComment(this.checker)).trim();
  }

  /** The properties of a declaration, by name, with their types as schema specs. */
  members(decl: ts.InterfaceDeclaration | ts.ClassDeclaration, owner: string, only?: string[]): Map<string, Spec> {
    const type = this.checker.getTypeAtLocation(decl);
    const out = new Map<string, Spec>();
    for (const symbol of this.checker.getPropertiesOfType(type)) {
      if (only && !only.includes(symbol.name)) continue;
      const d = symbol.valueDeclaration;
      if (!d || !(ts.isPropertySignature(d) || ts.isPropertyDeclaration(d)) || !d.type) continue;
      // `pulumi.Input<T>` / `pulumi.Output<T>` as written: the property's value is T, named as written.
      const node = unwrapNode(d.type);
      const ref = namedNode(node);
      const named = ref && { name: ref.typeName.getText(), doc: this.nameDoc(ref) };
      const spec = this.spec(this.checker.getTypeFromTypeNode(node), `${owner}${cap(symbol.name)}`, named);
      const description = this.doc(symbol);
      out.set(symbol.name, description ? { ...spec, description } : spec);
    }
    return out;
  }

  /** The doc text of the interface or alias a type reference names. */
  private nameDoc(ref: ts.TypeReferenceNode): string {
    const symbol = this.checker.getSymbolAtLocation(ref.typeName);
    return symbol ? this.doc(symbol) : "";
  }

  /** The documented properties of a declaration: name -> doc text. */
  docs(decl: ts.InterfaceDeclaration | ts.ClassDeclaration): Map<string, string> {
    const props = this.checker.getPropertiesOfType(this.checker.getTypeAtLocation(decl));
    return new Map(props.map((p) => [p.name, this.doc(p)] as const).filter(([, d]) => d !== ""));
  }

  /** A TypeScript type as a schema spec: Inputs and Outputs unwrapped, null and undefined dropped. */
  spec(type: ts.Type, hint: string, named?: { name: string; doc: string }): Spec {
    const parts = (type.isUnion() ? type.types : [type]).filter((t) => {
      if (t.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Void)) return false;
      const name = t.getSymbol()?.getName();
      return name !== "Promise" && name !== "OutputInstance";
    });
    const wrapped = parts;
    const kinds = new Set(wrapped.map((t) => this.kind(t)));
    if (kinds.size !== 1) return { $ref: "pulumi.json#/Any" };
    const [kind] = kinds;
    const one = wrapped[0];
    // Civis's numbers are ids, hours and counts: whole numbers, but for the few that take fractions.
    if (kind === "number") return { type: FRACTIONAL.has(hint) ? "number" : "integer" };
    if (kind === "string" || kind === "boolean") return { type: kind };
    if (kind === "any") return { $ref: "pulumi.json#/Any" };
    if (kind === "array") {
      const item = this.checker.getTypeArguments(one as ts.TypeReference)[0];
      return { type: "array", items: this.spec(item, hint, named) };
    }
    // A record of anything (a run's input values): a map.
    if (this.checker.getIndexInfosOfType(one).length > 0)
      return { type: "object", additionalProperties: { $ref: "pulumi.json#/Any" } };
    // An interface is named by its own name wherever it is used (SharePrincipals, at each level).
    const own = one.getSymbol();
    const token = named?.name ?? (own && own.flags & ts.SymbolFlags.Interface ? own.getName() : hint);
    return { $ref: `#/types/civis:index:${this.objectType(one, token, named?.doc)}` };
  }

  private kind(t: ts.Type): string {
    if (t.flags & (ts.TypeFlags.String | ts.TypeFlags.StringLiteral)) return "string";
    if (t.flags & (ts.TypeFlags.Number | ts.TypeFlags.NumberLiteral)) return "number";
    if (t.flags & (ts.TypeFlags.Boolean | ts.TypeFlags.BooleanLiteral)) return "boolean";
    if (t.flags & (ts.TypeFlags.Unknown | ts.TypeFlags.Any)) return "any";
    if (this.checker.isArrayType(t)) return "array";
    return "object";
  }

  /** An object type, named by its TypeScript name (or the property's), declared once in `types`. */
  private objectType(t: ts.Type, token: string, doc?: string): string {
    if (this.types[`civis:index:${token}`]) return token;
    this.types[`civis:index:${token}`] = {}; // a placeholder while its members are read
    const properties: Record<string, Spec> = {};
    for (const symbol of this.checker.getPropertiesOfType(t)) {
      const d = symbol.valueDeclaration ?? symbol.declarations?.[0];
      // A mapped type's members (e.g. one per permission level) have no declaration of their own.
      const type = d ? this.checker.getTypeOfSymbolAtLocation(symbol, d) : this.checker.getTypeOfSymbol(symbol);
      const spec = this.spec(type, `${token}${cap(symbol.name)}`);
      const description = this.doc(symbol);
      properties[symbol.name] = description ? { ...spec, description } : spec;
    }
    const own = t.aliasSymbol ?? t.getSymbol();
    const description = doc ?? (own ? this.doc(own) : "");
    this.types[`civis:index:${token}`] = { type: "object", ...(description && { description }), properties };
    return token;
  }
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** `pulumi.Input<T>` or `pulumi.Output<T>` as written: T. */
function unwrapNode(node: ts.TypeNode): ts.TypeNode {
  if (ts.isTypeReferenceNode(node) && node.typeArguments?.length === 1) {
    const name = node.typeName.getText();
    if (name === "pulumi.Input" || name === "pulumi.Output") return node.typeArguments[0];
  }
  return node;
}

/** The interface or alias a property's type names (`WorkflowGit`, `WorkflowGit | undefined`, `Task[]`). */
function namedNode(node: ts.TypeNode): ts.TypeReferenceNode | undefined {
  if (ts.isArrayTypeNode(node)) return namedNode(node.elementType);
  const named = ts.isUnionTypeNode(node) ? node.types.filter((t) => ts.isTypeReferenceNode(t)) : [node];
  return named.length === 1 && ts.isTypeReferenceNode(named[0]) ? named[0] : undefined;
}

/** One resource: its field table's properties, each as the SDK declares and documents it. */
function resourceSpec(
  writer: SchemaWriter,
  decls: ReturnType<typeof declarations>,
  kind: ResourceKind,
  checker: ts.TypeChecker,
) {
  const args = decls.get(`${kind}Args`);
  const cls = decls.get(kind);
  if (!args || !cls) throw new Error(`sdk/resources has no ${kind}Args or class ${kind}`);
  const inputs = inputNames(kind);
  const outputs = outputNames(kind);
  const argSpecs = writer.members(args, kind);
  // An output the program also gives has its input's type: only the others are read off the class.
  const outSpecs = writer.members(
    cls,
    kind,
    outputs.filter((n) => !inputs.includes(n)),
  );
  const outDocs = writer.docs(cls);
  const missing = [
    ...inputs.filter((n) => !argSpecs.has(n)).map((n) => `${kind}Args.${n}`),
    ...outputs.filter((n) => !outSpecs.has(n) && !argSpecs.has(n)).map((n) => `${kind}.${n}`),
    ...[...argSpecs.keys()].filter((n) => !inputs.includes(n)).map((n) => `${kind}Args.${n} (not in the field table)`),
  ];
  if (missing.length) throw new Error(`the SDK and the field table disagree: ${missing.join(", ")}`);
  const required = (names: string[], decl: ts.InterfaceDeclaration | ts.ClassDeclaration) => {
    const t = checker.getTypeAtLocation(decl);
    return names.filter((n) => !(checker.getPropertyOfType(t, n)!.flags & ts.SymbolFlags.Optional));
  };
  const clsDoc = checker.getSymbolAtLocation(cls.name!);
  return {
    description: clsDoc ? ts.displayPartsToString(clsDoc.getDocumentationComment(checker)).trim() : "",
    inputProperties: Object.fromEntries(inputs.map((n) => [n, argSpecs.get(n)!])),
    requiredInputs: required(inputs, args),
    // What the engine reads back: the outputs; an input the state keeps shares its input's type.
    properties: Object.fromEntries(
      outputs.map((n) => {
        const [out, input] = [outSpecs.get(n), argSpecs.get(n)];
        return [n, input ? { ...input, description: outDocs.get(n) ?? input.description } : out!];
      }),
    ),
  };
}

/**
 * ManagedWorkflow, the multi-language component the plugin constructs: its arguments as the SDK
 * declares them (a Workflow's and its own), its output the workflow's id.
 */
function componentSpec(writer: SchemaWriter, decls: ReturnType<typeof declarations>, checker: ts.TypeChecker) {
  const args = decls.get("ManagedWorkflowArgs");
  const cls = decls.get("ManagedWorkflow");
  if (!args || !cls) throw new Error("sdk/components has no ManagedWorkflowArgs or class ManagedWorkflow");
  const inputs = writer.members(args, "ManagedWorkflow");
  const t = checker.getTypeAtLocation(args);
  const doc = checker.getSymbolAtLocation(cls.name!);
  return {
    isComponent: true,
    description: doc ? ts.displayPartsToString(doc.getDocumentationComment(checker)).trim() : "",
    inputProperties: Object.fromEntries(inputs),
    requiredInputs: [...inputs.keys()].filter(
      (n) => !(checker.getPropertyOfType(t, n)!.flags & ts.SymbolFlags.Optional),
    ),
    properties: { workflowId: { type: "integer", description: "The Civis workflow id." } },
    required: ["workflowId"],
  };
}

/**
 * A lookup as a function (`civis:index:getWorkflow`, ...): its arguments as the SDK's `<Name>Args`
 * declares them, its answer the SDK function's (a list under the property the function names).
 */
function functionSpec(
  writer: SchemaWriter,
  decls: ReturnType<typeof declarations>,
  checker: ts.TypeChecker,
  name: string,
) {
  const fn = decls.functions.get(name);
  const args = decls.get(`${cap(name)}Args`);
  if (!fn || !args) throw new Error(`sdk/lookups.ts has no function ${name} or ${cap(name)}Args`);
  const inputs = writer.members(args, cap(name));
  const t = checker.getTypeAtLocation(args);
  const returned = checker.getReturnTypeOfSignature(checker.getSignatureFromDeclaration(fn)!);
  const answer = checker.getTypeArguments(returned as ts.TypeReference)[0];
  const { listAs } = FUNCTIONS[name];
  const spec = writer.spec(answer, `${cap(name)}Result`);
  const outputs = listAs
    ? { type: "object", properties: { [listAs]: spec }, required: [listAs] }
    : { type: "object", properties: writer.types[String(spec.$ref).replace("#/types/", "")].properties };
  const doc = checker.getSymbolAtLocation(fn.name!);
  return {
    description: doc ? ts.displayPartsToString(doc.getDocumentationComment(checker)).trim() : "",
    inputs: {
      type: "object",
      properties: Object.fromEntries(inputs),
      required: [...inputs.keys()].filter((n) => !(checker.getPropertyOfType(t, n)!.flags & ts.SymbolFlags.Optional)),
    },
    outputs,
  };
}

/** The whole schema, as JSON text. */
export function schemaText(): string {
  const { checker, files } = sdkProgram();
  const decls = declarations(files);
  const writer = new SchemaWriter(checker);
  const resources = {
    ...Object.fromEntries(RESOURCE_KINDS.map((k) => [`civis:index:${k}`, resourceSpec(writer, decls, k, checker)])),
    "civis:index:ManagedWorkflow": componentSpec(writer, decls, checker),
  };
  const settings = Object.fromEntries(
    Object.entries(SETTINGS as Record<string, Setting>).map(([key, s]) => [
      key,
      {
        type: s.type,
        description: s.doc,
        ...(s.secret && { secret: true }),
        ...(s.variable && { defaultInfo: { environment: [s.variable] } }),
      },
    ]),
  );
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")) as { version: string };
  const schema = {
    name: "civis",
    displayName: "Civis Platform",
    version: pkg.version,
    description: "Civis Platform workflows as code: workflows, who may see them, the projects that hold them, runs.",
    keywords: ["civis", "workflows", "category/utility"],
    license: "Apache-2.0",
    config: { variables: settings },
    provider: { description: "The Civis Platform API, as the stack's civis: settings say.", inputProperties: settings },
    resources,
    functions: Object.fromEntries(
      Object.keys(FUNCTIONS).map((f) => [`civis:index:${f}`, functionSpec(writer, decls, checker, f)]),
    ),
    types: Object.fromEntries(Object.entries(writer.types).sort(([a], [b]) => a.localeCompare(b))),
    // The generated SDKs carry the schema's version (the package's), which the plugin answers too.
    language: {
      python: { packageName: "pulumi_civis", respectSchemaVersion: true },
      nodejs: { packageName: "@pulumi-civis/native", respectSchemaVersion: true },
    },
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}

if (require.main === module) {
  const text = schemaText();
  if (process.argv.includes("--check")) {
    const current = fs.existsSync(SCHEMA_FILE) ? fs.readFileSync(SCHEMA_FILE, "utf8") : "";
    if (current !== text) {
      console.error("schema.json is out of date: run `npm run schema`");
      process.exit(1);
    }
  } else {
    fs.writeFileSync(SCHEMA_FILE, text);
    console.log(`wrote ${SCHEMA_FILE}`);
  }
}
