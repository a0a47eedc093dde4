import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Baseline, Carrier, ClaimType, TokenProfile } from '../../../src/core/baseline';
import { driftHits } from '../../../src/core/baseline';
import { REQUIRED_PROFILE_MEMBERS } from '../../../src/core/baseline/check-profile';
import { DRIFT_RULES } from '../../../src/core/baseline/drift';
import { ruleInfo } from '../../../src/core/rules/catalog';
import type { AuditResult } from '../../../src/core/types';
import { API, accessProfile, accessToken, auditEntries, baselineOf, OP, T0, use } from './drift-helpers';

/** Values that collide with what the capture holds, or with `Object.prototype`, mixed with any string. */
const word = fc.oneof(
  fc.constantFrom(OP, 'RS256', 'HS256', 'none', 'k1', 'aud', 'exp', 'email', 'api.example.com', 'https'),
  fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', ''),
  fc.string(),
);
const iso = fc.oneof(fc.constant('2025-03-14T09:00:00.000Z'), fc.string());
const span = fc.record({ firstSeen: iso, lastSeen: iso });
const number = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(0, -1, Number.NaN, Number.POSITIVE_INFINITY),
);
const claimType = fc.constantFrom<ClaimType>('string', 'number', 'boolean', 'object', 'array', 'null');
const dictionary = <T>(value: fc.Arbitrary<T>) => fc.dictionary(word, value, { maxKeys: 6 });

const carrier: fc.Arbitrary<Carrier> = fc.record(
  {
    where: fc.oneof(fc.constantFrom('request-header', 'set-cookie', 'request-cookie'), fc.string()),
    name: fc.oneof(fc.constantFrom('authorization', 'session', '__Host-session'), fc.string()),
    cookie: fc.record(
      {
        httpOnly: fc.boolean(),
        secure: fc.boolean(),
        sameSite: fc.oneof(fc.constantFrom('strict', 'lax', 'none'), fc.string()),
        hostPrefix: fc.boolean(),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: ['where', 'name'] },
);

const profile: fc.Arbitrary<TokenProfile> = fc.record(
  {
    issuer: word,
    purpose: fc.constantFrom('access', 'id', 'refresh', 'other', 'opaque'),
    place: fc.oneof(fc.constant('request-header:authorization'), fc.string()),
    tokens: fc.nat(),
    algorithms: dictionary(span),
    keyIds: dictionary(span),
    types: fc.array(word, { maxLength: 3 }),
    claims: dictionary(
      fc.record({
        presence: fc.constantFrom('always', 'sometimes'),
        types: fc.array(claimType, { maxLength: 3 }),
      }),
    ),
    audiences: fc.array(word, { maxLength: 3 }),
    lifetime: fc.record({ min: number, median: number, max: number }),
    recipientHosts: fc.array(word, { maxLength: 3 }),
    transports: fc.array(fc.oneof(fc.constantFrom('https', 'http', 'wss', 'ws'), fc.string()), {
      maxLength: 3,
    }),
    carriers: fc.array(carrier, { maxLength: 3 }),
    issuance: fc.record({ perMinuteMedian: number, perMinuteMax: number }),
    responses: fc.record({
      uses: number,
      rejectedShare: number,
      errorCodes: fc.array(word, { maxLength: 2 }),
    }),
  },
  {
    requiredKeys: [...REQUIRED_PROFILE_MEMBERS],
  },
);

const baseline: fc.Arbitrary<Baseline> = fc.record(
  {
    baselineVersion: fc.constant(1 as const),
    generatedBy: fc.record({ name: fc.string(), version: fc.string() }),
    learnedFrom: fc.record(
      {
        inputs: fc.array(fc.string(), { maxLength: 2 }),
        timeRange: fc.record({ start: iso, end: iso }),
        tokens: fc.nat(),
        requests: fc.nat(),
      },
      { requiredKeys: ['inputs', 'tokens', 'requests'] },
    ),
    profiles: fc.array(profile, { maxLength: 4 }),
    controls: fc.dictionary(fc.string(), fc.constantFrom('pass', 'fail', 'not-observed', 'partial')),
  },
  { requiredKeys: ['baselineVersion', 'generatedBy', 'learnedFrom', 'profiles'] },
);

let result: AuditResult;

/** What the rich capture fires against the plain access profile. */
const EXERCISED = Object.keys(DRIFT_RULES).sort();

beforeAll(async () => {
  // A capture with something for every rule to look at: other algorithms, keys, claims, hosts, cleartext,
  // cookies, rejections and a burst of new tokens.
  const entries = [
    use(await accessToken({ alg: 'HS256', kid: 'k2', claims: { email: 'a@example.org', aud: ['x', 1] } })),
    use(await accessToken({ alg: 'none', claims: { iss: 'https://other.example' } }), {
      url: 'http://localhost/x',
    }),
    use(await accessToken({ alg: 'ES256', claims: { exp: 'soon', iat: null } }), { status: 401 }),
    {
      url: `${API}/login`,
      responseHeaders: [{ name: 'Set-Cookie', value: `session=${await accessToken({ n: 3 })}; Path=/` }],
    },
    use(await accessToken({ n: 4, claims: { aud: undefined, exp: T0 + 86_400 } }), {
      url: 'http://partner.example.net/x',
    }),
    {
      url: `${API}/x`,
      requestHeaders: [{ name: 'Authorization', value: 'Bearer opaque-reference-token-1234' }],
    },
  ];
  for (let n = 10; n < 16; n++) entries.push(use(await accessToken({ n }), { seconds: n, status: 401 }));
  result = auditEntries(entries);
});

describe('driftHits on arbitrary baselines (property)', () => {
  it('never throws, and every hit is a catalogued drift id with evidence of what was expected and seen', () => {
    fc.assert(
      fc.property(baseline, fc.boolean(), (b, custom) => {
        const policy = custom
          ? {
              ...result.policy,
              drift: { lifetimeTolerance: 0, issuanceRateFactor: 1, rejectionRateFactor: 1 },
            }
          : result.policy;
        const hits = driftHits(result, b, policy);
        for (const hit of hits) {
          expect(hit.ruleId).toMatch(/^drift-/);
          expect(ruleInfo(hit.ruleId)?.scope).toBe('baseline');
          const labels = (hit.evidence ?? []).map((e) => e.label);
          expect(labels).toContain('expected');
          expect(labels).toContain('seen');
        }
      }),
      { numRuns: 300 },
    );
  });

  it('runs on a capture that fires every rule against the plain profile, so the property is not vacuous', () => {
    const cookie = { where: 'set-cookie', name: 'session', cookie: { httpOnly: true } };
    const carriers = [...accessProfile().carriers, cookie];
    const hits = driftHits(result, baselineOf([accessProfile({ carriers })]), result.policy);
    expect([...new Set(hits.map((h) => h.ruleId))].sort()).toEqual(EXERCISED);
    expect(Object.keys(DRIFT_RULES)).toHaveLength(13);
  });
});
