import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, resolvePolicy } from '../../../src/core/policy';

const RULE_IDS = ['alg-none', 'exp-missing', 'lifetime-excessive'];

function errorsOf(input: unknown): string[] {
  const result = resolvePolicy(input, RULE_IDS);
  return result.ok ? [] : result.errors;
}

describe('DEFAULT_POLICY', () => {
  it('has the RULES.md thresholds and every detector on', () => {
    expect(DEFAULT_POLICY.lifetime).toEqual({ low: 3600, medium: 43_200, high: 86_400, aal1: 2_592_000 });
    expect(DEFAULT_POLICY.refreshMaxLifetime).toBe(90 * 86_400);
    expect(DEFAULT_POLICY.clockSkewSeconds).toBe(60);
    expect(DEFAULT_POLICY.allowedAlgorithms).toBeNull();
    expect(Object.values(DEFAULT_POLICY.pii).every((on) => on === true)).toBe(true);
    expect(DEFAULT_POLICY.requiredClaims).toEqual([]);
    expect(DEFAULT_POLICY.ignore).toEqual([]);
  });

  it('is frozen, and survives a JSON round trip through resolvePolicy', () => {
    expect(Object.isFrozen(DEFAULT_POLICY.lifetime)).toBe(true);
    const result = resolvePolicy(JSON.parse(JSON.stringify(DEFAULT_POLICY)), RULE_IDS);
    expect(result).toEqual({ ok: true, policy: DEFAULT_POLICY });
  });
});

describe('resolvePolicy merges over the defaults', () => {
  it('an empty object gives a fresh, mutable copy of the defaults', () => {
    const result = resolvePolicy({});
    expect(result).toEqual({ ok: true, policy: DEFAULT_POLICY });
    if (!result.ok) return;
    expect(result.policy.lifetime).not.toBe(DEFAULT_POLICY.lifetime);
    result.policy.requiredClaims.push('x');
    expect(DEFAULT_POLICY.requiredClaims).toEqual([]);
  });

  it('merges lifetime and pii key by key, replaces the rest', () => {
    const result = resolvePolicy(
      {
        $schema: './schema/policy.json',
        allowedAlgorithms: ['ES256', 'RSA-OAEP-256'],
        lifetime: { low: 900 },
        clockSkewSeconds: 0,
        pii: { email: false },
        requiredClaims: ['tid'],
        expectations: [{ host: '*.example.com', issuers: ['https://idp.example.com'] }],
        severityOverrides: { 'exp-missing': 'critical' },
        ignore: [{ ruleId: 'alg-none', fingerprint: '0123456789abcdef', reason: 'test fixture' }],
      },
      RULE_IDS,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.policy).toEqual({
      ...DEFAULT_POLICY,
      allowedAlgorithms: ['ES256', 'RSA-OAEP-256'],
      lifetime: { ...DEFAULT_POLICY.lifetime, low: 900 },
      clockSkewSeconds: 0,
      pii: { ...DEFAULT_POLICY.pii, email: false },
      requiredClaims: ['tid'],
      expectations: [{ host: '*.example.com', issuers: ['https://idp.example.com'] }],
      severityOverrides: { 'exp-missing': 'critical' },
      ignore: [{ ruleId: 'alg-none', fingerprint: '0123456789abcdef', reason: 'test fixture' }],
    });
  });

  it('accepts any non-empty rule id when no list is given', () => {
    expect(resolvePolicy({ ignore: [{ ruleId: 'future-rule' }] }).ok).toBe(true);
  });
});

