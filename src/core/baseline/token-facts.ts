import { lifetimeSeconds } from '../compliance/populations';
import { hostOf, isOnWire, isPresented } from '../rules/context/sighting-facts';
import { soundClaims } from '../rules/lifecycle/lifecycle-facts';
import { audiencesOf, usableHeader } from '../rules/token/token-parts';
import type { Sighting, TokenRecord } from '../types';
import type { ClaimType } from './types';

/**
 * The facts of a token and its sightings as a baseline holds them. Learning (`profile-facts.ts`) and the
 * drift rules (`drift/`) both read a token through these functions only, so what `learnBaseline` writes
 * is exactly what drift compares against: a capture learned and then scanned yields no drift.
 */

/** Distinct values kept per list (claim names, key ids, hosts…): a hostile capture cannot grow a baseline without end. */
export const MAX_VALUES = 500;
/** Longer claim names, key ids, audiences are not learned: no real one comes near, a hostile one could. */
export const MAX_VALUE_LENGTH = 256;

/**
 * A string a baseline can hold: not blank (a reviewer could not tell it from nothing), not absurdly long.
 * Drift compares only such values: one the baseline could never have learned is no change from it.
 */
export function isLearnable(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_VALUE_LENGTH && value.trim() !== '';
}

/** A claim name a baseline can hold (any, even blank, up to `MAX_VALUE_LENGTH`). */
export function isLearnableClaimName(name: string): boolean {
  return name.length <= MAX_VALUE_LENGTH;
}

/** A header member (`alg`, `kid`, `typ`) when the header is usable and the value learnable. */
export function headerValue(record: TokenRecord, name: 'alg' | 'kid' | 'typ'): string | undefined {
  const value = usableHeader(record.token)?.[name];
  return isLearnable(value) ? value : undefined;
}

/** The claims a baseline learns and compares: those a verifier acts on, of a well-formed token. */
export const claimsOf = soundClaims;

/** JSON type of a claim value. */
export function claimTypeOf(value: unknown): ClaimType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const type = typeof value;
  return type === 'string' || type === 'number' || type === 'boolean' ? type : 'object';
}

/** The learnable audiences of a token's `aud` claim. */
export function audiencesOfRecord(record: TokenRecord): string[] {
  return audiencesOf(claimsOf(record)?.aud).filter(isLearnable);
}

/**
 * The token's lifetime in seconds: `exp − iat` (`exp − nbf` without an `iat`), as the compliance view
 * reads it; `undefined` without sound claims or when it would be negative.
 */
export function lifetimeOf(record: TokenRecord): number | undefined {
  if (!claimsOf(record)) return undefined;
  const seconds = lifetimeSeconds(record);
  return seconds !== undefined && seconds >= 0 ? seconds : undefined;
}

/** The host a sighting presented the token to as a credential (not a `Referer` leak), or `''`. */
export function recipientHostOf(s: Sighting): string {
  return isPresented(s) ? hostOf(s) : '';
}

/** The URL scheme a sighting travelled over (`https`, `wss`…), or `''` for storage and pasted tokens. */
export function transportOf(s: Sighting): string {
  return isOnWire(s) ? s.scheme.toLowerCase() : '';
}

/** When the token was first seen (epoch ms), or `undefined` when no sighting has a readable time. */
export function firstSeenMs(record: TokenRecord): number | undefined {
  let first: number | undefined;
  for (const s of record.sightings) {
    const t = s.startedAt === '' ? Number.NaN : Date.parse(s.startedAt);
    if (Number.isFinite(t) && (first === undefined || t < first)) first = t;
  }
  return first;
}
