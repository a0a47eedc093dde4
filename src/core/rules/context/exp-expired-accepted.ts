import type { CaptureHit, CaptureRule, Sighting } from '../../types';
import { effectiveClaims } from '../token/token-parts';
import { acceptedHit, acceptedSightings } from './accepted';
import { isPresented, isSuccess } from './sighting-facts';

/**
 * Seconds of clock skew forgiven before "expired" counts: RFC 7519 §4.1.4 allows a small leeway, and
 * client and server clocks (and HAR timestamps) drift.
 */
export const EXPIRY_LEEWAY_SECONDS = 60;

/** `2 h 5 min`, `3 d 4 h`, `45 s`. */
export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
  return `${Math.floor(s / 86400)} d ${Math.floor((s % 86400) / 3600)} h`;
}

function isAnsweredPresentation(s: Sighting): boolean {
  return isPresented(s) && isSuccess(s.status);
}

/** Seconds since the epoch of a sighting's request, or `undefined` when its time is unknown. */
function requestTime(s: Sighting): number | undefined {
  const ms = s.startedAt ? Date.parse(s.startedAt) : Number.NaN;
  return Number.isFinite(ms) ? ms / 1000 : undefined;
}

/**
 * `exp-expired-accepted` (high): a token whose `exp` had already passed when the request started (by
 * more than the leeway) was presented and answered 2xx. Judged against each request's own time, not the
 * audit's reference time. Needs claims (a nested JWT's inner ones): malformed tokens and JWEs are skipped.
 */
export const checkExpExpiredAccepted: CaptureRule = (records) => {
  const hits: CaptureHit[] = [];
  for (const record of records) {
    // A nested JWT expires when its inner token does.
    const exp = effectiveClaims(record.token)?.exp;
    if (typeof exp !== 'number' || !Number.isFinite(exp)) continue;
    // Most tokens were never presented with a 2xx answer: skip the per-token closure and list for them.
    if (!record.sightings.some(isAnsweredPresentation)) continue;
    const late = (s: Sighting) => {
      const t = requestTime(s);
      return t !== undefined && t - exp > EXPIRY_LEEWAY_SECONDS;
    };
    const accepted = acceptedSightings(record, late);
    const first = accepted[0];
    if (!first) continue;
    const overdue = formatDuration((requestTime(first) ?? exp) - exp);
    const expIso = Math.abs(exp) < 8.64e12 ? new Date(exp * 1000).toISOString() : `exp ${exp}`;
    hits.push(
      acceptedHit(
        'exp-expired-accepted',
        record,
        accepted,
        `expired at ${expIso}, presented ${overdue} later`,
      ),
    );
  }
  return hits;
};