describe('resolvePolicy errors name the JSON path', () => {
  it.each([
    [[], 'policy: expected a JSON object, got an array'],
    [null, 'policy: expected a JSON object, got null'],
    ['{}', 'policy: expected a JSON object, got "{}"'],
    [
      { lifetimes: {} },
      'policy.lifetimes: unknown key (did you mean "lifetime"?) (expected one of allowedAlgorithms, lifetime, refreshMaxLifetime, clockSkewSeconds, requiredClaims, expectations, pii, severityOverrides, ignore, compliance, drift, baseline)',
    ],
    [
      { allowedAlgorithms: 'HS256' },
      'policy.allowedAlgorithms: expected null or an array of algorithm names, got "HS256"',
    ],
    [
      { allowedAlgorithms: ['ES256', 5] },
      'policy.allowedAlgorithms[1]: expected a non-empty algorithm name, got 5',
    ],
    [
      { allowedAlgorithms: ['hs256'] },
      'policy.allowedAlgorithms[0]: unknown algorithm "hs256" (did you mean "HS256"? names are case-sensitive)',
    ],
    [
      { allowedAlgorithms: ['HS265'] },
      'policy.allowedAlgorithms[0]: unknown algorithm "HS265" (did you mean "HS256"?)',
    ],
    [{ lifetime: 3600 }, 'policy.lifetime: expected an object with low, medium, high, aal1, got 3600'],
    [{ lifetime: { low: '1h' } }, 'policy.lifetime.low: expected a positive number of seconds, got "1h"'],
    [{ lifetime: { high: -1 } }, 'policy.lifetime.high: expected a positive number of seconds, got -1'],
    [
      { lifetime: { lo: 1 } },
      'policy.lifetime.lo: unknown key (did you mean "low"?) (expected one of low, medium, high, aal1)',
    ],
    [
      { lifetime: { low: 50_000 } },
      'policy.lifetime: tiers must not decrease (low ≤ medium ≤ high ≤ aal1), got low 50000 > medium 43200',
    ],
    [{ refreshMaxLifetime: 0 }, 'policy.refreshMaxLifetime: expected a positive number of seconds, got 0'],
    [
      { clockSkewSeconds: -1 },
      'policy.clockSkewSeconds: expected a whole number of seconds from 0 to 3600, got -1',
    ],
    [
      { clockSkewSeconds: '60s' },
      'policy.clockSkewSeconds: expected a whole number of seconds from 0 to 3600, got "60s"',
    ],
    [
      { clockSkewSeconds: 1.5 },
      'policy.clockSkewSeconds: expected a whole number of seconds from 0 to 3600, got 1.5',
    ],
    [
      { clockSkewSeconds: 86_400 },
      'policy.clockSkewSeconds: expected a whole number of seconds from 0 to 3600, got 86400',
    ],
    [{ requiredClaims: 'tid' }, 'policy.requiredClaims: expected an array of claim names, got "tid"'],
    [{ requiredClaims: [''] }, 'policy.requiredClaims[0]: expected a non-empty claim name, got ""'],
    [{ expectations: {} }, 'policy.expectations: expected an array of host expectations, got an object'],
    [
      { expectations: ['x'] },
      'policy.expectations[0]: expected an object with host and issuers and/or audiences, got "x"',
    ],
    [
      { expectations: [{ host: 'https://api.example.com', issuers: [] }] },
      'policy.expectations[0].host: expected a host name such as "api.example.com" or "*.example.com", got "https://api.example.com"',
    ],
    [
      { expectations: [{ host: 'api.example.com', audiences: 'api' }] },
      'policy.expectations[0].audiences: expected an array of audiences, got "api"',
    ],
    [
      { expectations: [{ host: 'api.example.com' }] },
      'policy.expectations[0]: expected issuers, audiences or both (nothing to check for "api.example.com")',
    ],
    [
      { expectations: [{ host: 'a.b', issuer: ['x'], audiences: ['y'] }] },
      'policy.expectations[0].issuer: unknown key (did you mean "issuers"?) (expected one of host, issuers, audiences)',
    ],
    [{ pii: { email: 'no' } }, 'policy.pii.email: expected true or false, got "no"'],
    [
      { pii: { emails: false } },
      'policy.pii.emails: unknown detector (did you mean "email"?) (expected one of oidcClaims, email, phone, ipAddress, paymentCard, iban, usSsn, nationalIds, secrets)',
    ],
    [{ pii: [] }, 'policy.pii: expected an object of detector switches, got an array'],
    [
      { severityOverrides: { 'alg-none': 'severe' } },
      'policy.severityOverrides["alg-none"]: expected one of critical, high, medium, low, info, got "severe"',
    ],
    [
      { severityOverrides: { 'alg-non': 'low' } },
      'policy.severityOverrides["alg-non"]: unknown rule id "alg-non" (did you mean "alg-none"?)',
    ],
    [{ ignore: {} }, 'policy.ignore: expected an array of ignore entries, got an object'],
    [{ ignore: ['alg-none'] }, 'policy.ignore[0]: expected an object with ruleId, got "alg-none"'],
    [{ ignore: [{}] }, 'policy.ignore[0].ruleId: expected a rule id, got nothing'],
    [
      { ignore: [{ ruleId: 'alg-none', fingerprint: 'ABC' }] },
      'policy.ignore[0].fingerprint: expected 16 lower-case hex digits, got "ABC"',
    ],
    [
      { ignore: [{ ruleId: 'alg-none', issuer: 7 }] },
      'policy.ignore[0].issuer: expected a non-empty string, got 7',
    ],
    [
      { ignore: [{ ruleId: 'alg-none', reason: false }] },
      'policy.ignore[0].reason: expected a string, got false',
    ],
    [
      { ignore: [{ ruleId: 'alg-none', why: 'x' }] },
      'policy.ignore[0].why: unknown key (expected one of ruleId, fingerprint, issuer, reason)',
    ],
  ])('%j', (input, error) => {
    expect(errorsOf(input)).toEqual([error]);
  });

  it('reports an unknown rule id at its exact index', () => {
    const ignore = [{ ruleId: 'alg-none' }, { ruleId: 'exp-missing' }, { ruleId: 'alg-nnone' }];
    expect(errorsOf({ ignore })).toEqual([
      'policy.ignore[2].ruleId: unknown rule id "alg-nnone" (did you mean "alg-none"?)',
    ]);
  });

  it('collects every error in one pass', () => {
    expect(errorsOf({ lifetime: { low: '1h' }, pii: { sms: true }, extra: 1 })).toHaveLength(3);
  });

  it('never throws on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = resolvePolicy(value, RULE_IDS);
        if (!result.ok) expect(result.errors.every((e) => e.startsWith('policy'))).toBe(true);
      }),
    );
    fc.assert(
      fc.property(
        fc.record(
          {
            lifetime: fc.jsonValue(),
            pii: fc.jsonValue(),
            ignore: fc.array(fc.jsonValue()),
            expectations: fc.array(fc.jsonValue()),
            severityOverrides: fc.dictionary(fc.string(), fc.jsonValue()),
            allowedAlgorithms: fc.jsonValue(),
          },
          { requiredKeys: [] },
        ),
        (value) => {
          resolvePolicy(value, RULE_IDS);
        },
      ),
    );
  });
});
