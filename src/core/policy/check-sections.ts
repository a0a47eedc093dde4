import type { HostExpectation, IgnoreEntry, PiiDetectors, Severity } from '../types';
import { type Check, checkKeys, checkRuleId, checkStrings } from './check-fields';
import { describeJson, didYouMean, isJsonObject } from './describe-json';

/** `api.example.com` or `*.example.com`: lower-case DNS labels, no scheme, port or path. */
const HOST_PATTERN = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
const FINGERPRINT = /^[0-9a-f]{16}$/;

function checkArray(check: Check, path: string, value: unknown, what: string): unknown[] | undefined {
  if (Array.isArray(value)) return value;
  check.errors.push(`${path}: expected an array of ${what}, got ${describeJson(value)}`);
  return undefined;
}

function checkExpectation(check: Check, path: string, item: unknown): HostExpectation | undefined {
  if (!isJsonObject(item)) {
    check.errors.push(
      `${path}: expected an object with host and issuers and/or audiences, got ${describeJson(item)}`,
    );
    return undefined;
  }
  const before = check.errors.length;
  checkKeys(check, path, item, ['host', 'issuers', 'audiences']);
  const { host } = item;
  if (typeof host !== 'string' || !HOST_PATTERN.test(host)) {
    check.errors.push(
      `${path}.host: expected a host name such as "api.example.com" or "*.example.com", got ${describeJson(host)}`,
    );
  }
  const out: HostExpectation = { host: String(host) };
  for (const key of ['issuers', 'audiences'] as const) {
    if (!Object.hasOwn(item, key)) continue;
    const list = checkStrings(check, `${path}.${key}`, item[key], key === 'issuers' ? 'issuer' : 'audience');
    if (list) out[key] = list;
  }
  if (!Object.hasOwn(item, 'issuers') && !Object.hasOwn(item, 'audiences')) {
    check.errors.push(
      `${path}: expected issuers, audiences or both (nothing to check for ${describeJson(host)})`,
    );
  }
  return check.errors.length === before ? out : undefined;
}

/** `expectations`: per-host lists of accepted issuers and audiences. */
export function checkExpectations(check: Check, value: unknown): HostExpectation[] | undefined {
  const path = 'policy.expectations';
  const items = checkArray(check, path, value, 'host expectations');
  if (!items) return undefined;
  const out = items.map((item, i) => checkExpectation(check, `${path}[${i}]`, item));
  return out.every((e) => e !== undefined) ? (out as HostExpectation[]) : undefined;
}

/** `pii`: detector switches merged over `base`. */
export function checkPii(check: Check, value: unknown, base: PiiDetectors): PiiDetectors | undefined {
  const path = 'policy.pii';
  const names = Object.keys(base);
  if (!isJsonObject(value)) {
    check.errors.push(`${path}: expected an object of detector switches, got ${describeJson(value)}`);
    return undefined;
  }
  const before = check.errors.length;
  const out = { ...base };
  for (const [key, on] of Object.entries(value)) {
    if (!names.includes(key)) {
      check.errors.push(
        `${path}.${key}: unknown detector${didYouMean(key, names)} (expected one of ${names.join(', ')})`,
      );
    } else if (typeof on !== 'boolean') {
      check.errors.push(`${path}.${key}: expected true or false, got ${describeJson(on)}`);
    } else {
      out[key as keyof PiiDetectors] = on;
    }
  }
  return check.errors.length === before ? out : undefined;
}

/** `severityOverrides`: rule id → severity. */
export function checkOverrides(check: Check, value: unknown): Record<string, Severity> | undefined {
  const path = 'policy.severityOverrides';
  if (!isJsonObject(value)) {
    check.errors.push(
      `${path}: expected an object mapping rule ids to severities, got ${describeJson(value)}`,
    );
    return undefined;
  }
  const before = check.errors.length;
  const out: Record<string, Severity> = {};
  for (const [ruleId, severity] of Object.entries(value)) {
    const at = `${path}[${JSON.stringify(ruleId)}]`;
    checkRuleId(check, at, ruleId);
    if (!SEVERITIES.includes(severity as Severity)) {
      check.errors.push(`${at}: expected one of ${SEVERITIES.join(', ')}, got ${describeJson(severity)}`);
    } else {
      out[ruleId] = severity as Severity;
    }
  }
  return check.errors.length === before ? out : undefined;
}

function checkIgnoreEntry(check: Check, path: string, item: unknown): IgnoreEntry | undefined {
  if (!isJsonObject(item)) {
    check.errors.push(`${path}: expected an object with ruleId, got ${describeJson(item)}`);
    return undefined;
  }
  const before = check.errors.length;
  checkKeys(check, path, item, ['ruleId', 'fingerprint', 'issuer', 'reason']);
  const ruleId = checkRuleId(check, `${path}.ruleId`, item.ruleId);
  const entry: IgnoreEntry = { ruleId: ruleId ?? '' };
  const { fingerprint, issuer, reason } = item;
  if (fingerprint !== undefined && (typeof fingerprint !== 'string' || !FINGERPRINT.test(fingerprint))) {
    check.errors.push(
      `${path}.fingerprint: expected 16 lower-case hex digits, got ${describeJson(fingerprint)}`,
    );
  } else if (fingerprint !== undefined) entry.fingerprint = fingerprint;
  if (issuer !== undefined && (typeof issuer !== 'string' || issuer === '')) {
    check.errors.push(`${path}.issuer: expected a non-empty string, got ${describeJson(issuer)}`);
  } else if (issuer !== undefined) entry.issuer = issuer;
  if (reason !== undefined && typeof reason !== 'string') {
    check.errors.push(`${path}.reason: expected a string, got ${describeJson(reason)}`);
  } else if (reason !== undefined) entry.reason = reason;
  return check.errors.length === before ? entry : undefined;
}

/** `ignore`: rule ids to silence, optionally only for one fingerprint or issuer. */
export function checkIgnore(check: Check, value: unknown): IgnoreEntry[] | undefined {
  const path = 'policy.ignore';
  const items = checkArray(check, path, value, 'ignore entries');
  if (!items) return undefined;
  const out = items.map((item, i) => checkIgnoreEntry(check, `${path}[${i}]`, item));
  return out.every((e) => e !== undefined) ? (out as IgnoreEntry[]) : undefined;
}
