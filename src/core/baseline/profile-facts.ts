import type { TokenRecord } from '../types';
import { addCarrier, type CarrierSet } from './carriers';
import type { ProfileKey } from './profile-key';
import { canonicalTime, emptySpan, widenSpan } from './seen-span';
import {
  audiencesOfRecord,
  claimsOf,
  claimTypeOf,
  firstSeenMs,
  headerValue,
  isLearnable,
  isLearnableClaimName,
  lifetimeOf,
  MAX_VALUES,
  recipientHostOf,
  transportOf,
} from './token-facts';
import type { ClaimType, SeenSpan } from './types';

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
  const firstMs = firstSeenMs(record);
  if (firstMs !== undefined) facts.firstSeen.push(firstMs);
  for (const [map, value] of [
    [facts.algorithms, headerValue(record, 'alg')],
    [facts.keyIds, headerValue(record, 'kid')],
  ] as const) {
    const span = spanFor(map, value);
    if (span) for (const at of [first, last]) widenSpan(span, at);
  }
  addBounded(facts.types, headerValue(record, 'typ'));
  addClaims(facts, record);
  for (const s of sightings) {
    addBounded(facts.hosts, recipientHostOf(s));
    addBounded(facts.transports, transportOf(s));
    addCarrier(facts.carriers, s);
  }
}

/** Claim names and JSON types, audiences and the lifetime (`lifetimeOf`). */
function addClaims(facts: ProfileFacts, record: TokenRecord): void {
  const claims = claimsOf(record);
  if (!claims) return;
  facts.withClaims++;
  for (const [name, value] of Object.entries(claims)) {
    if (!isLearnableClaimName(name)) continue;
    let seen = facts.claims.get(name);
    if (!seen) {
      if (facts.claims.size >= MAX_VALUES) continue;
      seen = { count: 0, types: new Set() };
      facts.claims.set(name, seen);
    }
    seen.count++;
    seen.types.add(claimTypeOf(value));
  }
  for (const audience of audiencesOfRecord(record)) addBounded(facts.audiences, audience);
  const lifetime = lifetimeOf(record);
  if (lifetime !== undefined) facts.lifetimes.push(lifetime);
}
