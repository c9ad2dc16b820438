/**
 * The engine's property values as the resource modules take them, and back. A plugin that
 * constructs components must accept secrets, so a secret arrives wrapped: the modules get it
 * plain, and what they answer is wrapped again under the same top-level names (as the engine
 * itself does for plugins that take secrets plain), so a secret input stays secret in state. A
 * value not known yet stays the engine's unknown sentinel, which the modules' checks know
 * (`core/unknown.ts`).
 */

/** The key that marks an engine value as special, and the kind of value that is a secret. */
const SIG = "4dabf18193072939515e22adb298388d";
const SECRET = "1b47061264138c4ac30d75fd1eb44270";

export type Props = Record<string, unknown>;

/** A value with every secret wrapper taken off. */
export function plain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value !== "object" || value === null) return value;
  const o = value as Props;
  if (o[SIG] === SECRET) return plain(o.value);
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, plain(v)]));
}

/** The top-level names whose values are, or hold, a secret. */
export function secretNames(props: Props): Set<string> {
  const holds = (v: unknown): boolean =>
    Array.isArray(v)
      ? v.some(holds)
      : typeof v === "object" && v !== null && ((v as Props)[SIG] === SECRET || Object.values(v).some(holds));
  return new Set(Object.keys(props).filter((k) => holds(props[k])));
}

/** `props` with the values under `names` wrapped as secrets. */
export function withSecrets(props: Props, names: Set<string>): Props {
  return Object.fromEntries(
    Object.entries(props).map(([k, v]) => [k, names.has(k) && v !== undefined ? { [SIG]: SECRET, value: v } : v]),
  );
}

/** A protobuf Struct's properties as plain values; an absent Struct is no properties. */
export function propsOf(struct: { toJavaScript(): Props } | undefined): Props {
  return struct ? (plain(struct.toJavaScript()) as Props) : {};
}

/**
 * A setting from `Configure`: the stack's `civis:<key>` as text. The engine sends each config
 * value twice, as `variables` ("civis:config:apiKey" -> text) and as typed `args`; either serves.
 */
export function settingsOf(variables: Map<string, string>, args: Props): (key: string) => string | undefined {
  return (key) => {
    const v = variables.get(`civis:config:${key}`) ?? variables.get(`civis:${key}`) ?? args[key];
    if (v === undefined || v === null || v === "") return undefined;
    return typeof v === "string" ? v : JSON.stringify(v);
  };
}
