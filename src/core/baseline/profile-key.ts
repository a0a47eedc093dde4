import type { Sighting, TokenRecord } from '../types';
import { compareText } from './order';
import { claimsOf } from './token-facts';
import type { BaselinePurpose, TokenProfile } from './types';

/** What identifies a profile: the issuer and purpose of its tokens, and for opaque tokens their place. */
export type ProfileKey = Pick<TokenProfile, 'issuer' | 'purpose' | 'place'>;

/** Header names are case-insensitive (RFC 9110 §5.1): one carrier whatever the spelling. */
const CASELESS_NAMES: ReadonlySet<string> = new Set(['request-header', 'response-header']);

/**
 * The name a baseline keeps for a sighting's place: header names in lower case, a URL path reduced to its
 * shape (`/*\/*\/{token}`: a path may hold user ids or e-mail addresses, never copied), a pasted or listed
 * token named by nothing (its file and line are not a place in traffic).
 */
export function carrierName(sighting: Sighting): string {
  if (sighting.where === 'path') return sighting.name.replace(/[^/]+/g, (s) => (s === '{token}' ? s : '*'));
  if (sighting.where === 'input') return '';
  return CASELESS_NAMES.has(sighting.where) ? sighting.name.toLowerCase() : sighting.name;
}

/** `request-header:authorization`: where and name of a sighting's place, as a baseline writes it. */
export function placeOf(sighting: Sighting): string {
  return `${sighting.where}:${carrierName(sighting)}`;
}

/**
 * The baseline purpose of a token: `opaque` for reference tokens, else its guessed purpose (DPoP proofs,
 * logout tokens and tokens of unknown purpose are `other`).
 */
export function baselinePurposeOf(record: TokenRecord): BaselinePurpose {
  if (record.token.kind === 'opaque') return 'opaque';
  const { purpose } = record;
  return purpose === 'access' || purpose === 'id' || purpose === 'refresh' ? purpose : 'other';
}

/** `iss` of the claims a verifier acts on (the inner ones of a nested JWT); `''` when absent or not a string. */
export function issuerOf(record: TokenRecord): string {
  const iss = claimsOf(record)?.iss;
  return typeof iss === 'string' ? iss : '';
}

/**
 * The profile a token belongs to, or `undefined` for a token a baseline says nothing about: a malformed
 * copy (a HAR that cut a token short). JWTs go by issuer (`iss` of the claims a verifier acts on, the inner
 * ones of a nested JWT; `''` when absent or not a string) and purpose; opaque tokens by the place of their
 * first sighting. Learning and drift both call this, so a token is compared with the profile it was
 * learned into.
 */
export function profileKeyOf(record: TokenRecord): ProfileKey | undefined {
  const { token } = record;
  if (token.kind === 'malformed') return undefined;
  if (token.kind === 'opaque') {
    const first = record.sightings[0];
    return { issuer: '', purpose: 'opaque', place: first ? placeOf(first) : '' };
  }
  return { issuer: issuerOf(record), purpose: baselinePurposeOf(record) };
}

/** One string per profile key, for maps. */
export function profileKeyText(key: ProfileKey): string {
  return `${key.issuer}\u0000${key.purpose}\u0000${key.place ?? ''}`;
}

/** Profiles order: issuer, then purpose, then place. */
export function compareProfileKeys(a: ProfileKey, b: ProfileKey): number {
  return (
    compareText(a.issuer, b.issuer) ||
    compareText(a.purpose, b.purpose) ||
    compareText(a.place ?? '', b.place ?? '')
  );
}
