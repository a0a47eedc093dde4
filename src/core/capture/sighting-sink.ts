import { findTokens } from '../token/find-tokens';
import { sampleHash } from '../token/sample-hash';
import type { CookieAttributes, Sighting, Where } from '../types';
import { isOpaqueTokenText } from './opaque-tokens';

/** What every sighting of one HAR entry shares. */
export interface EntryContext {
  requestId: string;
  url: string;
  method: string;
  status: number;
  scheme: string;
  startedAt: string;
  initiatorOrigin?: string;
  /** Cache-Control (+ Pragma) of the response, `''` when it sent neither. */
  responseCacheControl: string;
}

/** Where a token travelled from the server to the client (so the response's caching matters). */
const RESPONSE_SIDE: ReadonlySet<Where> = new Set<Where>(['set-cookie', 'response-header', 'response-body']);

/** A body full of tokens must not flood the audit; the rest of the entry is dropped with a problem line. */
export const MAX_SIGHTINGS_PER_ENTRY = 1000;

/**
 * Memo of `findTokens` over short values, shared by the entries of one HAR: the same `Authorization` or
 * `Cookie` value recurs in thousands of requests, and checking its JOSE header each time dominated
 * profiles. Scoped to one `captureHar` call so no token outlives the capture in module state.
 *
 * Keyed by `sampleHash`, not the text: a `Map` keyed by the text hashes every character of each value
 * (fresh from `JSON.parse`, so never hashed before), which cost more than the search it saved. A hit
 * is a memo whose whole `text` equals the value (a sample collision only recomputes), so the result is
 * always `findTokens` of that very text.
 */
export type FindCache = Map<number, { text: string; tokens: readonly string[] }>;
const CACHE_MAX_ENTRIES = 4096;
const CACHE_MAX_TEXT = 8192;
/** Characters of a value that its key is made of (`sampleHash`). */
const SAMPLE = 48;

function tokensIn(text: string, cache: FindCache | undefined): readonly string[] {
  if (!cache || text.length > CACHE_MAX_TEXT) return findTokens(text).map((found) => found.text);
  const key = sampleHash(text, 0, text.length, SAMPLE);
  const memo = cache.get(key);
  if (memo !== undefined && memo.text === text) return memo.tokens;
  const tokens = findTokens(text).map((found) => found.text);
  if (cache.size >= CACHE_MAX_ENTRIES) cache.clear();
  cache.set(key, { text, tokens });
  return tokens;
}

/**
 * `part` (a token cut out of `source`) as a string of its own when `source` is much
 * longer. V8 and SpiderMonkey keep a slice as a view of the string it was cut from, and sightings live as
 * long as the capture: one token in each 2 MB page of a HAR kept every page (200 such entries held
 * 400 MB after the capture), so memory grew with the file instead of its largest entry. Copying a token
 * cut from a text of about its size (an `Authorization` value) would only cost time.
 */
export function ownString(part: string, source: string): string {
  // Concatenation makes a new string; slicing it flattens that into one of `part`'s size (+1).
  return source.length > 2 * part.length + 64 ? ` ${part}`.slice(1) : part;
}

export interface SightingSink {
  /** Records every token found in `text` as seen at `where` under `name`. */
  add(where: Where, name: string, text: string, cookie?: CookieAttributes): void;
  /**
   * Adds recorded cookie flags to a sighting of the same cookie already made from the raw header, when
   * the value is exactly that token; returns false when there is none (then `add` the value instead).
   */
  attachCookie(where: Where, name: string, value: string, cookie: CookieAttributes | undefined): boolean;
  /** Records one token already cut out of its text by `findTokens`. */
  addToken(where: Where, name: string, tokenText: string, cookie?: CookieAttributes): void;
  /**
   * Records `value` as an opaque token when it is one (`isOpaqueTokenText`); the caller has checked that
   * the place names a token. A JWT is left to `add`.
   */
  addOpaque(where: Where, name: string, value: string, cookie?: CookieAttributes): void;
  readonly sightings: Sighting[];
  /** True once `MAX_SIGHTINGS_PER_ENTRY` was reached and further tokens were dropped. */
  readonly overflowed: boolean;
}

