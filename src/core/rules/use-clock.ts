import type { Sighting, TokenRecord } from '../types';
import { isPresented } from './context/sighting-facts';

/**
 * Seconds of clock skew forgiven before a use counts as after `exp` when the policy gives none:
 * RFC 7519 §4.1.4 allows "a small leeway", and the browser that wrote the request time, the issuer and
 * the server keep different clocks.
 */
export const EXPIRY_LEEWAY_SECONDS = 60;

/** The expiry leeway: the policy's `clockSkewSeconds` (the lifecycle rules' skew too), else the default. */
export function expiryLeeway(policy: { clockSkewSeconds?: unknown } | undefined): number {
  const skew = policy?.clockSkewSeconds;
  return typeof skew === 'number' && Number.isFinite(skew) && skew >= 0 ? skew : EXPIRY_LEEWAY_SECONDS;
}

/**
 * Seconds forgiven before `iat` or `nbf` counts as after a use. Wider than the expiry leeway: a token is
 * typically used the second it is issued, so a browser clock a few minutes behind the issuer's would
 * otherwise make every fresh token look used before it existed.
 */
export const START_SKEW_SECONDS = 300;

/**
 * The clock a time finding was judged on: a token seen in traffic is judged at its requests' own times
 * (a token found in web storage at the time of the scan); the reference time (`--now`, or the clock)
 * stands in for a sighting with no time (a pasted token, a token list) and for a token with no sighting.
 */
export type ClockName = 'request time' | 'storage scan time' | 'reference time';

/** A moment a token was seen, on the clock it was read from. */
export interface SeenAt {
  /** Seconds since the epoch. */
  at: number;
  clock: ClockName;
  /** The sighting seen then; `undefined` for a token with no sightings. */
  sighting: Sighting | undefined;
}

/** What `seenAfter` answers for the many tokens seen only while valid: one shared, frozen empty list. */
const NONE_SEEN: readonly SeenAt[] = Object.freeze([]);

/** `startedAt` read as epoch seconds per sighting (`NaN`: none): time rules ask for each sighting often. */
const TIMES = new WeakMap<Sighting, number>();

/**
 * Seconds since the epoch of the request a sighting came from, or `undefined` when no request time is
 * known: no or unreadable `startedAt`, or text the user typed in (`input`: the time of a paste is not a
 * time the token was used). Storage scans count: the token was held by the page at that time.
 */
export function requestTimeOf(s: Sighting): number | undefined {
  // No time to read: answered without the cache, whose WeakMap entry (one per sighting of a token list)
  // cost more than this test.
  if (s.where === 'input' || !s.startedAt) return undefined;
  let t = TIMES.get(s);
  if (t === undefined) {
    const ms = Date.parse(s.startedAt);
    t = Number.isFinite(ms) ? ms / 1000 : Number.NaN;
    TIMES.set(s, t);
  }
  return Number.isNaN(t) ? undefined : t;
}

/**
 * True when the token's time findings depend on the reference time: it has a sighting with no request
 * time, or no sighting. Otherwise they are fixed by its requests, whatever the clock says (the auditor
 * rebuilds those findings each minute only for tokens where this is true).
 */
export function usesReferenceTime(record: TokenRecord): boolean {
  const { sightings } = record;
  if (sightings.length === 0) return true;
  for (let i = 0; i < sightings.length; i++)
    if (requestTimeOf(sightings[i] as Sighting) === undefined) return true;
  return false;
}

/** When `s` was seen: its request (or storage scan) time, else the reference time `now`. */
function seenAt(s: Sighting, now: number): SeenAt {
  const at = requestTimeOf(s);
  return at === undefined
    ? { at: now, clock: 'reference time', sighting: s }
    : { at, clock: s.where === 'storage' ? 'storage scan time' : 'request time', sighting: s };
}

/** The earliest of the sightings `which` keeps (a sighting with no request time counts at `now`). */
function earliest(record: TokenRecord, now: number, which: (s: Sighting) => boolean): SeenAt | undefined {
  let first: SeenAt | undefined;
  for (const s of record.sightings) {
    if (!which(s)) continue;
    const at = requestTimeOf(s) ?? now;
    if (!first || at < first.at) first = seenAt(s, now);
  }
  return first;
}

const ANY = () => true;

/** The earliest moment the token was seen; a token with no sightings is seen at `now`. */
export function firstSeen(record: TokenRecord, now: number): SeenAt {
  return earliest(record, now, ANY) ?? { at: now, clock: 'reference time', sighting: undefined };
}

/**
 * The earliest use of the token: a request that presented it, or a sighting with no request time (a
 * pasted token is judged as used at `now`). `undefined` when it was only seen on its way to the client
 * (a token response, `Set-Cookie`, storage): a token issued for later has not been used early.
 */
export function firstUse(record: TokenRecord, now: number): SeenAt | undefined {
  if (record.sightings.length === 0) return { at: now, clock: 'reference time', sighting: undefined };
  return earliest(record, now, isUseOrUntimed);
}

/**
 * The sightings seen after `limit` (epoch seconds), each with its moment, in capture order; a token
 * with no sightings is seen at `now`.
 */
export function seenAfter(record: TokenRecord, now: number, limit: number): readonly SeenAt[] {
  if (record.sightings.length === 0)
    return now > limit ? [{ at: now, clock: 'reference time', sighting: undefined }] : NONE_SEEN;
  // Most tokens were used while valid: no list is made for them.
  let out: SeenAt[] | undefined;
  for (const s of record.sightings) {
    const at = requestTimeOf(s) ?? now;
    if (at <= limit) continue;
    if (!out) out = [];
    out.push(seenAt(s, now));
  }
  return out ?? NONE_SEEN;
}

function isUseOrUntimed(s: Sighting): boolean {
  return isPresented(s) || requestTimeOf(s) === undefined;
}

/** `used at` for a sighting that presented the token, `seen at` for one that did not (a response, storage). */
export function useVerb(moment: SeenAt): string {
  return moment.sighting && isPresented(moment.sighting) ? 'used' : 'seen';
}

/** The detail's note on the clock: `(request time)`, or `(reference time, no request time known)`… */
export function clockNote(moment: SeenAt): string {
  return moment.clock === 'reference time' ? '(reference time, no request time known)' : `(${moment.clock})`;
}

/** The evidence entry every time finding carries: `clock: request time`, `clock: reference time`… */
export function clockEvidence(clock: ClockName): { label: string; value: string } {
  return { label: 'clock', value: clock };
}
