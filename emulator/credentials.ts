import { errorFor, HttpError } from "./http";

/**
 * The key an Authorization header carries: HTTP Basic with the key as the user name and an empty
 * password, or `Bearer <key>` (../shared/civis-api/README.md). Undefined when it carries none.
 */
export function keyOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const [scheme, value] = header.split(/\s+/, 2);
  if (!value) return undefined;
  if (/^basic$/i.test(scheme)) {
    const decoded = Buffer.from(value, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    return (colon >= 0 ? decoded.slice(0, colon) : decoded) || undefined;
  }
  return /^bearer$/i.test(scheme) ? value : undefined;
}

/** The key in the HTTP Basic form clients send it in: base64 of `key:`. */
export const basicFormOf = (key: string): string => Buffer.from(`${key}:`).toString("base64");

/**
 * An error answer that echoes the request's credentials, as a careless server or proxy may
 * ("invalid token ..."): the key and its Basic form in both the slug and the description, so a
 * test can prove that the client shows neither to the user, whichever field it prints. The
 * fault option `echoCredentials` asks for it (see faults.ts).
 */
export function credentialsEcho(status: number, header: string | undefined): HttpError {
  const plain = errorFor(status);
  const key = keyOf(header) ?? "";
  const basic = basicFormOf(key);
  return new HttpError(
    status,
    `${plain.slug}:${key}:${basic}`,
    `${plain.message} The request carried Authorization: ${header ?? ""} (key ${key}, Basic ${basic}).`,
    plain.headers,
  );
}
