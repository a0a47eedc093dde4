import { type Check, checkKeys } from '../policy/check-fields';
import { describeJson, didYouMean, isJsonObject } from '../policy/describe-json';
import type { SeenSpan } from './types';

/** An object, else an error naming what was expected. */
export function checkObject(
  check: Check,
  path: string,
  value: unknown,
  what: string,
): Record<string, unknown> | undefined {
  if (isJsonObject(value)) return value;
  check.errors.push(`${path}: expected ${what}, got ${describeJson(value)}`);
  return undefined;
}

/** Reports the required members `object` lacks; true when none is missing. */
export function checkRequired(
  check: Check,
  path: string,
  object: object,
  required: readonly string[],
): boolean {
  const missing = required.filter((key) => !Object.hasOwn(object, key));
  for (const key of missing) check.errors.push(`${path}: missing "${key}"`);
  return missing.length === 0;
}

/** An object with these members (the required ones present, no unknown one). */
export function checkShape(
  check: Check,
  path: string,
  value: unknown,
  shape: { what: string; required: readonly string[]; optional?: readonly string[] },
): Record<string, unknown> | undefined {
  const object = checkObject(check, path, value, shape.what);
  if (!object) return undefined;
  const before = check.errors.length;
  checkKeys(check, path, object, [...shape.required, ...(shape.optional ?? [])]);
  checkRequired(check, path, object, shape.required);
  return check.errors.length === before ? object : undefined;
}

/** A string (possibly empty). */
export function checkText(check: Check, path: string, value: unknown): value is string {
  if (typeof value === 'string') return true;
  check.errors.push(`${path}: expected a string, got ${describeJson(value)}`);
  return false;
}

/** A whole number ≥ 0 (a count). */
export function checkCount(check: Check, path: string, value: unknown): value is number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return true;
  check.errors.push(`${path}: expected a whole number ≥ 0, got ${describeJson(value)}`);
  return false;
}

/** A finite number within `[min, max]`. */
export function checkNumber(
  check: Check,
  path: string,
  value: unknown,
  min: number,
  max = Infinity,
): value is number {
  if (typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max) return true;
  const range = max === Infinity ? `≥ ${min}` : `from ${min} to ${max}`;
  check.errors.push(`${path}: expected a number ${range}, got ${describeJson(value)}`);
  return false;
}

/** `2025-03-14T09:00:00Z`-style times (RFC 3339), the only ones a baseline writes. */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** An RFC 3339 time, or `''` (unknown) when `allowEmpty`. */
export function checkTime(check: Check, path: string, value: unknown, allowEmpty: boolean): value is string {
  if (
    typeof value === 'string' &&
    ((allowEmpty && value === '') || (ISO_TIME.test(value) && Number.isFinite(Date.parse(value))))
  )
    return true;
  const hint = allowEmpty ? ' (or "" when unknown)' : '';
  check.errors.push(
    `${path}: expected an ISO time such as "2025-03-14T09:00:00.000Z"${hint}, got ${describeJson(value)}`,
  );
  return false;
}

/** `{ firstSeen, lastSeen }`, the first not after the last. */
export function checkSpan(check: Check, path: string, value: unknown): value is SeenSpan {
  const span = checkShape(check, path, value, {
    what: 'an object with firstSeen and lastSeen',
    required: ['firstSeen', 'lastSeen'],
  });
  if (!span) return false;
  const { firstSeen, lastSeen } = span;
  const ok =
    checkTime(check, `${path}.firstSeen`, firstSeen, true) &&
    checkTime(check, `${path}.lastSeen`, lastSeen, true);
  if (ok && firstSeen !== '' && lastSeen !== '' && Date.parse(firstSeen) > Date.parse(lastSeen)) {
    check.errors.push(`${path}: firstSeen is after lastSeen`);
    return false;
  }
  return ok;
}

/** A map from names to spans (`algorithms`, `keyIds`). */
export function checkSpans(check: Check, path: string, value: unknown): boolean {
  const map = checkObject(check, path, value, 'an object mapping names to {firstSeen, lastSeen}');
  if (!map) return false;
  const before = check.errors.length;
  for (const [name, span] of Object.entries(map)) checkSpan(check, `${path}[${JSON.stringify(name)}]`, span);
  return check.errors.length === before;
}

/** One of `choices`, with a suggestion for a near miss. */
export function checkChoice<T extends string>(
  check: Check,
  path: string,
  value: unknown,
  choices: readonly T[],
): value is T {
  if (typeof value === 'string' && (choices as readonly string[]).includes(value)) return true;
  const hint = typeof value === 'string' ? didYouMean(value, choices) : '';
  check.errors.push(`${path}: expected one of ${choices.join(', ')}, got ${describeJson(value)}${hint}`);
  return false;
}
