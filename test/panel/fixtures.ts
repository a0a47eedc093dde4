/**
 * Synthetic tokens and HAR entries for the panel tests. Nothing here is a real credential: tokens are
 * built from JSON with a fixed fake signature; signature validity does not matter to the panel.
 */

/** base64url of a UTF-8 string (Node's Buffer is fine in tests; the panel itself never uses it). */
export function b64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

/** Fixed reference time for tests: 2030-01-01T00:00:00Z, in epoch seconds. */
export const NOW = 1_893_456_000;

/** A compact JWS with the given claims (and header), signed with a fixed fake 32-byte signature. */
export function makeToken(claims: Record<string, unknown>, header: Record<string, unknown> = {}): string {
  const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT', ...header }));
  const body = b64url(JSON.stringify(claims));
  return `${head}.${body}.${Buffer.alloc(32, 7).toString('base64url')}`;
}

/** Claims of an ordinary access token valid for 10 minutes around NOW. */
export function accessClaims(sub: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { iss: 'https://issuer.example.test', sub, aud: 'api', iat: NOW - 60, exp: NOW + 540, ...extra };
}

export interface EntrySpec {
  url?: string;
  method?: string;
  status?: number;
  bearer?: string;
  cookie?: string;
  setCookie?: string;
  responseJson?: unknown;
  startedAt?: string;
}

/** A HAR 1.2 entry as DevTools produces it. */
export function makeEntry(spec: EntrySpec = {}): Record<string, unknown> {
  const headers: Array<{ name: string; value: string }> = [];
  if (spec.bearer) headers.push({ name: 'Authorization', value: `Bearer ${spec.bearer}` });
  if (spec.cookie) headers.push({ name: 'Cookie', value: spec.cookie });
  const responseHeaders: Array<{ name: string; value: string }> = [];
  if (spec.setCookie) responseHeaders.push({ name: 'Set-Cookie', value: spec.setCookie });
  const text = spec.responseJson === undefined ? '' : JSON.stringify(spec.responseJson);
  if (text) responseHeaders.push({ name: 'Content-Type', value: 'application/json' });
  return {
    startedDateTime: spec.startedAt ?? new Date(NOW * 1000).toISOString(),
    time: 12,
    request: {
      method: spec.method ?? 'GET',
      url: spec.url ?? 'https://api.example.test/v1/me',
      httpVersion: 'HTTP/1.1',
      headers,
      queryString: [],
      cookies: [],
      headersSize: -1,
      bodySize: 0,
    },
    response: {
      status: spec.status ?? 200,
      statusText: 'OK',
      httpVersion: 'HTTP/1.1',
      headers: responseHeaders,
      cookies: [],
      content: { size: text.length, mimeType: text ? 'application/json' : 'text/plain', text },
      redirectURL: '',
      headersSize: -1,
      bodySize: text.length,
    },
    cache: {},
    timings: { send: 0, wait: 10, receive: 2 },
  };
}

/** A HAR document around the entries. */
export function makeHar(entries: unknown[]): Record<string, unknown> {
  return { log: { version: '1.2', creator: { name: 'test', version: '1' }, pages: [], entries } };
}
