import type { CaptureHit, CaptureRule } from '../../types';
import { usableClaims } from '../token/token-parts';
import { hostOf, isPresented, listNames, unique } from './sighting-facts';

/**
 * `aud-missing` escalated to high, capture-wide: a token without `aud` was presented to two or more hosts,
 * so each of them could replay it at the others (RFC 8725 §2.7, §3.9). The token rule reports the bare
 * absence; this hit only adds the evidence and the higher severity.
 */
export const checkAudMissingMultiHost: CaptureRule = (records) => {
  const hits: CaptureHit[] = [];
  for (const record of records) {
    // The claims rules judge: those of a well-formed JWS, or of one broken only in its signature.
    const claims = usableClaims(record.token);
    if (!claims || 'aud' in claims) continue;
    const presented = record.sightings.filter((s) => isPresented(s) && hostOf(s));
    const hosts = unique(presented.map(hostOf));
    if (hosts.length < 2) continue;
    hits.push({
      ruleId: 'aud-missing',
      severity: 'high',
      fingerprint: record.token.fingerprint,
      detail: `no aud claim, and the same token was presented to ${hosts.length} hosts (${listNames(hosts)}): any of them can replay it at the others`,
      evidence: hosts.slice(0, 5).map((value) => ({ label: 'host', value })),
      sightingIds: presented.map((s) => s.id),
    });
  }
  return hits;
};
