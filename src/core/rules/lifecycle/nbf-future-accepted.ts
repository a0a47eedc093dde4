import type { LifecycleRule, TokenUse } from '../../lifecycle/types';
import { useSeconds } from '../../lifecycle/uses';
import type { CaptureHit } from '../../types';
import { formatDuration, isoTime } from '../token/format-duration';
import { createIssuerClocks, type IssuerClocks } from './issuer-clock';
import { describeUse, numericClaim, skewOf, soundClaims } from './lifecycle-facts';
import { createRuleIndex } from './rule-index';

/** The token's start of validity: `nbf`, else `iat` (RFC 7519 §4.1.5, §4.1.6). */
function startOf(claims: Record<string, unknown>): { at: number; claim: 'nbf' | 'iat' } | undefined {
  const nbf = numericClaim(claims, 'nbf');
  if (nbf !== undefined) return { at: nbf, claim: 'nbf' };
  const iat = numericClaim(claims, 'iat');
  return iat === undefined ? undefined : { at: iat, claim: 'iat' };
}

/** True for an accepted use whose request started before `t` (epoch seconds, browser clock). */
function acceptedBefore(use: TokenUse, t: number): boolean {
  const at = useSeconds(use);
  return use.verdict.verdict === 'accepted' && at !== undefined && at < t;
}

/**
 * `nbf-future-accepted` (high): a request presenting the token was accepted at a time before its `nbf`
 * (or, without one, its `iat`) by more than the skew, the request time put on the issuer's clock first
 * (`createIssuerClocks`). A token cannot be used before it exists, so with its own issuance in the capture
 * only an `nbf` later than `iat` can fire: a token issued for later, accepted early (RFC 7519 §4.1.5).
 */
export const checkNbfFutureAccepted: LifecycleRule = (model, records, policy, _signatures, index) => {
  // No token presented in a request (a token list): the record index is not built.
  if (model.uses.length === 0) return [];
  const { records: byFp, sightingOf, uses: byToken } = index ?? createRuleIndex(model, records);
  const skew = skewOf(model, policy);
  let clocks: IssuerClocks | undefined;
  const hits: CaptureHit[] = [];
  for (const [fingerprint, uses] of byToken) {
    const record = byFp.get(fingerprint);
    const claims = record && soundClaims(record);
    const start = claims && startOf(claims);
    if (!record || !start) continue;
    // An issuer clock is never behind the browser's and allows at least the skew: a token with no
    // accepted use more than the skew before its start cannot fire, and needs no clock.
    if (!uses.some((use) => acceptedBefore(use, start.at - skew))) continue;
    clocks ??= createIssuerClocks(model, byFp, skew);
    const clock = clocks(record);
    const lead = (use: TokenUse) => start.at - clock.at(useSeconds(use) ?? Number.NaN);
    const early = uses.filter((use) => use.verdict.verdict === 'accepted' && lead(use) > clock.tolerance);
    const first = early[0];
    if (!first) continue;
    hits.push({
      ruleId: 'nbf-future-accepted',
      fingerprint,
      detail:
        `${start.claim} is ${isoTime(start.at)}, yet a request ${formatDuration(lead(first))} earlier presenting ` +
        `the token was accepted (${describeUse(first, sightingOf(first.sightingId))}; ${clock.label}, ` +
        `${formatDuration(clock.tolerance)} of skew allowed)`,
      evidence: [
        { label: start.claim, value: isoTime(start.at) },
        ...early
          .slice(0, 5)
          .map((use) => ({ label: 'accepted early', value: describeUse(use, sightingOf(use.sightingId)) })),
        { label: 'clock', value: clock.label },
      ],
      sightingIds: early.map((use) => use.sightingId),
    });
  }
  return hits;
};
