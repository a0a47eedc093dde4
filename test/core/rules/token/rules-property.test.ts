import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../../../src/core/policy';
import { TOKEN_CATALOG } from '../../../../src/core/rules/catalog/token';
import { TOKEN_RULES } from '../../../../src/core/rules/token';
import { ALL_ALGS } from '../../../../src/core/rules/token/alg-registry';
import { parseToken } from '../../../../src/core/token/parse-token';
import type { ParsedToken, Policy, RuleHit, TokenPurpose } from '../../../../src/core/types';
import { b64, NOW, sighting } from './helpers';

const KNOWN = new Set([...TOKEN_CATALOG.map((r) => r.id), 'alg-confusion-indicator']);
const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'];

/** Any JSON value, biased towards the shapes rules look at (numbers for times, strings for ids). */
const anyValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.double(),
  fc.integer({ min: -2e12, max: 2e12 }),
  fc.constantFrom(
    '',
    '../x',
    'http://a',
    'JWT',
    'at+jwt',
    'a@b.co',
    '4111111111111111',
    '$(id)',
    '__proto__',
  ),
);
const keys = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    '__proto__',
    'constructor',
    'email',
    'address',
    'password',
    'roles',
    'https://x/email',
    'client_ip',
  ),
);
const withKeys = (names: string[]) =>
  fc
    .tuple(
      fc.dictionary(keys, anyValue, { maxKeys: 6 }),
      fc.record(Object.fromEntries(names.map((n) => [n, anyValue])), { requiredKeys: [] }),
    )
    .map(([extra, known]) => ({ ...extra, ...known }));

const headers = fc
  .tuple(
    withKeys(['kid', 'jku', 'x5u', 'x5c', 'jwk', 'crit', 'b64', 'typ', 'zip', 'p2c', 'enc', 'cty', 'iss']),
    fc.oneof(fc.constantFrom(...ALL_ALGS, 'None', 'hs256'), anyValue),
  )
  .map(([h, alg]) => ({ ...h, alg }));
const claimSets = withKeys([
  'exp',
  'iat',
  'nbf',
  'aud',
  'iss',
  'sub',
  'jti',
  'scope',
  'events',
  'htm',
  'htu',
]);

const policies: fc.Arbitrary<Policy> = fc
  .record({
    allowedAlgorithms: fc.option(fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }), { nil: null }),
    requiredClaims: fc.array(keys, { maxLength: 3 }),
    expectations: fc.array(
      fc.record({
        host: fc.constantFrom('*.example.com', 'api.example.com', 'x'),
        issuers: fc.array(fc.string()),
        audiences: fc.array(fc.string()),
      }),
      { maxLength: 2 },
    ),
    purpose: fc.constant(0),
  })
  .map(({ purpose: _, ...over }) => ({ ...DEFAULT_POLICY, ...over }));

const purposes = fc.constantFrom<TokenPurpose>('access', 'id', 'refresh', 'logout', 'dpop', 'unknown');
const sightings = fc.array(
  fc.record({
    where: fc.constantFrom(
      'request-header',
      'query',
      'set-cookie',
      'request-cookie',
      'response-body' as const,
    ),
    name: fc.constantFrom('Authorization', 'token', 'refresh_token'),
    url: fc.oneof(fc.constantFrom('https://api.example.com/x', 'http://a.test/', ''), fc.string()),
    startedAt: fc.oneof(
      fc.constantFrom('', 'yesterday', '2023-11-14T22:13:20Z', '+275760-09-13T00:00:00.001Z'),
      fc.string({ maxLength: 30 }),
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    ),
  }),
  { maxLength: 3 },
);

function runAll(
  token: ParsedToken,
  policy: Policy,
  purpose: TokenPurpose,
  seen: { where: never; name: string; url: string; startedAt: string }[],
): RuleHit[] {
  const record = { token, purpose, sightings: seen.map((s, i) => sighting({ ...s, id: String(i) })) };
  return TOKEN_RULES.flatMap((rule) => rule({ record, policy, now: NOW }));
}

function checkHits(hits: RuleHit[]): void {
  for (const hit of hits) {
    expect(KNOWN.has(hit.ruleId), hit.ruleId).toBe(true);
    expect(typeof hit.detail).toBe('string');
    if (hit.severity !== undefined) expect(SEVERITIES).toContain(hit.severity);
  }
}

describe('token rules never throw', () => {
  it('on parsed tokens built from arbitrary headers, claims and signatures', () => {
    fc.assert(
      fc.property(
        headers,
        fc.oneof(claimSets, anyValue),
        fc.uint8Array({ maxLength: 140 }),
        policies,
        purposes,
        sightings,
        (h, c, sig, policy, purpose, seen) => {
          const token = parseToken(`${b64(h)}.${b64(c)}.${b64(sig)}`);
          checkHits(runAll(token, policy, purpose, seen as never));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('on hand-built ParsedTokens of every kind, with shapes the parser never produces', () => {
    const kinds = fc.constantFrom('jws', 'jwe', 'unsecured', 'malformed' as const);
    fc.assert(
      fc.property(
        kinds,
        headers,
        claimSets,
        fc.option(fc.uint8Array({ maxLength: 140 })),
        policies,
        purposes,
        sightings,
        (kind, header, claims, signature, policy, purpose, seen) => {
          const token: ParsedToken = {
            text: 'x',
            fingerprint: '0'.repeat(16),
            kind,
            segments: kind === 'jwe' ? ['a', 'b', 'c', 'd', 'e'] : ['a', 'b', signature?.length ? 'c' : ''],
            header,
            claims,
            errors: kind === 'malformed' ? ['bad'] : [],
            warnings: [],
            ...(signature ? { signature } : {}),
          };
          const hits = runAll(token, policy, purpose, seen as never);
          checkHits(hits);
          if (kind === 'malformed') expect(hits.map((h) => h.ruleId)).toEqual(['fmt-malformed']);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('judge a JWS broken in its payload by its header alone: no claim or signature finding', () => {
    const notOfClaimsOrSignature = [
      'exp-missing',
      'aud-missing',
      'iss-missing',
      'pii-oidc-claims',
      'payload-not-jwt-claims',
      'sig-length-mismatch',
      'sig-stripped',
      'sig-ecdsa-zero',
      'rsa-key-too-short',
    ];
    fc.assert(
      fc.property(
        headers.filter((h) => (h as { b64?: unknown }).b64 !== false),
        claimSets,
        fc.uint8Array({ maxLength: 140 }),
        fc.nat(),
        purposes,
        (h, c, sig, at, purpose) => {
          const payload = b64(c);
          const i = at % (payload.length + 1);
          const token = parseToken(`${b64(h)}.${payload.slice(0, i)}+${payload.slice(i)}.${b64(sig)}`);
          const hits = runAll(token, DEFAULT_POLICY, purpose, []);
          checkHits(hits);
          const found = new Set(hits.map((hit) => hit.ruleId));
          expect(found.has('fmt-malformed')).toBe(true);
          for (const id of notOfClaimsOrSignature) expect(found.has(id), id).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        checkHits(runAll(parseToken(text), DEFAULT_POLICY, 'unknown', []));
      }),
      { numRuns: 300 },
    );
  });
});
