import { hostOf, isOnWire, isSentToServer } from '../rules/context/sighting-facts';
import { soundClaims } from '../rules/lifecycle/lifecycle-facts';
import type { TokenRecord } from '../types';
import { addCarrier, type CarrierSet } from './carriers';
import type { ProfileKey } from './profile-key';
import { canonicalTime, emptySpan, widenSpan } from './seen-span';
import type { ClaimType, SeenSpan } from './types';

/** Distinct values kept per list (claim names, key ids, hosts…): a hostile capture cannot grow a baseline without end. */
export const MAX_VALUES = 500;
/** Longer claim names, key ids, audiences are not learned: no real one comes near, a hostile one could. */
export const MAX_VALUE_LENGTH = 256;

/** What one profile has seen so far, token by token. */
export interface ProfileFacts {
  key: ProfileKey;
  fingerprints: Set<string>;
  algorithms: Map<string, SeenSpan>;
  keyIds: Map<string, SeenSpan>;
  types: Set<string>;
  /** Tokens whose claims could be read: a claim is `always` present when every one of them had it. */
  withClaims: number;
  claims: Map<string, { count: number; types: Set<ClaimType> }>;
  audiences: Set<string>;
  lifetimes: number[];
  hosts: Set<string>;
  transports: Set<string>;
  carriers: CarrierSet;
  /** Epoch ms of each token's first sighting with a time. */
  firstSeen: number[];
}

export function createProfileFacts(key: ProfileKey): ProfileFacts {
  return {
    key,
    fingerprints: new Set(),
    algorithms: new Map(),
    keyIds: new Map(),
    types: new Set(),
    withClaims: 0,
    claims: new Map(),
    audiences: new Set(),
    lifetimes: [],
    hosts: new Set(),
    transports: new Set(),
    carriers: new Map(),
    firstSeen: [],
  };
}

/** JSON type of a claim value. */
export function claimTypeOf(value: unknown): ClaimType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const type = typeof value;
  return type === 'string' || type === 'number' || type === 'boolean' ? type : 'object';
}

/** A string worth learning: not blank (a reviewer could not tell it from nothing), not absurdly long. */
function isLearnable(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_VALUE_LENGTH && value.trim() !== '';
}

/** Adds `value` when it is learnable and the set has room. */
function addBounded(set: Set<string>, value: unknown): void {
  if (!isLearnable(value)) return;
  if (set.size < MAX_VALUES || set.has(value)) set.add(value);
}

function spanFor(map: Map<string, SeenSpan>, value: unknown): SeenSpan | undefined {
  if (!isLearnable(value)) return undefined;
  let span = map.get(value);
  if (!span && map.size < MAX_VALUES) {
    span = emptySpan();
    map.set(value, span);
  }
  return span;
}

/** Learns one token: its header, claims, lifetime and every place it travelled. */
export function addRecord(facts: ProfileFacts, record: TokenRecord): void {
  const { token, sightings } = record;
  if (facts.fingerprints.has(token.fingerprint)) return;
  facts.fingerprints.add(token.fingerprint);
  const times = sightings.map((s) => canonicalTime(s.startedAt)).filter((t) => t !== '');
  const first = times.reduce((a, b) => (b < a ? b : a), times[0] ?? '');
  const last = times.reduce((a, b) => (b > a ? b : a), times[0] ?? '');
  if (first !== '') facts.firstSeen.push(Date.parse(first));
  const header = token.header;
  for (const [map, value] of [
    [facts.algorithms, header?.alg],
    [facts.keyIds, header?.kid],
  ] as const) {
    const span = spanFor(map, value);
    if (span) for (const at of [first, last]) widenSpan(span, at);
  }
  addBounded(facts.types, header?.typ);
  addClaims(facts, record);
  for (const s of sightings) {
    if (isSentToServer(s)) addBounded(facts.hosts, hostOf(s));
    if (isOnWire(s)) addBounded(facts.transports, s.scheme.toLowerCase());
    addCarrier(facts.carriers, s);
  }
}

/** Claim names and JSON types, audiences and the lifetime (`exp − iat`). */
function addClaims(facts: ProfileFacts, record: TokenRecord): void {
  const claims = soundClaims(record);
  if (!claims) return;
  facts.withClaims++;
  for (const [name, value] of Object.entries(claims)) {
    if (name.length > MAX_VALUE_LENGTH) continue;
    let seen = facts.claims.get(name);
    if (!seen) {
      if (facts.claims.size >= MAX_VALUES) continue;
      seen = { count: 0, types: new Set() };
      facts.claims.set(name, seen);
    }
    seen.count++;
    seen.types.add(claimTypeOf(value));
  }
  const aud = claims.aud;
  for (const audience of Array.isArray(aud) ? aud : [aud]) addBounded(facts.audiences, audience);
  const { exp, iat } = claims;
  if (typeof exp === 'number' && typeof iat === 'number' && Number.isFinite(exp - iat) && exp >= iat)
    facts.lifetimes.push(exp - iat);
}
