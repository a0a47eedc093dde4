import { parseUrlParts } from '../../capture/url-parts';
import type { Sighting, Where } from '../../types';
import { memoByName } from '../pii/name-memo';

/** Places from which a token reaches the server with the request (a fragment never leaves the browser). */
const REQUEST_SIDE: ReadonlySet<Where> = new Set<Where>([
  'request-header',
  'request-cookie',
  'query',
  'path',
  'request-body',
]);

/** Places where a token travels in the response. */
const RESPONSE_SIDE: ReadonlySet<Where> = new Set<Where>(['set-cookie', 'response-header', 'response-body']);

/** True when the sighting went over the network, either way (not storage, not pasted input, not a fragment). */
export function isOnWire(s: Sighting): boolean {
  return REQUEST_SIDE.has(s.where) || RESPONSE_SIDE.has(s.where);
}

/** True when the token reached the server with the request (including inside a `Referer`). */
export function isSentToServer(s: Sighting): boolean {
  return REQUEST_SIDE.has(s.where);
}

/** True for a header named `name` (lower-case): the length first, so most names are never lower-cased. */
export function isHeaderNamed(s: Sighting, name: string): boolean {
  return s.name.length === name.length && s.name.toLowerCase() === name;
}

/** True when the request presented the token as a credential: sent, and not merely inside a `Referer` URL. */
export function isPresented(s: Sighting): boolean {
  return REQUEST_SIDE.has(s.where) && !(s.where === 'request-header' && isHeaderNamed(s, 'referer'));
}

/** True when the token came back in the response. */
export function isResponseSide(s: Sighting): boolean {
  return RESPONSE_SIDE.has(s.where);
}

/** 2xx: the server answered as if the request was fine. */
export function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

/**
 * Hosts already read, per sighting: a dozen context rules ask for the host of every sighting of every
 * token on each audit. Weak, so a sighting dropped by the auditor takes its entry with it. Sightings are
 * not edited once captured (only multi-input scans re-prefix their ids), so a host never goes stale.
 */
const HOSTS = new WeakMap<Sighting, string>();

/** Lower-case host of the sighting's URL (`''` when unknown). */
export function hostOf(s: Sighting): string {
  let host = HOSTS.get(s);
  if (host === undefined) {
    host = parseUrlParts(s.url).host;
    HOSTS.set(s, host);
  }
  return host;
}

/**
 * The first `max` distinct values of `describe` over `items`, in order. Describes no more items than it
 * must: a token presented in thousands of requests needs only its first few in the evidence.
 */
export function firstDistinct<T>(items: readonly T[], describe: (item: T) => string, max: number): string[] {
  const out = new Set<string>();
  for (let i = 0; i < items.length && out.size < max; i++) out.add(describe(items[i] as T));
  return [...out];
}

/** Distinct values, in first-seen order. */
export function unique<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}

/** `3 requests`, `1 request`: distinct requests among the sightings. */
export function countRequests(sightings: readonly Sighting[]): string {
  const n = new Set(sightings.map((s) => `${s.requestId}\u0000${s.startedAt}\u0000${s.url}`)).size;
  return n === 1 ? '1 request' : `${n} requests`;
}

/** `a`, `a and b`, `a, b and 3 more`. */
export function listNames(names: readonly string[], max = 3): string {
  if (names.length <= 1) return names[0] ?? '';
  if (names.length <= max) return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

/**
 * A URL safe to show as evidence: origin and path with any token replaced by `{token}`, and the query
 * reduced to parameter names (`?access_token=…`). Never the token, never a query value.
 */
export function maskUrl(url: string): string {
  return url.length <= MAX_MEMO_URL ? maskUrlOnce(url) : maskUrlNow(url);
}

/** URLs longer than this are masked every time: the memo's memory stays bounded by entries × this. */
const MAX_MEMO_URL = 2048;

/** Evidence describes the same requests again and again (one per token and rule), so URLs are memoised. */
const maskUrlOnce = memoByName((url) => maskUrlNow(url));

function maskUrlNow(url: string): string {
  const parts = parseUrlParts(url);
  const base = parts.origin + parts.path;
  const names = parts.query ? parts.query.split('&').map((p) => `${p.split('=')[0] ?? ''}=…`) : [];
  const shown = names.length > 0 ? `${base}?${names.join('&')}` : base;
  return shown.replace(TOKEN_LIKE, '{token}') || '(no URL)';
}

const TOKEN_LIKE = /eyJ[A-Za-z0-9_\-.~+/=%]*/g;

/** `GET https://api.example.test/orders → 200`, masked. */
export function describeRequest(s: Sighting): string {
  return `${s.method || 'GET'} ${maskUrl(s.url)}${s.status ? ` → ${s.status}` : ''}`;
}
