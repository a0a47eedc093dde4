import type { CaptureHit, Sighting, TokenRecord } from '../../types';
import { countRequests, describeRequest, firstDistinct, isPresented, isSuccess } from './sighting-facts';

/** Requests that presented the token and were answered 2xx: the server (apparently) accepted it. */
export function acceptedSightings(
  record: TokenRecord,
  when: (s: Sighting) => boolean = () => true,
): Sighting[] {
  return record.sightings.filter((s) => isPresented(s) && isSuccess(s.status) && when(s));
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
  return {
    ruleId,
    fingerprint: record.token.fingerprint,
    detail: `${what}; ${countRequests(accepted)} presenting it got a 2xx answer${example}, which suggests the server accepted it`,
    evidence: firstDistinct(accepted, describeRequest, 5).map((value) => ({
      label: 'accepted request',
      value,
    })),
    sightingIds: accepted.map((s) => s.id),
  };
}
