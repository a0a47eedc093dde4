import type { TokenRecord } from '../../types';
import { profileKeyOf, profileKeyText } from '../profile-key';
import type { Baseline, TokenProfile } from '../types';
import type { DriftMatch } from './types';

function profilesOf(baseline: Baseline): readonly TokenProfile[] {
  return Array.isArray(baseline.profiles) ? baseline.profiles : [];
}

/**
 * Pairs each token of the audit with the profile `learnBaseline` would have learned it into
 * (`profileKeyOf`: same issuer and purpose; opaque tokens, same place of first sighting), and lists the
 * JWTs whose issuer the baseline never saw. A JWT whose issuer is known but whose purpose has no profile
 * is neither: the baseline says nothing about that kind of token, so nothing is compared (a guessed
 * purpose can differ between captures; a false drift costs more than a missed one). Malformed copies
 * have no profile and are never compared.
 */
export function matchProfiles(
  records: readonly TokenRecord[],
  baseline: Baseline,
): { matches: DriftMatch[]; unknownIssuers: TokenRecord[] } {
  const byKey = new Map<string, TokenProfile>();
  const issuers = new Set<string>();
  for (const p of profilesOf(baseline)) {
    // A place means something only for opaque tokens: a hand-written one on a JWT profile is ignored.
    const text = profileKeyText(p.purpose === 'opaque' ? p : { issuer: p.issuer, purpose: p.purpose });
    if (!byKey.has(text)) byKey.set(text, p);
    if (p.purpose !== 'opaque') issuers.add(p.issuer);
  }
  const matches: DriftMatch[] = [];
  const unknownIssuers: TokenRecord[] = [];
  for (const record of records) {
    const key = profileKeyOf(record);
    if (!key) continue;
    const profile = byKey.get(profileKeyText(key));
    if (profile) matches.push({ record, profile });
    else if (key.purpose !== 'opaque' && !issuers.has(key.issuer)) unknownIssuers.push(record);
  }
  return { matches, unknownIssuers };
}
