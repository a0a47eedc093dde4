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

/** A token's (`iss`, `jti`) pair and the distinct tokens carrying it (the first one's index in the records). */
interface JtiGroup {
  at: number;
  records: TokenRecord[];
}

/**
 * The groups of two or more distinct tokens sharing an issuer and a `jti`, in order of their first token.
 * Keyed issuer then `jti` (no joined key string per token), and a pair's first token is kept as its index:
 * nearly every token has a `jti` of its own, and a group is made only when a second token comes.
 */
function sharedJtiGroups(records: readonly TokenRecord[]): TokenRecord[][] {
  // Per issuer, per jti: the index of the one token seen so far, or the group once a second one came.
  const byIssuer = new Map<string, Map<string, number | JtiGroup>>();
  const groups: JtiGroup[] = [];
  for (let i = 0; i < records.length; i++) {
    const record = records[i] as TokenRecord;
    const claims = soundClaims(record);
    const jti = claims?.jti;
    const iss = claims?.iss;
    if (typeof jti !== 'string' || jti === '' || typeof iss !== 'string' || iss === '') continue;
    let byJti = byIssuer.get(iss);
    if (!byJti) {
      byJti = new Map();
      byIssuer.set(iss, byJti);
    }
    const held = byJti.get(jti);
    if (held === undefined) {
      byJti.set(jti, i);
      continue;
    }
    // A nested JWT and its inner token seen alone are one token, not two.
    const layer = claimsLayer(record.token).text;
    const group = typeof held === 'number' ? { at: held, records: [records[held] as TokenRecord] } : held;
    if (group.records.some((other) => claimsLayer(other.token).text === layer)) continue;
    group.records.push(record);
    if (group !== held) {
      byJti.set(jti, group);
      groups.push(group);
    }
  }
  return groups.sort((a, b) => a.at - b.at).map((g) => g.records);
}

/**
 * `jti-reused` (medium): two distinct well-formed tokens from one issuer carry the same `jti`. RFC 7519
 * §4.1.7: the identifier must be unique to one token, or a replay cache (and a per-token deny list) cannot
 * tell them apart: either the issuer does not make ids unique, or a token was re-signed with another's
 * claims. Issuer-less tokens are skipped: two issuers may each use `1`. Malformed copies (a token cut
 * short in a HAR) are skipped, and a nested JWT counts as its inner token: the same token, not a second one.
 */
export const checkJtiReused: LifecycleRule = (_model, records) => {
  const hits: CaptureHit[] = [];
  for (const group of sharedJtiGroups(records)) {
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
