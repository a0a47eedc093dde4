import { ALL_ALGS, registeredSpelling } from '../rules/token/alg-registry';
import type { LifetimeTiers } from '../types';
import { describeJson, didYouMean, isJsonObject } from './describe-json';

/** Collects errors while one policy is checked; `knownRuleIds` is absent when ids are not checked. */
export interface Check {
  errors: string[];
  knownRuleIds?: ReadonlySet<string>;
}

/** Reports keys of `object` that are not in `allowed`, each with the list of allowed keys. */
export function checkKeys(check: Check, path: string, object: object, allowed: readonly string[]): void {
  for (const key of Object.keys(object)) {
    if (allowed.includes(key)) continue;
    check.errors.push(
      `${path}.${key}: unknown key${didYouMean(key, allowed)} (expected one of ${allowed.join(', ')})`,
    );
  }
}

/** A positive, finite number of seconds, or `undefined` after reporting why not. */
export function checkSeconds(check: Check, path: string, value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value;
  check.errors.push(`${path}: expected a positive number of seconds, got ${describeJson(value)}`);
  return undefined;
}

/** Largest clock skew a policy may allow: beyond an hour, time checks would judge nothing. */
export const MAX_SKEW_SECONDS = 3600;

/** A clock skew: a whole number of seconds from 0 to an hour, or `undefined` after reporting why not. */
export function checkSkew(check: Check, path: string, value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_SKEW_SECONDS)
    return value;
  check.errors.push(
    `${path}: expected a whole number of seconds from 0 to ${MAX_SKEW_SECONDS}, got ${describeJson(value)}`,
  );
  return undefined;
}

/** An array of non-empty strings, or `undefined` after reporting the first problem at each index. */
export function checkStrings(check: Check, path: string, value: unknown, what: string): string[] | undefined {
  if (!Array.isArray(value)) {
    check.errors.push(`${path}: expected an array of ${what}s, got ${describeJson(value)}`);
    return undefined;
  }
  const before = check.errors.length;
  value.forEach((item, i) => {
    if (typeof item !== 'string' || item.trim() === '') {
      check.errors.push(`${path}[${i}]: expected a non-empty ${what}, got ${describeJson(item)}`);
    }
  });
  return check.errors.length === before ? (value as string[]).slice() : undefined;
}

/** `null` or an array of registered JWS/JWE algorithm identifiers (case-sensitive, as in headers). */
export function checkAlgorithms(check: Check, value: unknown): string[] | null | undefined {
  if (value === null) return null;
  const path = 'policy.allowedAlgorithms';
  if (!Array.isArray(value)) {
    check.errors.push(`${path}: expected null or an array of algorithm names, got ${describeJson(value)}`);
    return undefined;
  }
  const algs = checkStrings(check, path, value, 'algorithm name');
  if (!algs) return undefined;
  const before = check.errors.length;
  algs.forEach((alg, i) => {
    if (ALL_ALGS.includes(alg)) return;
    const spelled = registeredSpelling(alg);
    const hint = spelled
      ? ` (did you mean "${spelled}"? names are case-sensitive)`
      : didYouMean(alg, ALL_ALGS);
    check.errors.push(`${path}[${i}]: unknown algorithm ${describeJson(alg)}${hint}`);
  });
  return check.errors.length === before ? algs : undefined;
}

const TIERS = ['low', 'medium', 'high', 'aal1'] as const;

/** Lifetime tiers merged over `base`; each must be positive and they must not decrease. */
export function checkLifetime(check: Check, value: unknown, base: LifetimeTiers): LifetimeTiers | undefined {
  const path = 'policy.lifetime';
  if (!isJsonObject(value)) {
    check.errors.push(`${path}: expected an object with ${TIERS.join(', ')}, got ${describeJson(value)}`);
    return undefined;
  }
  checkKeys(check, path, value, TIERS);
  const tiers = { ...base };
  let ok = true;
  for (const tier of TIERS) {
    if (!Object.hasOwn(value, tier)) continue;
    const seconds = checkSeconds(check, `${path}.${tier}`, value[tier]);
    if (seconds === undefined) ok = false;
    else tiers[tier] = seconds;
  }
  if (!ok) return undefined;
  for (let i = 1; i < TIERS.length; i++) {
    const [lower, upper] = [TIERS[i - 1] ?? 'low', TIERS[i] ?? 'low'];
    if (tiers[lower] > tiers[upper]) {
      check.errors.push(
        `${path}: tiers must not decrease (low ≤ medium ≤ high ≤ aal1), got ${lower} ${tiers[lower]} > ${upper} ${tiers[upper]}`,
      );
      return undefined;
    }
  }
  return tiers;
}

/** A known rule id (when the caller gave the list), reporting unknown ones with a suggestion. */
export function checkRuleId(check: Check, path: string, value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') {
    check.errors.push(`${path}: expected a rule id, got ${describeJson(value)}`);
    return undefined;
  }
  const known = check.knownRuleIds;
  if (known && !known.has(value)) {
    check.errors.push(`${path}: unknown rule id ${describeJson(value)}${didYouMean(value, known)}`);
    return undefined;
  }
  return value;
}
