import { parseUrlOrPath } from '../capture/url-parts';
import { isLoginRedirect } from '../lifecycle/verdict';
import type { ProbeVerdict, ResponseShape } from './types';

/** Statuses that refuse a credential outright (RFC 6750 §3.1: 400 invalid_request, 401 invalid_token, 403). */
const REFUSALS = new Set([400, 401, 403]);
/** Share of JSON keys two answers must have in common to be the same kind of answer. */
const KEY_SIMILARITY = 0.75;

const isRedirect = (s: ResponseShape) => s.status >= 300 && s.status < 400;

/** A redirect to a login, sign-in or authorization page: the server wants a new sign-in. */
export function isLoginAnswer(shape: ResponseShape): boolean {
  return isRedirect(shape) && shape.location !== undefined && isLoginRedirect(shape.location);
}

/**
 * True when an answer is a success for the request as captured: a 2xx, or a redirect that is not to a
 * login page (as the lifecycle verdicts read traffic). A baseline that is not accepted ends the run.
 */
export function isAcceptedAnswer(shape: ResponseShape): boolean {
  if (shape.status >= 200 && shape.status < 300) return true;
  return isRedirect(shape) && shape.location !== undefined && !isLoginRedirect(shape.location);
}

function keysAlike(a: readonly string[], b: readonly string[]): boolean {
  if (a.length === 0 || b.length === 0) return a.length === b.length;
  const set = new Set(a);
  const common = b.filter((key) => set.has(key)).length;
  return common / (a.length + b.length - common) >= KEY_SIMILARITY;
}

/** Two length buckets at most one power of two apart (or both empty). */
function lengthsAlike(a: number, b: number): boolean {
  if (a === 0 || b === 0) return a === b;
  const ratio = a > b ? a / b : b / a;
  return ratio <= 2;
}

function redirectPath(shape: ResponseShape): string {
  return shape.location === undefined ? '' : parseUrlOrPath(shape.location).path;
}

/** The same kind of answer: status, content type, JSON keys, length bucket, and for a redirect where it goes. */
export function sameAnswer(a: ResponseShape, b: ResponseShape): boolean {
  return (
    a.status === b.status &&
    a.contentType === b.contentType &&
    keysAlike(a.jsonKeys, b.jsonKeys) &&
    lengthsAlike(a.lengthBucket, b.lengthBucket) &&
    (!isRedirect(a) || redirectPath(a) === redirectPath(b))
  );
}

/**
 * Judges one probe's answer against the baseline's (the token as captured, accepted) and the negative
 * control's (no token, refused), never on the status alone: `accepted` when it is the baseline's kind of
 * answer and not the negative control's; `rejected` for a 400/401/403, a redirect to a login page, or
 * the negative control's kind of answer; `inconclusive` for anything else (no response, 5xx, a 200 login
 * page when the API answered JSON), and for every probe when the baseline was not accepted or the
 * endpoint answers the same with and without the token. Never throws.
 */
export function judgeProbe(
  baseline: ResponseShape,
  negative: ResponseShape,
  probe: ResponseShape,
): ProbeVerdict {
  try {
    return judge(baseline, negative, probe);
  } catch {
    // Shapes read back from a report file may lack fields: no judgement rather than an exception.
    return 'inconclusive';
  }
}

function judge(baseline: ResponseShape, negative: ResponseShape, probe: ResponseShape): ProbeVerdict {
  if (!isAcceptedAnswer(baseline) || sameAnswer(baseline, negative)) return 'inconclusive';
  if (!(probe.status > 0) || probe.status >= 500) return 'inconclusive';
  if (REFUSALS.has(probe.status) || isLoginAnswer(probe)) return 'rejected';
  if (sameAnswer(probe, negative)) return 'rejected';
  if (sameAnswer(probe, baseline) && isAcceptedAnswer(probe)) return 'accepted';
  return 'inconclusive';
}
