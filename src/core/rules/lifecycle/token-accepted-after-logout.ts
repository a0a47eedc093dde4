import type { LifecycleEvent, LifecycleRule, TokenUse } from '../../lifecycle/types';
import { useSeconds } from '../../lifecycle/uses';
import type { CaptureHit } from '../../types';
import { formatDuration } from '../token/format-duration';
import { describeUse, effectiveSince, type SightingLookup, secondsOf, skewOf } from './lifecycle-facts';
import { createRuleIndex } from './rule-index';

/** Uses accepted once the event had taken effect (see `effectiveFrom`). */
function lateAcceptances(
  event: LifecycleEvent,
  byToken: ReadonlyMap<string, TokenUse[]>,
  skew: number,
  events: ReadonlySet<string>,
): Map<string, TokenUse[]> {
  const out = new Map<string, TokenUse[]>();
  const from = effectiveSince(event, skew);
  if (from === undefined) return out;
  for (const fingerprint of new Set(event.covers)) {
    const late = (byToken.get(fingerprint) ?? []).filter((use) => {
      const t = useSeconds(use);
      return use.verdict.verdict === 'accepted' && !events.has(use.requestId) && t !== undefined && t > from;
    });
    if (late.length > 0) out.set(fingerprint, late);
  }
  return out;
}

/**
 * `token-accepted-after-logout` (high): a logout or revocation that covered the token succeeded, and a
 * request started more than the skew later presenting it (or a token of its family) was accepted. RFC 7009
 * §2.2: a revoked token is invalid from then on; ASVS 7.4.1: ending a session must end its self-contained
 * tokens too. A logout followed by a rejection is the healthy case. Request times on both sides: one clock.
 */
export const checkTokenAcceptedAfterLogout: LifecycleRule = (model, records, policy, _signatures, index) => {
  if (!model.events.some((event) => event.succeeded)) return [];
  const skew = skewOf(model, policy);
  const { events, sightingOf, uses: byToken } = index ?? createRuleIndex(model, records);
  const hits: CaptureHit[] = [];
  const reported = new Set<string>();
  // Logouts first: a logout that presented the token speaks for it more plainly than a revocation of its
  // refresh token, which ends the access tokens of its grant only when the server can (RFC 7009 §2.1).
  const ordered = [
    ...model.events.filter((e) => e.kind === 'logout'),
    ...model.events.filter((e) => e.kind !== 'logout'),
  ];
  for (const event of ordered) {
    if (!event.succeeded) continue;
    for (const [fingerprint, uses] of lateAcceptances(event, byToken, skew, events)) {
      if (reported.has(fingerprint)) continue;
      reported.add(fingerprint);
      hits.push(afterEventHit(event, fingerprint, uses, sightingOf));
    }
  }
  return hits;
};

function afterEventHit(
  event: LifecycleEvent,
  fingerprint: string,
  uses: readonly TokenUse[],
  sightingOf: SightingLookup,
): CaptureHit {
  const first = uses[0] as TokenUse;
  const gap = (useSeconds(first) ?? 0) - (secondsOf(event.at) ?? 0);
  const what = event.kind === 'revocation' ? 'revocation' : 'logout';
  return {
    ruleId: 'token-accepted-after-logout',
    fingerprint,
    detail:
      `the ${what} (${event.how}, request ${event.requestId} at ${event.at}) succeeded, yet ` +
      `${uses.length === 1 ? '1 later request' : `${uses.length} later requests`} presenting the token ` +
      `${uses.length === 1 ? 'was' : 'were'} accepted, the first ${formatDuration(gap)} after it ` +
      `(${describeUse(first, sightingOf(first.sightingId))}; request time)`,
    evidence: [
      { label: what, value: `${event.at} ${event.how} at ${event.origin}` },
      ...uses
        .slice(0, 5)
        .map((use) => ({ label: 'accepted after', value: describeUse(use, sightingOf(use.sightingId)) })),
    ],
    sightingIds: uses.map((use) => use.sightingId),
  };
}
