import type { NameValue } from './guards';

/** The pieces of a URL that capture and the context rules care about. */
export interface UrlParts {
  /** Lower-case scheme without the colon (`https`), `''` when the text has none. */
  scheme: string;
  /** Lower-case host without userinfo, port or IPv6 brackets (`api.example.test`, `::1`). */
  host: string;
  /** `scheme://host[:port]`, lower-case; `''` for URLs without an authority (`data:`, `about:`). */
  origin: string;
  /** `user:password` when the URL carries userinfo, else `''`. */
  userinfo: string;
  /** The path, as written (still percent-encoded). */
  path: string;
  /** Query without the `?`. */
  query: string;
  /** Fragment without the `#`; `undefined` when the URL has no `#`. */
  fragment: string | undefined;
}

const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;
const EMPTY: UrlParts = {
  scheme: '',
  host: '',
  origin: '',
  userinfo: '',
  path: '',
  query: '',
  fragment: undefined,
};

/** Lower-case scheme of a URL without the colon, `''` when there is none. */
export function schemeOf(url: string): string {
  return SCHEME.exec(url)?.[1]?.toLowerCase() ?? '';
}

/**
 * Splits a URL without `new URL()`: HAR URLs are untrusted (and `new URL` throws, normalizes and
 * re-encodes, which would hide what was really on the wire). Never throws.
 */
export function parseUrlParts(url: string): UrlParts {
  const scheme = schemeOf(url);
  if (!scheme) return EMPTY;
  const hashAt = url.indexOf('#');
  const fragment = hashAt >= 0 ? url.slice(hashAt + 1) : undefined;
  const beforeHash = hashAt >= 0 ? url.slice(0, hashAt) : url;
  const queryAt = beforeHash.indexOf('?');
  const query = queryAt >= 0 ? beforeHash.slice(queryAt + 1) : '';
  const rest = (queryAt >= 0 ? beforeHash.slice(0, queryAt) : beforeHash).slice(scheme.length + 1);
  if (!rest.startsWith('//')) return { ...EMPTY, scheme, path: rest, query, fragment };
  const slashAt = rest.indexOf('/', 2);
  const authority = slashAt >= 0 ? rest.slice(2, slashAt) : rest.slice(2);
  const path = slashAt >= 0 ? rest.slice(slashAt) : '';
  const atAt = authority.lastIndexOf('@');
  const hostPort = (atAt >= 0 ? authority.slice(atAt + 1) : authority).toLowerCase();
  const userinfo = atAt >= 0 ? authority.slice(0, atAt) : '';
  return {
    scheme,
    host: hostOf(hostPort),
    origin: `${scheme}://${hostPort}`,
    userinfo,
    path,
    query,
    fragment,
  };
}

/**
 * `host` + first path segment (`api.example.com/v1`) as `parseUrlParts` reads them: what the lifecycle
 * model calls a service. A plain `http(s)://host/…` URL (most of them) is read without building its parts.
 */
export function serviceOfUrl(url: string): string {
  const quick = plainService(url);
  if (quick !== undefined) return quick;
  const parts = parseUrlParts(url);
  return withSegment(parts.host, parts.path.split('/', 2)[1] ?? '');
}

function withSegment(host: string, segment: string): string {
  return segment ? `${host}/${segment}` : host;
}

/** The service of a lower-case `http://` or `https://` URL without userinfo or IPv6 literal, else `undefined`. */
function plainService(url: string): string | undefined {
  const start = url.startsWith('https://') ? 8 : url.startsWith('http://') ? 7 : -1;
  if (start < 0) return undefined;
  const end = endOfPart(url, start);
  const authority = url.slice(start, end);
  if (authority.includes('@') || authority.startsWith('[')) return undefined;
  const host = hostOf(authority.toLowerCase());
  if (url.charCodeAt(end) !== 0x2f) return host;
  return withSegment(host, url.slice(end + 1, endOfPart(url, end + 1)));
}

/** Index of the first `/`, `?` or `#` from `from`, or the length of the URL. */
function endOfPart(url: string, from: number): number {
  for (let i = from; i < url.length; i++) {
    const c = url.charCodeAt(i);
    if (c === 0x2f || c === 0x3f || c === 0x23) return i;
  }
  return url.length;
}

/** `[::1]:8080` → `::1`, `api.test:443` → `api.test`. */
function hostOf(hostPort: string): string {
  if (hostPort.startsWith('[')) {
    const close = hostPort.indexOf(']');
    return close > 0 ? hostPort.slice(1, close) : hostPort.slice(1);
  }
  const colon = hostPort.indexOf(':');
  return colon >= 0 ? hostPort.slice(0, colon) : hostPort;
}

/**
 * Percent-decodes one query or form component; `+` means space in both (WHATWG URL "application/
 * x-www-form-urlencoded"). Malformed escapes are kept as written rather than failing the entry.
 */
export function decodeComponent(text: string): string {
  return decodePercent(text.includes('+') ? text.replace(/\+/g, ' ') : text);
}

/** Percent-decodes a path; malformed escapes are kept as written. */
export function decodePercent(text: string): string {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Splits `a=1&b=2` into decoded pairs; a bare `a` is `{ name: 'a', value: '' }`. */
export function parseParams(text: string): NameValue[] {
  const out: NameValue[] = [];
  for (const part of text.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = eq >= 0 ? part.slice(0, eq) : part;
    out.push({ name: decodeComponent(name), value: eq >= 0 ? decodeComponent(part.slice(eq + 1)) : '' });
  }
  return out;
}

/**
 * `parseUrlParts` of a URL that may be only a path (`/cb?code=…`, as `Location` headers often are): a
 * path is read against a placeholder origin, so its path, query and fragment come out right.
 */
export function parseUrlOrPath(url: string): UrlParts {
  return parseUrlParts(url.indexOf(':') < 0 ? `https://x${url}` : url);
}
