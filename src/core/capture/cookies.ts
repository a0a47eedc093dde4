import type { CookieAttributes } from '../types';
import { booleanAt, isRecord, type NameValue, stringAt } from './guards';

/** A cookie as set by one `Set-Cookie` line. */
export interface SetCookie {
  name: string;
  value: string;
  attributes: CookieAttributes;
}

/** `__Host-`/`__Secure-` (RFC 6265bis §4.1.3), matched case-sensitively as browsers do. */
export function cookiePrefix(name: string): CookieAttributes['prefix'] {
  if (name.startsWith('__Host-')) return '__Host-';
  if (name.startsWith('__Secure-')) return '__Secure-';
  return undefined;
}

/**
 * Parses one `Set-Cookie` value (RFC 6265 §5.2): `name=value` then `;`-separated attributes, names
 * case-insensitive. Returns `null` when there is no cookie pair. Never throws.
 */
export function parseSetCookie(line: string): SetCookie | null {
  const parts = line.split(';');
  const pair = parts[0] ?? '';
  const eq = pair.indexOf('=');
  if (eq < 0) return null;
  const name = pair.slice(0, eq).trim();
  const attributes: CookieAttributes = { httpOnly: false, secure: false };
  for (let i = 1; i < parts.length; i++) applyAttribute(attributes, parts[i] ?? '');
  const prefix = cookiePrefix(name);
  if (prefix) attributes.prefix = prefix;
  return { name, value: pair.slice(eq + 1).trim(), attributes };
}

function applyAttribute(attributes: CookieAttributes, part: string): void {
  const eq = part.indexOf('=');
  const key = (eq >= 0 ? part.slice(0, eq) : part).trim().toLowerCase();
  const value = eq >= 0 ? part.slice(eq + 1).trim() : '';
  if (key === 'httponly') attributes.httpOnly = true;
  else if (key === 'secure') attributes.secure = true;
  else if (key === 'samesite') attributes.sameSite = value.toLowerCase();
  else if (key === 'domain') attributes.domain = value;
  else if (key === 'path') attributes.path = value;
  else if (key === 'expires') attributes.expires = value;
  else if (key === 'max-age' && /^-?\d+$/.test(value)) attributes.maxAge = Number(value);
}

/**
 * The `Set-Cookie` lines of one header value. Recorders that keep one header per name join repeated ones:
 * Firefox with newlines, HTTP Toolkit (and anything built on Node's header objects) with commas. A comma
 * starts a new line only when a `name=` follows it, so the comma of `Expires=Wed, 21 Oct 2026 …` stays.
 */
export function splitSetCookie(value: string): string[] {
  return value.indexOf(',') < 0 ? value.split('\n') : value.split(/\n|,(?=[ \t]*[^;,=\s]+=)/);
}

/** Splits a `Cookie` request header (`a=1; b=2`) into pairs. */
export function parseCookieHeader(header: string): NameValue[] {
  const out: NameValue[] = [];
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    out.push({ name: part.slice(0, eq).trim(), value: part.slice(eq + 1).trim() });
  }
  return out;
}

/**
 * Attributes recorded on a HAR cookie object. HAR 1.2 only defines `httpOnly`/`secure` (browsers add
 * `sameSite`, `domain`, `path`, `expires`); returns `undefined` when the recorder wrote no flags, since
 * "flag absent" would otherwise read as "cookie not HttpOnly".
 */
export function harCookieAttributes(cookie: unknown): CookieAttributes | undefined {
  if (!isRecord(cookie)) return undefined;
  const httpOnly = booleanAt(cookie, 'httpOnly');
  const secure = booleanAt(cookie, 'secure');
  if (httpOnly === undefined && secure === undefined) return undefined;
  const attributes: CookieAttributes = { httpOnly: httpOnly ?? false, secure: secure ?? false };
  const sameSite = stringAt(cookie, 'sameSite');
  if (sameSite) attributes.sameSite = sameSite.toLowerCase();
  const domain = stringAt(cookie, 'domain');
  if (domain) attributes.domain = domain;
  const path = stringAt(cookie, 'path');
  if (path) attributes.path = path;
  const expires = stringAt(cookie, 'expires');
  // Chromium's network log writes session cookies as expiring at 1969-12-31T23:59:59Z (epoch − 1 s).
  if (expires && !isSessionSentinel(expires)) attributes.expires = expires;
  const name = stringAt(cookie, 'name') ?? '';
  const prefix = cookiePrefix(name);
  if (prefix) attributes.prefix = prefix;
  return attributes;
}

/**
 * Flags recorded on a HAR request cookie, when they are evidence. A browser exports the cookie as its jar
 * holds it, domain included (Chrome); a proxy saw only the `Cookie` header, which carries no attributes,
 * yet some write `httpOnly: false, secure: false` anyway (mitmproxy's former `har_dump` script). Flags
 * without a `domain` are not taken: they would read as "cookie not HttpOnly" for a cookie nobody knows.
 */
export function harRequestCookieAttributes(cookie: unknown): CookieAttributes | undefined {
  return isRecord(cookie) && stringAt(cookie, 'domain') ? harCookieAttributes(cookie) : undefined;
}

/** True for the pre-1970 dates HAR recorders use to mean "no expiry" (a session cookie). */
function isSessionSentinel(expires: string): boolean {
  const time = Date.parse(expires);
  return !Number.isNaN(time) && time <= 0;
}
