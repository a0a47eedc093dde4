import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runTokenPlan } from '../../../src/core/audit/rule-plan';
import { DEFAULT_POLICY } from '../../../src/core/policy';
import { CONTEXT_RULES } from '../../../src/core/rules/context';
import { checkWebStorage } from '../../../src/core/rules/storage';
import { TOKEN_RULES } from '../../../src/core/rules/token';
import { parseToken } from '../../../src/core/token/parse-token';
import type { ParsedToken, Policy, RuleContext, RuleHit, TokenPurpose } from '../../../src/core/types';
import { b64, NOW, sighting } from '../rules/token/helpers';

/**
 * The auditor runs the header-only rules once per distinct header (`runTokenPlan`). Whatever the token,
 * policy, purpose or sightings, and however often a header comes back, the plan must give exactly the
 * hits of running every rule one by one.
 */

/** A few headers that come back across runs (so the per-header cache is hit), and some that do not. */
const HEADERS: readonly Record<string, unknown>[] = [
  { alg: 'HS256', typ: 'JWT' },
  { alg: 'RS256', typ: 'JWT', kid: 'rsa-2024' },
  { alg: 'HS256', kid: '../../dev/null', jku: 'http://evil.test/keys' },
  { alg: 'ES256', typ: 'at+jwt', zip: 'DEF', crit: ['b64'], b64: false },
  { alg: 'none' },
  { alg: 'RSA-OAEP', enc: 'A256GCM', cty: 'JWT' },
  { alg: 'PBES2-HS256+A128KW', enc: 'A128GCM', p2c: 10 },
  { alg: 'EdDSA', typ: 'application/jwt', x5c: ['MIIB'], jwk: { kty: 'OKP' }, kid: 'ops@example.com' },
  { alg: 'hs256', type: 'JWT', x5u: 'https://login.example.com/x5u' },
  { alg: 'RS256', jku: 'https://keys.login.example.com/jwks' },
];

const anyValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.integer({ min: 1_600_000_000, max: 1_800_000_000 }),
  fc.constantFrom('', 'JWT', 'a@b.co', '4111111111111111', 'https://login.example.com', 'read write'),
);
const claimNames = fc.constantFrom(
  'exp',
  'iat',
  'nbf',
  'aud',
  'iss',
  'sub',
  'jti',
  'scope',
  'client_id',
  'email',
  'password',
  'roles',
  'events',
  'htm',
  'htu',
);
/** Claims, with values that make claim-dependent rules (jku/x5u vs iss, typ vs purpose) answer differently. */
const claimSets = fc
  .tuple(
    fc.dictionary(claimNames, anyValue, { maxKeys: 9 }),
    fc.record(
      {
        iss: fc.constantFrom('https://login.example.com', 'https://elsewhere.test', 7),
        client_id: fc.constantFrom('app', null),
        htm: fc.constant('POST'),
        htu: fc.constant('https://api.example.com/'),
      },
      { requiredKeys: [] },
    ),
  )
  .map(([extra, known]) => ({ ...extra, ...known }));
const headers = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HEADERS) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 6 }), anyValue, { maxKeys: 4 }) },
);
const POLICIES: readonly Policy[] = [
  DEFAULT_POLICY,
  { ...DEFAULT_POLICY, allowedAlgorithms: ['ES256'], requiredClaims: ['tenant'] },
];
const purposes = fc.constantFrom<TokenPurpose>('access', 'id', 'refresh', 'unknown');
const sightingSets = fc.array(
  fc.record({
    where: fc.constantFrom('request-header', 'query', 'set-cookie', 'storage', 'input' as const),
    name: fc.constantFrom('Authorization', 'token', 'refresh_token'),
    scheme: fc.constantFrom('https', 'http'),
    url: fc.constantFrom('https://api.example.com/x', 'http://tracker.test/p?t=1', ''),
  }),
  { maxLength: 3 },
);

/** Hits as sorted JSON: the plan may order them differently (findings are sorted later). */
function canonical(hits: readonly RuleHit[]): string[] {
  return hits.map((hit) => JSON.stringify(hit)).sort();
}

