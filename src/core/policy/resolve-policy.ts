import { checkBaseline } from '../baseline/check-baseline';
import type { Policy } from '../types';
import { checkCompliance } from './check-compliance';
import { checkDrift } from './check-drift';
import {
  type Check,
  checkAlgorithms,
  checkKeys,
  checkLifetime,
  checkSeconds,
  checkSkew,
  checkStrings,
} from './check-fields';
import { checkExpectations, checkIgnore, checkOverrides, checkPii } from './check-sections';
import { DEFAULT_POLICY } from './default-policy';
import { describeJson, isJsonObject } from './describe-json';

/** What `resolvePolicy` returns: a complete policy, or every problem found. */
export type PolicyResolution = { ok: true; policy: Policy } | { ok: false; errors: string[] };

/** Top-level keys a policy file may have (`$schema` is accepted and ignored, for editor support). */
const TOP_KEYS = [
  'allowedAlgorithms',
  'lifetime',
  'refreshMaxLifetime',
  'clockSkewSeconds',
  'requiredClaims',
  'expectations',
  'pii',
  'severityOverrides',
  'ignore',
  'compliance',
  'drift',
  'baseline',
] as const;

/** A fresh, mutable copy of the defaults: nobody may change the frozen `DEFAULT_POLICY` by accident. */
function copyDefaults(): Policy {
  const d = DEFAULT_POLICY;
  return {
    allowedAlgorithms: d.allowedAlgorithms ? [...d.allowedAlgorithms] : null,
    lifetime: { ...d.lifetime },
    refreshMaxLifetime: d.refreshMaxLifetime,
    clockSkewSeconds: d.clockSkewSeconds,
    requiredClaims: [...d.requiredClaims],
    expectations: d.expectations.map((e) => ({ ...e })),
    pii: { ...d.pii },
    severityOverrides: { ...d.severityOverrides },
    ignore: d.ignore.map((e) => ({ ...e })),
  };
}

/** Validates one present top-level key and stores its value in `policy` when valid. */
function resolveKey(check: Check, policy: Policy, key: (typeof TOP_KEYS)[number], value: unknown): void {
  const set = <K extends keyof Policy>(k: K, v: Policy[K] | undefined) => {
    if (v !== undefined) policy[k] = v;
  };
  if (key === 'allowedAlgorithms') set(key, checkAlgorithms(check, value));
  else if (key === 'lifetime') set(key, checkLifetime(check, value, policy.lifetime));
  else if (key === 'refreshMaxLifetime') set(key, checkSeconds(check, `policy.${key}`, value));
  else if (key === 'clockSkewSeconds') set(key, checkSkew(check, `policy.${key}`, value));
  else if (key === 'requiredClaims') set(key, checkStrings(check, `policy.${key}`, value, 'claim name'));
  else if (key === 'expectations') set(key, checkExpectations(check, value));
  else if (key === 'pii') set(key, checkPii(check, value, policy.pii));
  else if (key === 'severityOverrides') set(key, checkOverrides(check, value));
  else if (key === 'ignore') set(key, checkIgnore(check, value));
  else if (key === 'drift') set(key, checkDrift(check, value));
  else if (key === 'baseline') set(key, checkBaseline(check, 'policy.baseline', value));
  else set(key, checkCompliance(check, value));
}

/**
 * Validates a user policy (parsed JSON of any shape) and merges it over `DEFAULT_POLICY`: missing keys
 * keep their defaults, `lifetime` and `pii` merge key by key. Every problem is reported with its JSON
 * path (`policy.lifetime.low: expected a positive number of seconds, got "1h"`); unknown keys are errors.
 * Rule ids in `ignore` and `severityOverrides` are checked against `knownRuleIds` when given (pass the
 * merged rule catalog); without it any non-empty id is accepted. Never throws.
 */
export function resolvePolicy(input: unknown, knownRuleIds?: readonly string[]): PolicyResolution {
  if (!isJsonObject(input)) {
    return { ok: false, errors: [`policy: expected a JSON object, got ${describeJson(input)}`] };
  }
  const check: Check = { errors: [] };
  if (knownRuleIds) check.knownRuleIds = new Set(knownRuleIds);
  const keys = Object.keys(input).filter((k) => k !== '$schema');
  checkKeys(check, 'policy', Object.fromEntries(keys.map((k) => [k, true])), TOP_KEYS);
  const policy = copyDefaults();
  for (const key of TOP_KEYS) {
    if (Object.hasOwn(input, key)) resolveKey(check, policy, key, input[key]);
  }
  return check.errors.length > 0 ? { ok: false, errors: check.errors } : { ok: true, policy };
}
