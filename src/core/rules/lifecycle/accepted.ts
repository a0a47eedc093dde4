import type { LifecycleModel, TokenUse } from '../../lifecycle/types';
import type { CaptureHit, Sighting, TokenRecord } from '../../types';
import { countRequests, describeRequest, firstDistinct, isSuccess } from '../context/sighting-facts';
import { createRuleIndex, type RuleIndex } from './rule-index';

/** A token the servers accepted, with the uses they accepted, in request order. */
export interface AcceptedToken {
  record: TokenRecord;
  uses: TokenUse[];
}

/**
 * The tokens `which` keeps that the model says a server accepted at least once (issue 13: 2xx, or a
 * redirect elsewhere than a login page), with those uses, in order of their first accepted use (the
 * first record of each fingerprint).
 */
export function acceptedTokens(
  model: LifecycleModel,
  records: readonly TokenRecord[],
  which: (record: TokenRecord) => boolean,
  index: RuleIndex = createRuleIndex(model, records),
): AcceptedToken[] {
  const out: AcceptedToken[] = [];
  const { accepted } = index;
  // Nothing accepted (a token list, a capture without responses): the record index is not built.
  if (accepted.size === 0) return out;
  const recordOf = index.firstRecords;
  accepted.forEach((uses, fingerprint) => {
    const record = recordOf.get(fingerprint);
    if (record && which(record)) out.push({ record, uses });
  });
  return out;
}

/** The sightings of `uses`, found in the record (uses whose sighting was dropped are skipped). */
export function sightingsOf(record: TokenRecord, uses: readonly TokenUse[]): Sighting[] {
  const ids = new Set(uses.map((u) => u.sightingId));
  return record.sightings.filter((s) => ids.has(s.id));
}

/** The hit for an "accepted" escalation: which requests, answered how. */
export function acceptedHit(
  ruleId: string,
  record: TokenRecord,
  accepted: Sighting[],
  what: string,
): CaptureHit {
  const first = accepted[0];
  const example = first ? ` (${describeRequest(first)})` : '';
  const answer = accepted.every((s) => isSuccess(s.status))
    ? 'got a 2xx answer'
    : 'got an answer that accepted it (2xx, or a redirect elsewhere than a login page)';
  return {
    ruleId,
    fingerprint: record.token.fingerprint,
    detail: `${what}; ${countRequests(accepted)} presenting it ${answer}${example}, which suggests the server accepted it`,
    evidence: firstDistinct(accepted, describeRequest, 5).map((value) => ({
      label: 'accepted request',
      value,
    })),
    sightingIds: accepted.map((s) => s.id),
  };
}
