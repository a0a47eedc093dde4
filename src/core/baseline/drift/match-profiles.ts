import { claimsLayer } from '../../token/claims-layer';
import type { Sighting, TokenPurpose, TokenRecord } from '../../types';
import type { Baseline, BaselinePurpose, TokenProfile } from '../types';
import type { DriftMatch } from './types';

/** Audit purposes a baseline tells apart; logout tokens, DPoP proofs and unknown tokens are `other`. */
const PURPOSES: Readonly<Record<TokenPurpose, BaselinePurpose>> = {
  access: 'access',
  id: 'id',
  refresh: 'refresh',
  logout: 'other',
  dpop: 'other',
  unknown: 'other',
};

/** The baseline purpose of a token: `opaque` for reference tokens, else its guessed purpose. */
export function baselinePurposeOf(record: TokenRecord): BaselinePurpose {
  return record.token.kind === 'opaque' ? 'opaque' : PURPOSES[record.purpose];
}

/** `iss` of the token (of the layer whose claims a verifier reads), `''` when it has no string `iss`. */
export function issuerOf(record: TokenRecord): string {
  const iss = claimsLayer(record.token).claims?.iss;
  return typeof iss === 'string' ? iss : '';
}

/** Where a sighting is, as a profile's `place` names it: `request-header:authorization`. */
export function placeOf(s: Sighting): string {
  return `${s.where}:${s.name.toLowerCase()}`;
}

/** Kinds of token compared with the baseline: JWTs whose header decoded, and opaque tokens. */
function isComparable(record: TokenRecord): boolean {
  const { kind } = record.token;
  return kind === 'jws' || kind === 'unsecured' || kind === 'jwe' || kind === 'opaque';
}

function profilesOf(baseline: Baseline): readonly TokenProfile[] {
  return Array.isArray(baseline.profiles) ? baseline.profiles : [];
}

/** The profile an opaque token belongs to: the first whose place is one of the token's places. */
function opaqueProfile(record: TokenRecord, profiles: readonly TokenProfile[]): TokenProfile | undefined {
  const places = new Set(record.sightings.map(placeOf));
  return profiles.find((p) => p.purpose === 'opaque' && p.place !== undefined && places.has(p.place));
}

/**
 * Pairs each comparable token of the audit with its profile (same issuer and purpose; opaque tokens by
 * place), and lists the JWTs whose issuer the baseline never saw. A JWT whose issuer is known but whose
 * purpose has no profile is neither: the baseline says nothing about that kind of token, so nothing is
 * compared (a guessed purpose can differ between captures; a false drift costs more than a missed one).
 */
export function matchProfiles(
  records: readonly TokenRecord[],
  baseline: Baseline,
): { matches: DriftMatch[]; unknownIssuers: TokenRecord[] } {
  const profiles = profilesOf(baseline);
  const byKey = new Map<string, TokenProfile>();
  const issuers = new Set<string>();
  for (const p of profiles) {
    if (p.purpose === 'opaque') continue;
    const key = `${p.purpose}\u0000${p.issuer}`;
    if (!byKey.has(key)) byKey.set(key, p);
    issuers.add(p.issuer);
  }
  const matches: DriftMatch[] = [];
  const unknownIssuers: TokenRecord[] = [];
  for (const record of records) {
    if (!isComparable(record)) continue;
    const purpose = baselinePurposeOf(record);
    const profile =
      purpose === 'opaque'
        ? opaqueProfile(record, profiles)
        : byKey.get(`${purpose}\u0000${issuerOf(record)}`);
    if (profile) matches.push({ record, profile });
    else if (purpose !== 'opaque' && !issuers.has(issuerOf(record))) unknownIssuers.push(record);
  }
  return { matches, unknownIssuers };
}
