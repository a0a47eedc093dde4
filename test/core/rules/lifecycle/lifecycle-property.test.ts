import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runLifecycleRules } from '../../../../src/core/audit/run-rules';
import type {
  ExchangeFacts,
  LifecycleEvent,
  LifecycleModel,
  TokenFamily,
  TokenUse,
} from '../../../../src/core/lifecycle/types';
import { DEFAULT_POLICY } from '../../../../src/core/policy';
import { RULE_CATALOG } from '../../../../src/core/rules/catalog';
import { LIFECYCLE_RULES } from '../../../../src/core/rules/lifecycle';
import type { ParsedToken, Sighting, TokenRecord } from '../../../../src/core/types';

/** Every catalogued capture-scope id: the lifecycle rules and the two escalations moved onto the model. */
const KNOWN = new Set(RULE_CATALOG.filter((r) => r.scope === 'capture').map((r) => r.id));
const FPS = ['fp0', 'fp1', 'fp2', 'fp3', 'fp4'];

const anyValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.double(),
  fc.integer({ min: 1_600_000_000, max: 1_800_000_000 }),
  fc.constantFrom('', 'https://op', 'none', 'RS256', 'EdDSA', '__proto__'),
);
const isoish = fc.oneof(
  fc.constantFrom('', 'not a date', '2025-03-14T09:00:00Z', '+275760-09-13T00:00:00.000Z'),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
);
const fp = fc.oneof(fc.constantFrom(...FPS), fc.string({ maxLength: 4 }));
const claims = fc.dictionary(
  fc.constantFrom(
    'iss',
    'aud',
    'exp',
    'iat',
    'nbf',
    'jti',
    'nonce',
    'at_hash',
    'c_hash',
    'azp',
    'cnf',
    'sub',
  ),
  anyValue,
);

const sightingArb = (id: string): fc.Arbitrary<Sighting> =>
  fc.record({
    id: fc.constant(id),
    tokenText: fc.constant('t'),
    where: fc.constantFrom('request-header', 'request-cookie', 'query', 'response-body'),
    name: fc.constantFrom('Authorization', 'id_token', 'x'),
    url: fc.oneof(fc.constantFrom('https://api.example/v1/a', 'https://op/x.js', ''), fc.webUrl()),
    method: fc.constant('GET'),
    status: fc.integer({ min: 0, max: 599 }),
    scheme: fc.constant('https'),
    startedAt: isoish,
    requestId: fc.string({ maxLength: 3 }),
  });

const recordArb = (fingerprint: string, index: number): fc.Arbitrary<TokenRecord> =>
  fc
    .record({
      kind: fc.constantFrom<ParsedToken['kind']>('jws', 'unsecured', 'malformed', 'opaque', 'jwe'),
      claims: fc.option(claims, { nil: undefined }),
      alg: anyValue,
      purpose: fc.constantFrom('access', 'id', 'refresh', 'logout', 'unknown' as const),
      sightings: fc.array(sightingArb(`s${index}`), { maxLength: 2 }),
    })
    .map(({ kind, claims: c, alg, purpose, sightings }) => {
      const token: ParsedToken = {
        text: `text-${fingerprint}`,
        fingerprint,
        kind,
        segments: [],
        header: { alg },
        errors: [],
        warnings: [],
      };
      if (c) token.claims = c;
      return { token, sightings, purpose };
    });

const useArb: fc.Arbitrary<TokenUse> = fc.record({
  sightingId: fc.constantFrom('s0', 's1', 's2', 'zz'),
  fingerprint: fp,
  requestId: fc.string({ maxLength: 3 }),
  at: isoish,
  service: fc.constantFrom('', 'api.example/v1', 'op/x'),
  verdict: fc.record(
    {
      verdict: fc.constantFrom('accepted', 'rejected', 'unknown' as const),
      reason: fc.constantFrom('HTTP 200', 'HTTP 401', 'HTTP 403 insufficient_scope', ''),
      error: fc.constantFrom('invalid_token', 'insufficient_scope', ''),
    },
    { requiredKeys: ['verdict', 'reason'] },
  ),
});

