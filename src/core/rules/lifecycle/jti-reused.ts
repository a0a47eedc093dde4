import type { LifecycleRule } from '../../lifecycle/types';
import { claimsLayer } from '../../token/claims-layer';
import type { CaptureHit, TokenRecord } from '../../types';
import { maskValue } from '../pii/mask';
import { soundClaims } from './lifecycle-facts';

/** The first time a token was seen, for the detail (`time unknown` when none is known). */
function firstSeen(record: TokenRecord): string {
  for (const s of record.sightings) if (s.startedAt) return s.startedAt;
  return 'time unknown';
}

/**
 * `jti-reused` (medium): two distinct well-formed tokens from one issuer carry the same `jti`. RFC 7519
 * §4.1.7: the identifier must be unique to one token, or a replay cache (and a per-token deny list) cannot
 * tell them apart: either the issuer does not make ids unique, or a token was re-signed with another's
 * claims. Issuer-less tokens are skipped: two issuers may each use `1`. Malformed copies (a token cut
 * short in a HAR) are skipped, and a nested JWT counts as its inner token: the same token, not a second one.
 */
export const checkJtiReused: LifecycleRule = (_model, records) => {
  const byKey = new Map<string, TokenRecord[]>();
  for (const record of records) {
    const claims = soundClaims(record);
    const jti = claims?.jti;
    const iss = claims?.iss;
    if (typeof jti !== 'string' || jti === '' || typeof iss !== 'string' || iss === '') continue;
    const key = `${iss}\u0000${jti}`;
    const group = byKey.get(key);
    if (!group) {
      byKey.set(key, [record]);
      continue;
    }
    // A nested JWT and its inner token seen alone are one token, not two.
    const layer = claimsLayer(record.token).text;
    if (!group.some((other) => claimsLayer(other.token).text === layer)) group.push(record);
  }
  const hits: CaptureHit[] = [];
  for (const group of byKey.values()) {
    if (group.length < 2) continue;
    const claims = soundClaims(group[0] as TokenRecord) ?? {};
    const jti = String(claims.jti);
    for (const record of group) {
      const others = group.filter((other) => other !== record);
      hits.push({
        ruleId: 'jti-reused',
        fingerprint: record.token.fingerprint,
        detail:
          `jti ${maskValue(jti)} of issuer ${String(claims.iss)} is carried by ${group.length} distinct tokens: ` +
          `this one (first seen ${firstSeen(record)}) and ${others
            .slice(0, 3)
            .map((o) => `${o.token.fingerprint} (first seen ${firstSeen(o)})`)
            .join(', ')}${others.length > 3 ? ` and ${others.length - 3} more` : ''}`,
        evidence: [
          { label: 'jti', value: maskValue(jti), raw: jti },
          ...others.slice(0, 5).map((o) => ({ label: 'same jti in token', value: o.token.fingerprint })),
        ],
      });
    }
  }
  return hits;
};