/**
 * Collects the sightings of one entry, deduplicated on (where, name, token): the `Cookie` header and
 * HAR `cookies[]` (or `Set-Cookie` and `response.cookies[]`) usually record the same cookie twice.
 */
export function createSightingSink(context: EntryContext, cache?: FindCache): SightingSink {
  return new EntrySightings(context, cache);
}

/**
 * A class, not an object of closures: one is made per entry, and an object literal with a getter and
 * five closures cost about 1 us to make (10 ms of a 10,000-entry HAR).
 */
class EntrySightings implements SightingSink {
  readonly sightings: Sighting[] = [];
  #overflowed = false;
  readonly #context: EntryContext;
  readonly #cache: FindCache | undefined;

  constructor(context: EntryContext, cache: FindCache | undefined) {
    this.#context = context;
    this.#cache = cache;
  }

  get overflowed(): boolean {
    return this.#overflowed;
  }

  add(where: Where, name: string, text: string, cookie?: CookieAttributes): void {
    // Cheap gate: every JWS/JWE header starts with `{"` → base64url `eyJ`; most values never get further.
    if (text.indexOf('eyJ') < 0) return;
    for (const token of tokensIn(text, this.#cache))
      this.#record(where, name, ownString(token, text), cookie);
  }

  addToken(where: Where, name: string, tokenText: string, cookie?: CookieAttributes): void {
    this.#record(where, name, tokenText, cookie);
  }

  addOpaque(where: Where, name: string, value: string, cookie?: CookieAttributes): void {
    if (isOpaqueTokenText(value)) this.#record(where, name, value, cookie, true);
  }

  attachCookie(where: Where, name: string, value: string, cookie: CookieAttributes | undefined): boolean {
    const seen = find(this.sightings, where, name, value);
    if (!seen) return false;
    if (cookie && !seen.cookie) seen.cookie = cookie;
    return true;
  }

  #record(where: Where, name: string, tokenText: string, cookie?: CookieAttributes, opaque?: true): void {
    const sightings = this.sightings;
    // Full first: once capped, searching 1,000 sightings for every further token would go quadratic.
    if (sightings.length >= MAX_SIGHTINGS_PER_ENTRY) {
      this.#overflowed = true;
      return;
    }
    const seen = find(sightings, where, name, tokenText);
    if (seen) {
      if (cookie && !seen.cookie) seen.cookie = cookie;
      return;
    }
    const sighting = createSighting(this.#context, sightings.length, where, name, tokenText);
    if (cookie) sighting.cookie = cookie;
    if (opaque) sighting.opaque = true;
    sightings.push(sighting);
  }
}

/** Dedupe by linear search: entries hold a handful of sightings, and hashing long keys cost more. */
function find(
  sightings: readonly Sighting[],
  where: Where,
  name: string,
  tokenText: string,
): Sighting | undefined {
  for (const s of sightings) if (s.tokenText === tokenText && s.where === where && s.name === name) return s;
  return undefined;
}

function createSighting(
  context: EntryContext,
  n: number,
  where: Where,
  name: string,
  tokenText: string,
): Sighting {
  const sighting: Sighting = {
    id: `${context.requestId}:${n}`,
    tokenText,
    where,
    name,
    url: context.url,
    method: context.method,
    status: context.status,
    scheme: context.scheme,
    startedAt: context.startedAt,
    requestId: context.requestId,
  };
  if (context.initiatorOrigin !== undefined) sighting.initiatorOrigin = context.initiatorOrigin;
  if (RESPONSE_SIDE.has(where)) sighting.responseCacheControl = context.responseCacheControl;
  return sighting;
}
