import type { CaptureHit, CaptureRule, Sighting } from '../../types';
import { formatDuration, isoTime } from '../token/format-duration';
import { effectiveClaims } from '../token/token-parts';
import { clockEvidence, EXPIRY_LEEWAY_SECONDS, requestTimeOf } from '../use-clock';
import { acceptedHit, acceptedSightings } from './accepted';
import { isPresented, isSuccess } from './sighting-facts';

function isAnsweredPresentation(s: Sighting): boolean {
  return isPresented(s) && isSuccess(s.status);
}

/**
 * `exp-expired-accepted` (high): a token whose `exp` had already passed when the request started (by
 * more than the leeway) was presented and answered 2xx. Judged against each request's own time only:
 * a request with no known time says nothing about what the server accepted then. Needs claims (a nested
 * JWT's inner ones): malformed tokens and JWEs are skipped.
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
      const t = requestTimeOf(s);
      return t !== undefined && t - exp > EXPIRY_LEEWAY_SECONDS;
    };
    const accepted = acceptedSightings(record, late);
    const first = accepted[0];
    if (!first) continue;
    const overdue = formatDuration((requestTimeOf(first) ?? exp) - exp);
    // Claims are untrusted: an exp no Date can hold is shown as the number it is.
    const expText = isoTime(exp) === 'out of range' ? `exp ${exp}` : isoTime(exp);
    const what = `expired at ${expText}, presented ${overdue} later (request time)`;
    const hit = acceptedHit('exp-expired-accepted', record, accepted, what);
    hit.evidence = [...(hit.evidence ?? []), clockEvidence('request time')];
    hits.push(hit);
  }
  return hits;
};
