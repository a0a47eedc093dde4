import { describe, expect, it } from 'vitest';
import { TOKEN_CATALOG } from '../../../../src/core/rules/catalog/token';
import {
  b64,
  GOOD_CLAIMS,
  goodToken,
  hitOf,
  ids,
  jwe,
  jws,
  NOW,
  type RunOptions,
  run,
  sighting,
} from './helpers';

interface Case {
  text: string;
  options?: RunOptions;
}

interface RuleCase {
  id: string;
  fires: Case;
  /** A piece of the detail the firing hit must contain. */
  detail: string;
  quiet: Case;
}

const sig = (n: number, fill = 7) => new Uint8Array(n).fill(fill);
const good: Case = { text: goodToken() };
const apiSighting = sighting({ url: 'https://api.example.com/orders' });
const expect_ = (over: Record<string, unknown>) => ({
  sightings: [apiSighting],
  policy: { expectations: [{ host: '*.example.com', ...over }] },
});

const CASES: RuleCase[] = [
  {
    id: 'fmt-malformed',
    fires: { text: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9...' },
    detail: 'truncated',
    quiet: good,
  },
  {
    id: 'payload-not-jwt-claims',
    fires: { text: `${b64({ alg: 'ES256', typ: 'app+jwt' })}.${b64('[1,2]')}.${b64(sig(64))}` },
    detail: 'JSON array',
    quiet: good,
  },
  {
    id: 'alg-none',
    fires: { text: jws({ alg: 'none' }, GOOD_CLAIMS, sig(0)) },
    detail: '"none"',
    quiet: good,
  },
  {
    id: 'alg-unregistered',
    fires: { text: goodToken({}, { alg: 'HS257' }) },
    detail: 'not in the IANA',
    quiet: good,
  },
  {
    id: 'alg-deprecated-polymorphic',
    fires: { text: goodToken({}, { alg: 'EdDSA' }) },
    detail: 'Ed25519',
    quiet: { text: goodToken({}, { alg: 'Ed25519' }) },
  },
  {
    id: 'alg-post-quantum',
    fires: { text: goodToken({}, { alg: 'ML-DSA-65' }) },
    detail: 'RFC 9964',
    quiet: { text: goodToken({}, { alg: 'ES256' }) },
  },
  {
    id: 'alg-rsa-pkcs1v15',
    fires: { text: jws({ alg: 'RS256', typ: 'app+jwt' }, GOOD_CLAIMS, sig(256)) },
    detail: '"RS256"',
    quiet: { text: jws({ alg: 'PS256', typ: 'app+jwt' }, GOOD_CLAIMS, sig(256)) },
  },
  {
    id: 'hmac-symmetric',
    fires: { text: jws({ alg: 'HS256', typ: 'app+jwt' }, GOOD_CLAIMS, sig(32)) },
    detail: '"HS256"',
    quiet: good,
  },
  {
    id: 'alg-confusion-indicator',
    fires: { text: jws({ alg: 'HS256', typ: 'app+jwt', kid: 'rsa-signing-key' }, GOOD_CLAIMS, sig(32)) },
    detail: 'names an RSA/EC/public key',
    quiet: { text: jws({ alg: 'HS256', typ: 'app+jwt', kid: 'k1' }, GOOD_CLAIMS, sig(32)) },
  },
  { id: 'sig-stripped', fires: { text: goodToken().replace(/\.[^.]*$/, '.') }, detail: 'empty', quiet: good },
  {
    id: 'sig-ecdsa-zero',
    fires: { text: jws({ alg: 'ES256', typ: 'app+jwt' }, GOOD_CLAIMS, sig(64, 0)) },
    detail: 'r = s = 0',
    quiet: good,
  },
  {
    id: 'sig-length-mismatch',
    fires: { text: jws({ alg: 'ES256', typ: 'app+jwt' }, GOOD_CLAIMS, sig(63)) },
    detail: '63 bytes',
    quiet: good,
  },
  {
    id: 'rsa-key-too-short',
    fires: { text: jws({ alg: 'PS256', typ: 'app+jwt' }, GOOD_CLAIMS, sig(128)) },
    detail: '1024 bits',
    quiet: { text: jws({ alg: 'PS256', typ: 'app+jwt' }, GOOD_CLAIMS, sig(256)) },
  },
  {
    id: 'hdr-jwk-embedded',
    fires: { text: goodToken({}, { jwk: { kty: 'EC', crv: 'P-256', x: 'AA', y: 'AA' } }) },
    detail: 'kty "EC"',
    quiet: good,
  },
  {
    id: 'hdr-jku-x5u',
    fires: { text: goodToken({}, { jku: 'https://attacker.net/jwks.json' }) },
    detail: 'unrelated to the issuer',
    quiet: good,
  },
  {
    id: 'hdr-x5c-embedded',
    fires: { text: goodToken({}, { x5c: ['MIIB'] }) },
    detail: '1 certificate',
    quiet: good,
  },
  {
    id: 'hdr-kid-injection',
    fires: { text: goodToken({}, { kid: "x' OR 1=1 --" }) },
    detail: 'SQL metacharacters',
    quiet: { text: goodToken({}, { kid: 'key-2024-01' }) },
  },
  {
    id: 'hdr-crit-extension',
    fires: { text: goodToken({}, { crit: ['exp'], exp: 1 }) },
    detail: 'crit lists "exp"',
    quiet: good,
  },
  {
    id: 'hdr-nonstandard',
    fires: { text: goodToken({}, { type: 'JWT' }) },
    detail: 'did the issuer mean "typ"',
    quiet: good,
  },
  {
    id: 'typ-not-explicit',
    fires: { text: goodToken({}, { typ: 'JWT' }) },
    detail: 'generic "JWT"',
    quiet: good,
  },
  {
    id: 'at-profile-nonconformant',
    fires: { text: goodToken(), options: { purpose: 'access' } },
    detail: 'missing client_id',
    quiet: { text: goodToken({ client_id: 'web' }, { typ: 'at+jwt' }), options: { purpose: 'access' } },
  },
  {
    id: 'logout-token-nonconformant',
    fires: { text: goodToken({ nonce: 'n-0S6' }, { typ: 'logout+jwt' }), options: { purpose: 'logout' } },
    detail: 'an ID token could be passed off as one',
    quiet: {
      text: goodToken(
        { sid: 's-1', events: { 'http://schemas.openid.net/event/backchannel-logout': {} } },
        { typ: 'logout+jwt' },
      ),
      options: { purpose: 'logout' },
    },
  },
  {
    id: 'dpop-proof-nonconformant',
    fires: {
      text: jws(
        { typ: 'dpop+jwt', alg: 'HS256' },
        { jti: 'j', htm: 'GET', htu: 'https://a.example/', iat: NOW },
      ),
      options: { purpose: 'dpop' },
    },
    detail: 'a MAC: a proof must be signed with an asymmetric key',
    quiet: {
      text: goodToken(
        { htm: 'GET', htu: 'https://a.example/' },
        { typ: 'dpop+jwt', jwk: { kty: 'EC', crv: 'P-256', x: 'AA', y: 'AA' } },
      ),
      options: { purpose: 'dpop' },
    },
  },
  {
    id: 'jwe-rsa1_5',
    fires: { text: jwe({ alg: 'RSA1_5', enc: 'A128GCM' }) },
    detail: '"RSA1_5"',
    quiet: { text: jwe({ alg: 'RSA-OAEP-256', enc: 'A256GCM' }) },
  },
  {
    id: 'jwe-compression',
    fires: { text: jwe({ alg: 'RSA-OAEP-256', enc: 'A256GCM', zip: 'DEF' }) },
    detail: 'compressed before encryption',
    quiet: { text: jwe({ alg: 'RSA-OAEP-256', enc: 'A256GCM' }) },
  },
  {
    id: 'jwe-pbes2',
    fires: { text: jwe({ alg: 'PBES2-HS256+A128KW', enc: 'A128GCM', p2c: 10, p2s: 'AAAA' }) },
    detail: 'p2c is 10 (below the 1000',
    quiet: { text: jwe({ alg: 'RSA-OAEP-256', enc: 'A256GCM' }) },
  },
  {
    id: 'jwe-opaque',
    fires: { text: jwe({ alg: 'dir', enc: 'A256GCM' }) },
    detail: 'Encrypted token',
    quiet: good,
  },
  { id: 'exp-missing', fires: { text: goodToken({ exp: undefined }) }, detail: 'never expires', quiet: good },
  {
    id: 'exp-expired',
    fires: { text: goodToken({ iat: NOW - 4000, exp: NOW - 3780 }) },
    detail: '1 h 3 min before 2023-11-14T22:13:20Z (reference time, no request time known)',
    quiet: good,
  },
  {
    id: 'lifetime-excessive',
    fires: { text: goodToken({ iat: NOW, exp: NOW + 7380 }) },
    detail: 'lives 2 h 3 min (exp − iat)',
    quiet: good,
  },
  {
    id: 'time-claim-invalid',
    fires: { text: goodToken({ exp: String(NOW + 600) }) },
    detail: '(a string)',
    quiet: good,
  },
  { id: 'iss-missing', fires: { text: goodToken({ iss: undefined }) }, detail: 'No "iss"', quiet: good },
  { id: 'sub-missing', fires: { text: goodToken({ sub: undefined }) }, detail: 'No "sub"', quiet: good },
  { id: 'aud-missing', fires: { text: goodToken({ aud: undefined }) }, detail: 'No "aud"', quiet: good },
  { id: 'aud-invalid', fires: { text: goodToken({ aud: [] }) }, detail: 'empty array', quiet: good },
  { id: 'jti-missing', fires: { text: goodToken({ jti: undefined }) }, detail: 'No "jti"', quiet: good },
  { id: 'iat-missing', fires: { text: goodToken({ iat: undefined }) }, detail: 'No "iat"', quiet: good },
  {
    id: 'pii-oidc-claims',
    fires: { text: goodToken({ email: 'jane@example.org' }) },
    detail: 'email',
    quiet: good,
  },
  {
    id: 'pii-value-pattern',
    fires: { text: goodToken({ note: 'call +44 20 7946 0958' }) },
    detail: 'note: phone number (E.164)',
    quiet: good,
  },
  {
    id: 'secret-in-payload',
    fires: { text: goodToken({ client_secret: 'not-a-real-secret' }) },
    detail: 'client_secret: credential by claim name',
    quiet: good,
  },
  {
    id: 'authz-claims-visible',
    fires: { text: goodToken({ scope: 'read write' }) },
    detail: 'scope',
    quiet: good,
  },
  {
    id: 'alg-not-allowed',
    fires: { text: goodToken(), options: { policy: { allowedAlgorithms: ['RS256', 'PS256'] } } },
    detail: 'alg "ES256" is not allowed by the policy (allowed: "RS256" and "PS256")',
    quiet: { text: goodToken(), options: { policy: { allowedAlgorithms: ['ES256'] } } },
  },
  {
    id: 'iss-unexpected',
    fires: { text: goodToken(), options: expect_({ issuers: ['https://idp.other.com'] }) },
    detail: 'Sent to api.example.com (policy "*.example.com") with iss "https://login.example.com"',
    quiet: { text: goodToken(), options: expect_({ issuers: ['https://login.example.com'] }) },
  },
  {
    id: 'aud-unexpected',
    fires: { text: goodToken(), options: expect_({ audiences: ['orders'] }) },
    detail: 'with aud "api"; expected "orders"',
    quiet: { text: goodToken({ aud: ['api', 'orders'] }), options: expect_({ audiences: ['orders'] }) },
  },
  {
    id: 'claim-required-missing',
    fires: { text: goodToken(), options: { policy: { requiredClaims: ['tenant', 'sub'] } } },
    detail: 'missing: "tenant"',
    quiet: { text: goodToken({ tenant: 't1' }), options: { policy: { requiredClaims: ['tenant'] } } },
  },
];

describe('TOKEN_RULES: one firing and one quiet token per rule id', () => {
  it.each(CASES)('$id fires', ({ id, fires, detail }) => {
    const hit = hitOf(run(fires.text, fires.options), id);
    expect(hit?.ruleId).toBe(id);
    expect(hit?.detail).toContain(detail);
  });

  it.each(CASES)('$id stays quiet', ({ id, quiet }) => {
    expect(ids(run(quiet.text, quiet.options))).not.toContain(id);
  });

  it('the well-formed baseline token fires nothing at all', () => {
    expect(run(goodToken())).toEqual([]);
  });

  it('covers every id of the token catalog (plus the token half of alg-confusion-indicator)', () => {
    const catalog = [...TOKEN_CATALOG.map((r) => r.id), 'alg-confusion-indicator'].sort();
    expect(CASES.map((c) => c.id).sort()).toEqual(catalog);
  });

  it('never emits an id the catalogs do not know', () => {
    const known = new Set([...TOKEN_CATALOG.map((r) => r.id), 'alg-confusion-indicator']);
    const emitted = CASES.flatMap((c) => [
      ...ids(run(c.fires.text, c.fires.options)),
      ...ids(run(c.quiet.text, c.quiet.options)),
    ]);
    expect(emitted.filter((id) => !known.has(id))).toEqual([]);
  });
});
