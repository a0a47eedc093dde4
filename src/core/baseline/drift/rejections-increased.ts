import type { TokenUse } from '../../lifecycle/types';
import type { CaptureHit, TokenRecord } from '../../types';
import { createTally, responsesOf, tallyUse } from '../responses';
import type { TokenProfile } from '../types';
import { recordsByProfile } from './by-profile';
import { driftHit, expected, listed, profileName, seen } from './drift-parts';
import type { DriftContext, DriftRule } from './types';

/** Fewer rejections than this prove nothing: an expired token or two in any session is normal. */
const MIN_REJECTED = 3;
/** The share must also rise by at least this much (ten points), not only by the factor. */
const MIN_RISE = 0.1;

function percent(share: number): string {
  return `${Math.round(share * 1000) / 10} %`;
}

/** What the servers answered to uses of a profile's tokens, tallied as learning tallies it. */
function answersOf(records: readonly TokenRecord[], ctx: DriftContext) {
  const fingerprints = new Set(records.map((r) => r.token.fingerprint));
  const tally = createTally();
  const rejected: TokenUse[] = [];
  for (const use of ctx.result.lifecycle.uses) {
    if (!fingerprints.has(use.fingerprint)) continue;
    tallyUse(tally, use);
    if (use.verdict.verdict === 'rejected') rejected.push(use);
  }
  return { responses: responsesOf(tally), rejected };
}

function checkProfile(profile: TokenProfile, records: readonly TokenRecord[], ctx: DriftContext) {
  const learned = profile.responses;
  if (!learned || !Number.isFinite(learned.rejectedShare)) return undefined;
  const { responses, rejected } = answersOf(records, ctx);
  if (!responses || rejected.length < MIN_REJECTED) return undefined;
  const share = responses.rejectedShare;
  const was = Math.max(0, learned.rejectedShare);
  if (!(share > was * ctx.thresholds.rejectionRateFactor) || share - was < MIN_RISE) return undefined;
  const first = rejected[0] as TokenUse;
  const record = records.find((r) => r.token.fingerprint === first.fingerprint) as TokenRecord;
  const codes = [...new Set(rejected.map((u) => u.verdict.error).filter((e): e is string => !!e))];
  const newCodes = codes.filter((c) => !learned.errorCodes.includes(c));
  const said = newCodes.length > 0 ? `; new error codes: ${listed(newCodes)}` : '';
  return driftHit(
    'drift-rejections-increased',
    record,
    `${rejected.length} of ${responses.uses} uses of ${profileName(profile)} were rejected (${percent(share)}); the baseline rejected ${percent(was)}${said}.`,
    [
      expected(
        `${percent(was)} rejected of ${learned.uses} uses${learned.errorCodes.length > 0 ? ` (${listed(learned.errorCodes)})` : ''}`,
      ),
      seen(
        `${percent(share)} rejected of ${responses.uses} uses${codes.length > 0 ? ` (${listed(codes)})` : ''}`,
      ),
    ],
    { sightingIds: rejected.filter((u) => u.fingerprint === first.fingerprint).map((u) => u.sightingId) },
  );
}

/**
 * `drift-rejections-increased` (low): the servers reject a far larger share of a profile's token uses
 * than in the baseline (more than `drift.rejectionRateFactor` times the learned share, ten points up, at
 * least three rejections): a key rollover the verifiers missed, a clock problem, or someone replaying
 * or forging tokens. Reported once per profile, on the token of the first rejection.
 */
export const checkRejectionsIncreased: DriftRule = (ctx) => {
  const out: CaptureHit[] = [];
  for (const [profile, records] of recordsByProfile(ctx.matches)) {
    const hit = checkProfile(profile, records, ctx);
    if (hit) out.push(hit);
  }
  return out;
};
