import type { Evidence, JsonObject, RuleHit, Severity, TokenRecord, TokenRule } from '../../types';
import {
  clockEvidence,
  clockNote,
  expiryLeeway,
  firstSeen,
  firstUse,
  type SeenAt,
  START_SKEW_SECONDS,
  seenAfter,
  useVerb,
} from '../use-clock';
import { formatDuration, isoTime } from './format-duration';
import { has, NO_HITS, show, usableClaims } from './token-parts';

/** Above this a NumericDate is almost surely milliseconds (1e11 s is the year 5138). */
const MAX_SECONDS = 1e11;

/** A claim as a NumericDate (RFC 7519 §2), or why it is not one; `undefined` when absent. */
type TimeClaim = { value: number } | { problem: string } | undefined;

function readTime(claims: JsonObject, name: string): TimeClaim {
  if (!has(claims, name)) return undefined;
  const v = claims[name];
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    const kind = typeof v === 'string' ? ' (a string)' : '';
    return { problem: `${name} is ${show(v)}${kind}, not a NumericDate` };
  }
  if (v < 0) return { problem: `${name} is ${v} (negative)` };
  if (v > MAX_SECONDS) {
    const why =
      v < 1e14 ? 'which looks like milliseconds (NumericDate is seconds)' : 'beyond any plausible date';
    return { problem: `${name} is ${v}, ${why}` };
  }
  return { value: v };
}

function secondsOf(t: TimeClaim): number | undefined {
  return t && 'value' in t ? t.value : undefined;
}

interface Times {
  exp: TimeClaim;
  nbf: TimeClaim;
  iat: TimeClaim;
}

/**
 * The claims `timesOf` last read, and what it read: the three time rules of a token ask back to back.
 * Like the claim walk (`walkJson`), this treats parsed claims as read-only, which every rule does.
 */
let lastClaims: JsonObject | undefined;
let lastTimes: Times | undefined;

function timesOf(claims: JsonObject): Times {
  if (claims !== lastClaims || lastTimes === undefined) {
    lastTimes = { exp: readTime(claims, 'exp'), nbf: readTime(claims, 'nbf'), iat: readTime(claims, 'iat') };
    lastClaims = claims;
  }
  return lastTimes;
}

/** Appends the claim's problem, if it has one. */
function addProblem(problems: string[], t: TimeClaim): void {
  if (t && 'problem' in t) problems.push(t.problem);
}

function addRelationProblems(t: Times, out: string[]): void {
  const exp = secondsOf(t.exp);
  const nbf = secondsOf(t.nbf);
  const iat = secondsOf(t.iat);
  if (exp !== undefined && iat !== undefined && exp <= iat)
    out.push(`exp is not after iat (${formatDuration(iat - exp)} before it)`);
  if (exp !== undefined && nbf !== undefined && nbf >= exp)
    out.push('nbf is not before exp (the token is never valid)');
}

/** `it was first used at 2025-…Z (request time)`, or `2025-…Z (reference time, no request time known)`. */
function describeMoment(moment: SeenAt): string {
  return moment.clock !== 'reference time'
    ? `it was first ${useVerb(moment)} at ${isoTime(moment.at)} ${clockNote(moment)}`
    : `${isoTime(moment.at)} ${clockNote(moment)}`;
}

/**
 * Times after the token's first sighting (iat: it was seen before it was issued) or its first use
 * (nbf: used before it was valid), beyond the skew; each adds the clock it was judged on to `clocks`.
 */
function addUseProblems(t: Times, record: TokenRecord, now: number, out: string[], clocks: Evidence[]): void {
  const iat = secondsOf(t.iat);
  const seen = iat === undefined ? undefined : firstSeen(record, now);
  if (iat !== undefined && seen && iat > seen.at + START_SKEW_SECONDS) {
    out.push(`iat is ${formatDuration(iat - seen.at)} after ${describeMoment(seen)}`);
    clocks.push(clockEvidence(seen.clock));
  }
  const nbf = secondsOf(t.nbf);
  const used = nbf === undefined ? undefined : firstUse(record, now);
  if (nbf !== undefined && used && nbf > used.at + START_SKEW_SECONDS) {
    out.push(
      `nbf is ${formatDuration(nbf - used.at)} after ${describeMoment(used)}: used before it was valid`,
    );
    if (!clocks.some((c) => c.value === used.clock)) clocks.push(clockEvidence(used.clock));
  }
}

/**
 * `time-claim-invalid`: exp/nbf/iat that are not sane NumericDates, contradict each other, or
 * contradict when the token was seen (issued after it was seen, used before it was valid). Those are
 * judged at the token's request times, or at the reference time when none is known.
 */
export const checkTimeClaimInvalid: TokenRule = ({ record, now }) => {
  const claims = usableClaims(record.token);
  if (!claims) return NO_HITS;
  const t = timesOf(claims);
  const problems: string[] = [];
  const clocks: Evidence[] = [];
  addProblem(problems, t.exp);
  addProblem(problems, t.nbf);
  addProblem(problems, t.iat);
  addRelationProblems(t, problems);
  addUseProblems(t, record, now, problems, clocks);
  if (problems.length === 0) return NO_HITS;
  const hit: RuleHit = { ruleId: 'time-claim-invalid', detail: `${problems.join('; ')}.` };
  if (clocks.length > 0) hit.evidence = clocks;
  return [hit];
};

