import type { CaptureHit, TokenRecord } from '../../types';
import { rangeOf } from '../seen-span';
import { minuteOfRange, minuteStart } from '../stats';
import { firstSeenMs } from '../token-facts';
import { recordsByProfile } from './by-profile';
import { driftHit, expected, profileName, seen } from './drift-parts';
import type { DriftRule } from './types';

type Range = { start: number; end: number };

/**
 * The busiest minute of first sightings, counted in minutes of the capture's time range as learning
 * counts them (`minuteOfRange`): its index, count and first token.
 */
export function peakMinute(
  records: readonly TokenRecord[],
  range: Range,
): { minute: number; count: number; first: TokenRecord } | undefined {
  const minutes = new Map<number, { count: number; first: TokenRecord; at: number }>();
  for (const record of records) {
    const at = firstSeenMs(record);
    if (at === undefined) continue;
    const minute = minuteOfRange(at, range);
    const slot = minutes.get(minute);
    if (!slot) minutes.set(minute, { count: 1, first: record, at });
    else {
      slot.count++;
      if (at < slot.at) Object.assign(slot, { first: record, at });
    }
  }
  let peak: { minute: number; count: number; first: TokenRecord } | undefined;
  for (const [minute, slot] of minutes)
    if (!peak || slot.count > peak.count || (slot.count === peak.count && minute < peak.minute))
      peak = { minute, count: slot.count, first: slot.first };
  return peak;
}

/**
 * `drift-issuance-rate` (low): in some minute of the capture far more tokens of a profile were issued
 * (first seen) than in any minute of the baseline: more than `drift.issuanceRateFactor` times its peak
 * (at least that many times one per minute). A client stuck in a refresh loop, or tokens minted in bulk.
 * Reported once per profile, on the first token of the busiest minute. A capture with no time range (a
 * token list) has no rate, as learning has none.
 */
export const checkIssuanceRate: DriftRule = (ctx) => {
  const range = rangeOf(ctx.result.timeRange)?.ms;
  if (!range) return [];
  const out: CaptureHit[] = [];
  for (const [profile, records] of recordsByProfile(ctx.matches)) {
    const learned = profile.issuance;
    if (!learned || !Number.isFinite(learned.perMinuteMax)) continue;
    const peak = peakMinute(records, range);
    const limit = ctx.thresholds.issuanceRateFactor * Math.max(learned.perMinuteMax, 1);
    if (!peak || !(peak.count > limit)) continue;
    const from = new Date(minuteStart(peak.minute, range)).toISOString().replace(/(?::00)?\.000Z$/, 'Z');
    out.push(
      driftHit(
        'drift-issuance-rate',
        peak.first,
        `${peak.count} ${profileName(profile)} first seen in the minute from ${from}; the baseline’s busiest minute had ${learned.perMinuteMax} (median ${learned.perMinuteMedian} per minute).`,
        [
          expected(`at most ${learned.perMinuteMax} per minute (median ${learned.perMinuteMedian})`),
          seen(`${peak.count} in the minute from ${from}`),
        ],
      ),
    );
  }
  return out;
};
