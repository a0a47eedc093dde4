/**
 * Builders for small synthetic HAR 1.2 entries and JWT-shaped strings. The tokens are never signed with a
 * real key: capture only needs a header that decodes to a JSON object with `alg`.
 */

const b64url = (value: unknown): string =>
  btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');

/** A JWT-shaped string: real base64url header and payload, a fake signature. */
export function fakeJwt(
  payload: Record<string, unknown> = { sub: 'u1' },
  header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' },
  signature = 'c2lnbmF0dXJlLW5vdC1yZWFs',
): string {
  return `${b64url(header)}.${b64url(payload)}.${signature}`;
}

export interface EntryOptions {
  method?: string;
  url?: string;
  status?: number;
  startedDateTime?: string;
  requestHeaders?: { name: string; value: string }[];
  requestCookies?: Record<string, unknown>[];
  postData?: Record<string, unknown>;
  responseHeaders?: { name: string; value: string }[];
  responseCookies?: Record<string, unknown>[];
  content?: Record<string, unknown>;
  redirectURL?: string;
  pageref?: string;
}

/** A HAR 1.2 entry with every required field, overridable piece by piece. */
export function makeEntry(options: EntryOptions = {}): Record<string, unknown> {
  const request: Record<string, unknown> = {
    method: options.method ?? 'GET',
    url: options.url ?? 'https://api.example.test/orders',
    httpVersion: 'HTTP/2',
    cookies: options.requestCookies ?? [],
    headers: options.requestHeaders ?? [],
    queryString: [],
    headersSize: -1,
    bodySize: 0,
  };
  if (options.postData) request.postData = options.postData;
  const entry: Record<string, unknown> = {
    startedDateTime: options.startedDateTime ?? '2025-03-14T09:00:00.000Z',
    time: 10,
    request,
    response: {
      status: options.status ?? 200,
      statusText: '',
      httpVersion: 'HTTP/2',
      cookies: options.responseCookies ?? [],
      headers: options.responseHeaders ?? [],
      content: options.content ?? { size: 0, mimeType: 'text/plain', text: '' },
      redirectURL: options.redirectURL ?? '',
      headersSize: -1,
      bodySize: 0,
    },
    cache: {},
    timings: { send: 1, wait: 8, receive: 1 },
  };
  if (options.pageref) entry.pageref = options.pageref;
  return entry;
}

/** A HAR document around entries. */
export function makeHar(entries: unknown[], pages: unknown[] = []): Record<string, unknown> {
  return { log: { version: '1.2', creator: { name: 'test', version: '0' }, pages, entries } };
}

/** JSON response content. */
export function jsonContent(value: unknown): Record<string, unknown> {
  const text = JSON.stringify(value);
  return { size: text.length, mimeType: 'application/json', text };
}

/** Replaces the value at `path` (creating nothing: a missing parent leaves the entry as it is). */
export function mutate(entry: unknown, path: readonly (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  let node: unknown = entry;
  for (const key of path.slice(0, -1)) {
    if (typeof node !== 'object' || node === null) return entry;
    node = (node as Record<string | number, unknown>)[key];
  }
  if (typeof node === 'object' && node !== null)
    (node as Record<string | number, unknown>)[path[path.length - 1] as string] = value;
  return entry;
}