/** `Used at X, 3 min after it expired at Y (request time).` or the reference-time equivalent. */
function expiredDetail(shown: SeenAt, exp: number, late: number, total: number): string {
  const overdue = formatDuration(shown.at - exp);
  if (shown.clock === 'reference time')
    return `Expired at ${isoTime(exp)}, ${overdue} before ${isoTime(shown.at)} ${clockNote(shown)}.`;
  const verb = useVerb(shown);
  const head = `${verb[0]?.toUpperCase()}${verb.slice(1)} at ${isoTime(shown.at)}`;
  const count = total > 1 ? ` ${late} of ${total} sightings came after expiry.` : '';
  return `${head}, ${overdue} after it expired at ${isoTime(exp)} ${clockNote(shown)}.${count}`;
}

/**
 * `exp-expired`: the token was seen after its `exp` (RFC 7519 §4.1.4: reject on or after exp), by more
 * than the leeway (the policy's `clockSkewSeconds`): at a request's own time, or at the reference time for a sighting with no time. A HAR
 * scanned hours later does not make the tokens it used while valid expired.
 */
export const checkExpExpired: TokenRule = ({ record, now, policy }) => {
  const claims = usableClaims(record.token);
  const exp = claims && secondsOf(timesOf(claims).exp);
  if (exp === undefined) return NO_HITS;
  const late = seenAfter(record, now, exp + expiryLeeway(policy));
  // A request's own time is the strongest evidence, the reference time the weakest: show the strongest.
  const shown =
    late.find((m) => m.clock === 'request time') ?? late.find((m) => m.clock !== 'reference time') ?? late[0];
  if (!shown) return NO_HITS;
  const hit: RuleHit = {
    ruleId: 'exp-expired',
    detail: expiredDetail(shown, exp, late.length, record.sightings.length),
    evidence: [{ label: 'exp', value: String(exp) }, clockEvidence(shown.clock)],
  };
  const ids = late.flatMap((m) => (m.sighting ? [m.sighting.id] : []));
  if (ids.length > 0) hit.sightingIds = ids;
  return [hit];
};

/** Lifetime, how it was measured, and the moment it was measured from when that took a clock. */
interface Lifetime {
  seconds: number;
  basis: string;
  from?: SeenAt;
}

/**
 * Lifetime from the claims, or failing that the validity left when the token was first seen (RULES.md
 * §3); `undefined` when it cannot be measured (or is not positive).
 */
function lifetimeOf(t: Times, record: TokenRecord, now: number): Lifetime | undefined {
  const exp = secondsOf(t.exp);
  if (exp === undefined) return undefined;
  const iat = secondsOf(t.iat);
  const nbf = secondsOf(t.nbf);
  let measured: Lifetime;
  if (iat !== undefined) measured = { seconds: exp - iat, basis: 'exp − iat' };
  else if (nbf !== undefined) measured = { seconds: exp - nbf, basis: 'exp − nbf' };
  else {
    const from = firstSeen(record, now);
    const basis =
      from.clock === 'reference time'
        ? 'remaining validity, exp − reference time'
        : `remaining validity when first seen, exp − ${from.clock}`;
    measured = { seconds: exp - from.at, basis, from };
  }
  return measured.seconds > 0 ? measured : undefined;
}

function tierOf(seconds: number, tiers: { low: number; medium: number; high: number }): Severity | undefined {
  if (seconds > tiers.high) return 'high';
  if (seconds > tiers.medium) return 'medium';
  return seconds > tiers.low ? 'low' : undefined;
}

/**
 * `lifetime-excessive`: lifetime above the policy tiers (RULES.md §3, NIST SP 800-63B-4). Refresh
 * tokens are measured against `refreshMaxLifetime` instead (ASVS 10.4.8), graded medium.
 */
export const checkLifetimeExcessive: TokenRule = ({ record, policy, now }) => {
  const claims = usableClaims(record.token);
  const life = claims && lifetimeOf(timesOf(claims), record, now);
  if (!life) return NO_HITS;
  if (record.purpose === 'refresh') {
    if (life.seconds <= policy.refreshMaxLifetime) return NO_HITS;
    const span = `${formatDuration(life.seconds)} (${life.basis})`;
    const max = formatDuration(policy.refreshMaxLifetime);
    return [
      withClock(life, {
        ruleId: 'lifetime-excessive',
        severity: 'medium',
        detail: `Refresh token lives ${span}, above the absolute maximum of ${max}.`,
      }),
    ];
  }
  const severity = tierOf(life.seconds, policy.lifetime);
  if (!severity) return NO_HITS;
  const span = `${formatDuration(life.seconds)} (${life.basis})`;
  const limit =
    severity === 'high'
      ? policy.lifetime.high
      : severity === 'medium'
        ? policy.lifetime.medium
        : policy.lifetime.low;
  const aal1 =
    life.seconds > policy.lifetime.aal1
      ? `; exceeds NIST AAL1 (${formatDuration(policy.lifetime.aal1)})`
      : '';
  const hit: RuleHit = {
    ruleId: 'lifetime-excessive',
    severity,
    detail: `Token lives ${span}, above the ${formatDuration(limit)} threshold${aal1}.`,
  };
  return [withClock(life, hit)];
};

/** A lifetime measured from a sighting says which clock it read. */
function withClock(life: Lifetime, hit: RuleHit): RuleHit {
  if (life.from) hit.evidence = [clockEvidence(life.from.clock)];
  return hit;
}

/** Rules about exp, nbf and iat. */
export const TIME_RULES: readonly TokenRule[] = [
  checkTimeClaimInvalid,
  checkExpExpired,
  checkLifetimeExcessive,
];
