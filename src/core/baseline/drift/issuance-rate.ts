import type { CaptureHit, TokenRecord } from '../../types';
import { recordsByProfile } from './by-profile';
import { driftHit, expected, profileName, seen } from './drift-parts';
import type { DriftRule } from './types';

const MINUTE_MS = 60_000;

/** When the token was first seen (ms since the epoch), or `undefined` when no sighting has a time. */
function firstSeenMs(record: TokenRecord): number | undefined {
  let first: number | undefined;
  for (const s of record.sightings) {
    const t = s.startedAt === '' ? Number.NaN : Date.parse(s.startedAt);
    if (!Number.isNaN(t) && (first === undefined || t < first)) first = t;
  }
  return first;
}

/** The busiest minute of first sightings (clock minutes): its start, count and first token. */
export function peakMinute(
  records: readonly TokenRecord[],
): { minute: number; count: number; first: TokenRecord } | undefined {
  const minutes = new Map<number, { count: number; first: TokenRecord; at: number }>();
  for (const record of records) {
    const at = firstSeenMs(record);
    if (at === undefined) continue;
    const minute = Math.floor(at / MINUTE_MS);
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
 * Reported once per profile, on the first token of the busiest minute.
 */
export const checkIssuanceRate: DriftRule = (ctx) => {
  const out: CaptureHit[] = [];
  for (const [profile, records] of recordsByProfile(ctx.matches)) {
    const learned = profile.issuance;
    if (!learned || !Number.isFinite(learned.perMinuteMax)) continue;
    const peak = peakMinute(records);
    const limit = ctx.thresholds.issuanceRateFactor * Math.max(learned.perMinuteMax, 1);
    if (!peak || !(peak.count > limit)) continue;
    const from = new Date(peak.minute * MINUTE_MS).toISOString().replace(':00.000Z', 'Z');
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