function oneByOne(ctx: RuleContext): RuleHit[] {
  return [...TOKEN_RULES, ...CONTEXT_RULES, checkWebStorage].flatMap((rule) => rule(ctx));
}

function planned(ctx: RuleContext): RuleHit[] {
  const out: RuleHit[] = [];
  runTokenPlan(ctx, out);
  return out;
}

function contextOf(
  token: ParsedToken,
  policy: Policy,
  purpose: TokenPurpose,
  seen: readonly { where: string; name: string; scheme: string; url: string }[],
): RuleContext {
  const sightings = seen.map((s, i) => sighting({ ...(s as object), id: String(i) }));
  return { record: { token, sightings, purpose }, policy, now: NOW };
}

describe('runTokenPlan', () => {
  it('gives the hits of every rule run one by one, for parsed tokens', () => {
    fc.assert(
      fc.property(
        headers,
        claimSets,
        fc.uint8Array({ minLength: 0, maxLength: 70 }),
        fc.constantFrom(...POLICIES),
        purposes,
        sightingSets,
        (header, claims, signature, policy, purpose, seen) => {
          const token = parseToken(`${b64(header)}.${b64(claims)}.${b64(signature)}`);
          const ctx = contextOf(token, policy, purpose, seen);
          const expected = canonical(oneByOne(ctx));
          // Twice: the first run may fill the per-header cache, the second reads it.
          expect(canonical(planned(ctx))).toEqual(expected);
          expect(canonical(planned(ctx))).toEqual(expected);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('keeps apart tokens of different kinds that share one header object', () => {
    const header = Object.freeze({ alg: 'RSA1_5', enc: 'A128GCM', zip: 'DEF' });
    for (const kind of ['jwe', 'jws', 'unsecured', 'malformed'] as const) {
      const token: ParsedToken = {
        text: 'x',
        fingerprint: '0'.repeat(16),
        kind,
        segments: kind === 'jwe' ? ['a', 'b', 'c', 'd', 'e'] : ['a', 'b', 'c'],
        header,
        claims: { sub: 'u' },
        errors: kind === 'malformed' ? ['bad'] : [],
        warnings: [],
      };
      const ctx = contextOf(token, DEFAULT_POLICY, 'unknown', []);
      expect(canonical(planned(ctx)), kind).toEqual(canonical(oneByOne(ctx)));
    }
  });

  it('does not cache what a hand-built, unfrozen header says', () => {
    const header: Record<string, unknown> = { alg: 'HS256' };
    const token: ParsedToken = {
      text: 'x',
      fingerprint: '0'.repeat(16),
      kind: 'jws',
      segments: ['a', 'b', 'c'],
      header,
      claims: {},
      errors: [],
      warnings: [],
    };
    const ctx = contextOf(token, DEFAULT_POLICY, 'unknown', []);
    expect(planned(ctx).map((h) => h.ruleId)).toContain('hmac-symmetric');
    header.alg = 'RS256';
    expect(planned(ctx).map((h) => h.ruleId)).toContain('alg-rsa-pkcs1v15');
  });
});

describe('runTokenPlan on an opaque token', () => {
  it('runs the context and local rules only, whatever a hand-built token carries', () => {
    // Capture never gives an opaque token a header or claims; the plan must not judge them if one had.
    const token: ParsedToken = {
      ...parseToken(`${b64({ alg: 'none' })}.${b64({ sub: 'x', email: 'a@example.test' })}.`),
      kind: 'opaque',
    };
    const record = {
      token,
      sightings: [sighting({ scheme: 'http', url: 'http://api.example.test/me' })],
      purpose: 'access' as TokenPurpose,
    };
    const ctx: RuleContext = { record, policy: DEFAULT_POLICY, now: NOW };
    const out: RuleHit[] = [];
    runTokenPlan(ctx, out);
    expect(out.map((hit) => hit.ruleId)).toEqual(['transport-cleartext']);
    const jwtHits: RuleHit[] = [];
    for (const rule of TOKEN_RULES)
      jwtHits.push(...rule({ ...ctx, record: { ...record, token: { ...token, kind: 'unsecured' } } }));
    expect(jwtHits.map((hit) => hit.ruleId)).toContain('alg-none');
  });
});
