import type { Sighting, TokenKind, Where } from '../../core/types';
import { isRecord, stringOrEmpty } from './guards';

/**
 * The raw requests the panel keeps so that "Probe this request…" can save one as a HAR (issue 15). Only in
 * this page's memory: never exported, stored or sent; dropped on Clear and when the panel closes. Bounded
 * by count and by characters, the oldest first.
 */

/** Requests kept at most (each carried a token). */
export const MAX_KEPT_EXCHANGES = 200;

/** Characters kept at most over all kept requests (URLs, headers, request bodies). */
export const MAX_KEPT_CHARS = 8 * 1024 * 1024;

/** A name/value pair of a HAR request or response (headers, cookies, query, form fields). */
export interface KeptPair {
  name: string;
  value: string;
}

/**
 * One exchange as kept: the request in full (it carries the token), the response without its body (the
 * probe compares live answers; the body may hold other tokens).
 */
export interface KeptExchange {
  startedDateTime: string;
  request: {
    method: string;
    url: string;
    httpVersion: string;
    headers: KeptPair[];
    queryString: KeptPair[];
    cookies: KeptPair[];
    postData?: { mimeType: string; text: string; params?: KeptPair[] };
  };
  response: {
    status: number;
    statusText: string;
    httpVersion: string;
    headers: KeptPair[];
    mimeType: string;
  };
  /** Characters this exchange counts against the budget. */
  chars: number;
}

/** The bounded store, keyed by the request id the sightings carry. */
export interface ExchangeStore {
  /** Keeps the exchange of a HAR entry (untrusted); an entry that is not one, or too big, is not kept. */
  keep(requestId: string, entry: unknown): void;
  /** Keeps an exchange already copied (`keptExchangeOf`, e.g. by the worker of a streamed import). */
  add(requestId: string, exchange: KeptExchange): void;
  get(requestId: string): KeptExchange | undefined;
  clear(): void;
  readonly size: number;
  readonly chars: number;
}

/** The places a probe can put a tampered token (`TokenSlot['where']` of src/core/probe/types.ts). */
const PROBE_SLOTS: ReadonlySet<Where> = new Set<Where>([
  'request-header',
  'request-cookie',
  'query',
  'request-body',
]);

/** True for a sighting in an HTTP(S) request the CLI can replay with a tampered token. */
export function isProbeable(sighting: Pick<Sighting, 'where' | 'scheme'>): boolean {
  return PROBE_SLOTS.has(sighting.where) && (sighting.scheme === 'http' || sighting.scheme === 'https');
}

/** Tokens the probe has tampered versions of: signed and unsigned JWS (not JWE, opaque or malformed). */
export function isProbeableKind(kind: TokenKind): boolean {
  return kind === 'jws' || kind === 'unsecured';
}

/** The requests of a capture worth keeping: those that carried a token where a probe can change it. */
export function probeableRequestIds(sightings: readonly Sighting[]): Set<string> {
  const ids = new Set<string>();
  for (const s of sightings) if (isProbeable(s)) ids.add(s.requestId);
  return ids;
}

const text = stringOrEmpty;

/** The name/value pairs of a HAR list; anything else in it is skipped. */
function pairs(list: unknown): KeptPair[] {
  if (!Array.isArray(list)) return [];
  const out: KeptPair[] = [];
  for (const item of list) {
    if (isRecord(item) && typeof item.name === 'string')
      out.push({ name: item.name, value: text(item.value) });
  }
  return out;
}

function charsOf(list: readonly KeptPair[]): number {
  let n = 0;
  for (const p of list) n += p.name.length + p.value.length;
  return n;
}

function postDataOf(value: unknown): KeptExchange['request']['postData'] {
  if (!isRecord(value)) return undefined;
  const params = pairs(value.params);
  return {
    mimeType: text(value.mimeType),
    text: text(value.text),
    ...(params.length > 0 ? { params } : {}),
  };
}

/** Copies what a probe needs from a HAR entry; `null` when it has no HTTP(S) request with a method. */
export function keptExchangeOf(entry: unknown): KeptExchange | null {
  if (!isRecord(entry) || !isRecord(entry.request)) return null;
  const req = entry.request;
  const method = text(req.method);
  const url = text(req.url);
  if (!method || !/^https?:\/\//i.test(url)) return null;
  const res = isRecord(entry.response) ? entry.response : {};
  const postData = postDataOf(req.postData);
  const request: KeptExchange['request'] = {
    method,
    url,
    httpVersion: text(req.httpVersion) || 'HTTP/1.1',
    headers: pairs(req.headers),
    queryString: pairs(req.queryString),
    cookies: pairs(req.cookies),
    ...(postData ? { postData } : {}),
  };
  const response: KeptExchange['response'] = {
    status: typeof res.status === 'number' && Number.isInteger(res.status) ? res.status : 0,
    statusText: text(res.statusText),
    httpVersion: text(res.httpVersion) || 'HTTP/1.1',
    headers: pairs(res.headers),
    mimeType: isRecord(res.content) ? text(res.content.mimeType) : '',
  };
  const chars =
    url.length +
    charsOf(request.headers) +
    charsOf(request.queryString) +
    charsOf(request.cookies) +
    (postData ? postData.text.length + charsOf(postData.params ?? []) : 0) +
    charsOf(response.headers);
  return { startedDateTime: text(entry.startedDateTime), request, response, chars };
}

/** Creates a store with the given bounds (the defaults above in the panel; smaller ones in tests). */
export function createExchangeStore(
  maxExchanges = MAX_KEPT_EXCHANGES,
  maxChars = MAX_KEPT_CHARS,
): ExchangeStore {
  // A Map iterates in insertion order: the first key is the oldest exchange.
  const kept = new Map<string, KeptExchange>();
  let chars = 0;
  const evictOldest = (): void => {
    const oldest = kept.keys().next();
    if (oldest.done) return;
    chars -= kept.get(oldest.value)?.chars ?? 0;
    kept.delete(oldest.value);
  };
  const add = (requestId: string, exchange: KeptExchange): void => {
    if (exchange.chars > maxChars) return;
    const previous = kept.get(requestId);
    if (previous) {
      chars -= previous.chars;
      kept.delete(requestId);
    }
    while (kept.size > 0 && (kept.size >= maxExchanges || chars + exchange.chars > maxChars)) evictOldest();
    kept.set(requestId, exchange);
    chars += exchange.chars;
  };
  return {
    keep(requestId, entry) {
      const exchange = keptExchangeOf(entry);
      if (exchange) add(requestId, exchange);
    },
    add,
    get: (requestId) => kept.get(requestId),
    clear() {
      kept.clear();
      chars = 0;
    },
    get size() {
      return kept.size;
    },
    get chars() {
      return chars;
    },
  };
}