const familyArb: fc.Arbitrary<TokenFamily> = fc.record(
  {
    id: fc.string({ maxLength: 3 }),
    issuedBy: fc.string({ maxLength: 3 }),
    issuedAt: isoish,
    grantType: fc.constantFrom('authorization_code', 'refresh_token', 'x'),
    members: fc.array(
      fc.record({ fingerprint: fp, role: fc.constantFrom('access', 'id', 'refresh' as const) }),
      { maxLength: 4 },
    ),
    expiresIn: fc.oneof(fc.double(), fc.integer()),
    parent: fc.string({ maxLength: 3 }),
    refreshedWith: fp,
    authorization: fc.constantFrom('a0', 'a1'),
  },
  { requiredKeys: ['id', 'issuedBy', 'issuedAt', 'members'] },
);

const eventArb: fc.Arbitrary<LifecycleEvent> = fc.record(
  {
    kind: fc.constantFrom('logout', 'revocation' as const),
    requestId: fc.string({ maxLength: 3 }),
    at: isoish,
    endedAt: isoish,
    how: fc.string({ maxLength: 5 }),
    succeeded: fc.boolean(),
    origin: fc.string({ maxLength: 5 }),
    covers: fc.array(fp, { maxLength: 4 }),
  },
  { requiredKeys: ['kind', 'requestId', 'at', 'how', 'succeeded', 'origin', 'covers'] },
);

const authorizationArb: fc.Arbitrary<ExchangeFacts> = fc.record(
  {
    requestId: fc.constantFrom('a0', 'a1'),
    kind: fc.constant('authorize' as const),
    method: fc.constant('GET'),
    url: fc.string({ maxLength: 5 }),
    status: fc.integer({ min: 0, max: 599 }),
    startedAt: isoish,
    code: fc.string({ maxLength: 8 }),
    authorization: fc.record({ nonce: fc.string({ maxLength: 5 }) }, { requiredKeys: [] }),
  },
  { requiredKeys: ['requestId', 'kind', 'method', 'url', 'status', 'startedAt'] },
);

const modelArb: fc.Arbitrary<LifecycleModel> = fc.record({
  uses: fc.array(useArb, { maxLength: 8 }),
  families: fc.array(familyArb, { maxLength: 4 }),
  events: fc.array(eventArb, { maxLength: 3 }),
  authorizations: fc.array(authorizationArb, { maxLength: 2 }),
  discovery: fc.array(fc.string({ maxLength: 5 }), { maxLength: 2 }),
  skewSeconds: fc.oneof(fc.double(), fc.integer({ min: -100, max: 1000 })),
});

describe('lifecycle rules on arbitrary models', () => {
  it('never throw, and report only catalog ids with a detail', () => {
    const records = fc.tuple(...FPS.slice(0, 3).map((f, i) => recordArb(f, i)));
    fc.assert(
      fc.property(modelArb, records, fc.subarray(FPS), (model, recs, invalid) => {
        for (const rule of LIFECYCLE_RULES) {
          const hits = rule(model, recs, DEFAULT_POLICY, { invalid: new Set(invalid) });
          for (const hit of hits) {
            expect(KNOWN.has(hit.ruleId)).toBe(true);
            expect(typeof hit.detail).toBe('string');
            expect(hit.detail.length).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('the lookups the lifecycle rules share', () => {
  it('give the hits each rule gives alone, records of one fingerprint twice included', () => {
    // fp0 twice: rules that take a token's first record and those that take its last must keep doing so.
    const records = fc.tuple(recordArb('fp0', 0), recordArb('fp1', 1), recordArb('fp0', 2));
    fc.assert(
      fc.property(modelArb, records, fc.subarray(FPS), (model, recs, invalid) => {
        const signatures = { invalid: new Set(invalid) };
        const alone = LIFECYCLE_RULES.flatMap((rule) => rule(model, recs, DEFAULT_POLICY, signatures));
        expect(runLifecycleRules(model, recs, DEFAULT_POLICY, signatures)).toEqual(alone);
      }),
      { numRuns: 300 },
    );
  });
});
