import type { LifecycleRule } from '../../lifecycle/types';
import type { CaptureHit } from '../../types';
import { describeUse } from './lifecycle-facts';
import { createRuleIndex } from './rule-index';

/**
 * `sig-invalid-accepted` (critical): a token whose signature does not verify with its issuer's keys seen
 * in traffic (`sig-invalid`, found by the signature checks outside the auditor and handed to the rules as
 * `signatures`) was presented and accepted. A server that accepts such a token does not check signatures:
 * anyone can mint tokens with any claims (RFC 7515 §5.2, RFC 8725 §3.1, ASVS 9.1.1). Until the signature
 * checks have run, `signatures` is absent and this rule is silent.
 */
export const checkSigInvalidAccepted: LifecycleRule = (model, records, _policy, signatures, index) => {
  if (!signatures || signatures.invalid.size === 0) return [];
  const { sightingOf, events, uses: byToken } = index ?? createRuleIndex(model, records);
  const hits: CaptureHit[] = [];
  for (const [fingerprint, uses] of byToken) {
    if (!signatures.invalid.has(fingerprint)) continue;
    const accepted = uses.filter((use) => use.verdict.verdict === 'accepted' && !events.has(use.requestId));
    const first = accepted[0];
    if (!first) continue;
    hits.push({
      ruleId: 'sig-invalid-accepted',
      fingerprint,
      detail:
        `the token's signature does not verify with its issuer's keys seen in traffic, yet ` +
        `${accepted.length === 1 ? '1 request' : `${accepted.length} requests`} presenting it ` +
        `${accepted.length === 1 ? 'was' : 'were'} accepted (${describeUse(first, sightingOf(first.sightingId))}; request time)`,
      evidence: accepted
        .slice(0, 5)
        .map((use) => ({ label: 'accepted', value: describeUse(use, sightingOf(use.sightingId)) })),
      sightingIds: accepted.map((use) => use.sightingId),
    });
  }
  return hits;
};
