import type { JsonObject, RuleHit, Severity, TokenRule } from '../../types';
import { formatDuration, isoTime } from './format-duration';
import { has, NO_HITS, show, usableClaims } from './token-parts';

/** Above this a NumericDate is almost surely milliseconds (1e11 s is the year 5138). */
const MAX_SECONDS = 1e11;
/** Clock skew tolerated before `iat` counts as "in the future" (RFC 7519 §4.1.4 allows a small leeway). */
const SKEW = 300;

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

function addRelationProblems(t: Times, now: number, out: string[]): void {
  const exp = secondsOf(t.exp);
  const nbf = secondsOf(t.nbf);
  const iat = secondsOf(t.iat);
  if (exp !== undefined && iat !== undefined && exp <= iat)
    out.push(`exp is not after iat (${formatDuration(iat - exp)} before it)`);
  if (exp !== undefined && nbf !== undefined && nbf >= exp)
    out.push('nbf is not before exp (the token is never valid)');
  if (iat !== undefined && iat > now + SKEW)
    out.push(`iat is ${formatDuration(iat - now)} after the reference time`);
}

/** `time-claim-invalid`: exp/nbf/iat that are not sane NumericDates, or contradict each other. */
export const checkTimeClaimInvalid: TokenRule = ({ record, now }) => {
  const claims = usableClaims(record.token);
  if (!claims) return NO_HITS;
  const t = timesOf(claims);
  const problems: string[] = [];
  addProblem(problems, t.exp);
  addProblem(problems, t.nbf);
  addProblem(problems, t.iat);
  addRelationProblems(t, now, problems);
  return problems.length > 0
    ? [{ ruleId: 'time-claim-invalid', detail: `${problems.join('; ')}.` }]
    : NO_HITS;
};

/** `exp-expired`: `exp` at or before the reference time (RFC 7519 §4.1.4: reject on or after exp). */
export const checkExpExpired: TokenRule = ({ record, now }) => {
  const claims = usableClaims(record.token);
  const exp = claims && secondsOf(timesOf(claims).exp);
  if (exp === undefined || exp > now) return NO_HITS;
  return [
    {
      ruleId: 'exp-expired',
      detail: `exp is ${formatDuration(now - exp)} before the reference time (exp ${isoTime(exp)}, reference ${isoTime(now)}).`,
      evidence: [{ label: 'exp', value: String(exp) }],
    },
  ];
};

/** Lifetime and how it was measured, or `undefined` when it cannot be (or is not positive). */
function lifetimeOf(t: Times, now: number): { seconds: number; basis: string } | undefined {
  const exp = secondsOf(t.exp);
  if (exp === undefined) return undefined;
  const iat = secondsOf(t.iat);
  const nbf = secondsOf(t.nbf);
  const measured =
    iat !== undefined
      ? { seconds: exp - iat, basis: 'exp − iat' }
      : nbf !== undefined
        ? { seconds: exp - nbf, basis: 'exp − nbf' }
        : { seconds: exp - now, basis: 'remaining validity, exp − reference time' };
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
  const life = claims && lifetimeOf(timesOf(claims), now);
  if (!life) return NO_HITS;
  if (record.purpose === 'refresh') {
    if (life.seconds <= policy.refreshMaxLifetime) return NO_HITS;
    const span = `${formatDuration(life.seconds)} (${life.basis})`;
    const max = formatDuration(policy.refreshMaxLifetime);
    return [
      {
        ruleId: 'lifetime-excessive',
        severity: 'medium',
        detail: `Refresh token lives ${span}, above the absolute maximum of ${max}.`,
      },
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
  return [hit];
};

/** Rules about exp, nbf and iat. */
export const TIME_RULES: readonly TokenRule[] = [
  checkTimeClaimInvalid,
  checkExpExpired,
  checkLifetimeExcessive,
];
