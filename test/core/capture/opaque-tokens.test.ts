import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  authorizationCredential,
  isOpaqueTokenText,
  isTokenFieldName,
  isTokenParameterEndpoint,
  MAX_OPAQUE_CHARS,
  mayNameToken,
  opaqueTokensNamedIn,
} from '../../../src/core/capture/opaque-tokens';
import { fakeJwt } from './har-builders';

/**
 * Values shaped like real providers' opaque tokens (synthetic: same alphabet, length and structure as the
 * formats their documentation shows, never a live credential).
 */
const REAL_SHAPES: [string, string][] = [
  ['RFC 6749 §4.1.4 example access token', '2YotnFZFEjr1zCsicMWpAA'],
  ['RFC 6749 §4.1.4 example refresh token', 'tGzv3JOkF0XG5Qx2TlKWIA'],
  ['GitHub OAuth (gho_ + 36)', 'gho_16C7e42F292c6912E7710c838347Ae178B4a'],
  ['Google access token (ya29.)', 'ya29.a0AfB_byC3kQ9zVv-Xr2LmN8pQrStUvWx0yZ1aBcDeFgHiJkLmNoPq'],
  ['Google refresh token (1//, with slashes)', '1//0gLp3xYzAbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdEfGh'],
  ['oidc-provider opaque (43 base64url)', 'Kq7Zt0bYw3vX9mN2pL5sR8dF1gH4jK6lQ0wE3rT5yU7'],
  ['Salesforce (00D…!…)', '00D5e000000ABCd!AQ4AQFgy6qHcXeLG1sCm5lW0qTj5l9AbC.dEfGhIjK'],
  ['Microsoft account refresh (…!…*…$$)', 'M.C105_BAY.0.U.-CsFgH1!kLm*NoP2qRsT3uVwX4yZ$$'],
  ['Spring Security OAuth2 (UUID)', 'f3f3a5e2-1f6b-4a4e-9b67-3d2c8f2a9e11'],
  ['hex (32)', '9f86d081884c7d659a2feaa0c55ad015'],
  ['base64 with padding', 'QWxhZGRpbjpvcGVuIHNlc2FtZQ/+x=='],
];

describe('isOpaqueTokenText: what is a credential', () => {
  it.each(REAL_SHAPES)('accepts %s', (_name, value) => {
    expect(isOpaqueTokenText(value)).toBe(true);
  });

  it('accepts a value of exactly 16 characters and of the maximum length', () => {
    expect(isOpaqueTokenText('aB3dE5gH7jK9mN1p')).toBe(true);
    const long = 'aB3dE5gH7jK9mN1p'.repeat(MAX_OPAQUE_CHARS / 16);
    expect(long).toHaveLength(MAX_OPAQUE_CHARS);
    expect(isOpaqueTokenText(long)).toBe(true);
  });

  it.each([
    ['too short (15 characters: RFC 6750 §2.1 example)', 'mF_9.B5f-4.1JqM'],
    ['too long', 'aB3dE5gH7jK9mN1p'.repeat(MAX_OPAQUE_CHARS / 16 + 1)],
    ['empty', ''],
    ['null', 'null'],
    ['undefined', 'undefined'],
    ['[object Object]', '[object Object]'],
    ['a placeholder sentence', 'your_access_token_here'],
    ['a placeholder in capitals', 'YOUR_REFRESH_TOKEN_HERE'],
    ['a placeholder in camel case', 'InsertYourAccessToken1'],
    ['Bearer inside the value', 'Bearer1a2b3c4d5e6f7g8h'],
    ['a redacted marker', 'REDACTED-0000-0000-0000'],
    ['an example value', 'example-refresh-123456'],
    ['a word in one case', 'not_available_yet'],
    ['upper-case words', 'UNAUTHORIZED_CLIENT'],
    ['repeated characters', 'xxxxxxxxxxxxxxxxxxxx'],
    ['asterisks', '********************'],
    ['digits only (an id or a time)', '17100000000001234'],
    ['digits and punctuation (a card number)', '4111-1111-1111-1111'],
    ['spaces', 'abc def ghi jkl mno 123'],
    ['a URL', 'https://example.test/cb?x=1'],
    ['an e-mail address', 'alice.smith42@example.test'],
    ['JSON', '{"a":"bC3dE4fG5hI6jK7"}'],
    ['percent-encoded', 'abc%2Bdef%2FGhi1234567'],
    ['padding inside', 'abc=def0123456789XYZ'],
    ['only padding', '================'],
    ['non-ASCII', 'añoBcD3eFgH4iJkL5mN'],
    ['an HTML tag', '<script>alert(1)</script>'],
  ])('rejects %s', (_name, value) => {
    expect(isOpaqueTokenText(value)).toBe(false);
  });

  it('leaves JWTs, truncated JWTs and JWT-shaped text to the JWT path', () => {
    const jwt = fakeJwt({ sub: 'alice' });
    expect(isOpaqueTokenText(jwt)).toBe(false);
    expect(isOpaqueTokenText(`${jwt.split('.')[0]}...`)).toBe(false);
    expect(isOpaqueTokenText(`${jwt.split('.').slice(0, 2).join('.')}`)).toBe(false);
    expect(isOpaqueTokenText('eyJnot-a-header.but-dotted.value123')).toBe(false);
    // A header alone, cut at its first dot: a broken JWT, not an opaque token.
    expect(isOpaqueTokenText(jwt.split('.')[0] ?? '')).toBe(false);
  });

  it('takes base64 of other JSON with no dot (some providers wrap a reference that way)', () => {
    expect(isOpaqueTokenText(btoa(JSON.stringify({ ref: 'a1B2c3D4e5F6' })))).toBe(true);
  });

  it('takes a random token that merely contains eyJ somewhere', () => {
    expect(isOpaqueTokenText('Zk3eyJq9LmP0xW2vB7nC')).toBe(true);
  });
});

describe('isTokenFieldName', () => {
  it.each([
    'access_token',
    'refresh_token',
    'id_token',
    'accessToken',
    'refreshToken',
    'idToken',
    'AccessToken',
    'IdToken',
    'ACCESS_TOKEN',
    'access-token',
    'accesstoken',
    'sb-refresh-token',
    '__Host-access_token',
    'provider_refresh_token',
    'validIdToken',
  ])('names a token: %s', (name) => {
    expect(isTokenFieldName(name)).toBe(true);
  });

  it.each([
    'token',
    'csrf_token',
    'csrfToken',
    'valid_token',
    'validtoken',
    'paid_token',
    'token_type',
    'id_token_hint',
    'access_token_expires_at',
    'accessTokenSecret',
    'oauthaccesstoken',
    'refresh',
    'session',
    '',
  ])('does not name one: %s', (name) => {
    expect(isTokenFieldName(name)).toBe(false);
  });
});

describe('authorizationCredential', () => {
  it.each([
    ['Bearer abc', 'abc'],
    ['bearer  abc ', 'abc'],
    ['BEARER\tabc', 'abc'],
    ['DPoP abc', 'abc'],
  ])('reads %j', (value, credential) => {
    expect(authorizationCredential(value)).toBe(credential);
  });

  it.each([
    'Basic dXNlcjpwYXNz',
    'Bearer',
    'Bearer ',
    'Bearer a b',
    'Bearerabc',
    'Token abc',
    'abc',
    'MAC id="x"',
    'Bearer abc\t.',
    '\u212Aey abc',
  ])('finds no Bearer or DPoP credential in %j', (value) => {
    expect(authorizationCredential(value)).toBeUndefined();
  });

  it('reads what the expression of RFC 6750 §2.1 and RFC 9449 §7.1 captures, for any value', () => {
    const spec = /^[ \t]*(?:bearer|dpop)[ \t]+([^ \t]+)[ \t]*$/i;
    const unit = fc.constantFrom(
      ' ',
      '\t',
      '\n',
      'Bearer',
      'bEaReR',
      'DPoP',
      'dpop',
      'beare',
      'x',
      'eyJ',
      '\u017F',
      '\u212A',
      '\u0130',
      'é',
    );
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 12 }), (parts) => {
        const value = parts.join('');
        expect(authorizationCredential(value)).toBe(spec.exec(value)?.[1]);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('mayNameToken and isTokenParameterEndpoint', () => {
  it('lets through only text that names a token field', () => {
    expect(mayNameToken('{"access_token":"x"}')).toBe(true);
    expect(mayNameToken('a=1&REFRESH_TOKEN=2')).toBe(true);
    expect(mayNameToken('{"idToken":1}')).toBe(true);
    expect(mayNameToken('{"spoken":"broken","token_type":"Bearer"}')).toBe(false);
    expect(mayNameToken('{"items":[1,2,3]}')).toBe(false);
  });

  it('recognises revocation and introspection requests', () => {
    expect(isTokenParameterEndpoint('/oauth2/revoke', ['token'])).toBe(true);
    expect(isTokenParameterEndpoint('/token/revocation', ['token'])).toBe(true);
    expect(isTokenParameterEndpoint('/protocol/openid-connect/token/introspect', ['token'])).toBe(true);
    expect(isTokenParameterEndpoint('/api/anything', ['token', 'token_type_hint'])).toBe(true);
    expect(isTokenParameterEndpoint('/recaptcha/verify', ['token'])).toBe(false);
  });
});

describe('opaqueTokensNamedIn (web storage)', () => {
  const RT = 'Kq7Zt0bYw3vX9mN2pL5sR8dF1gH4jK6lQ0wE3rT5yU7';

  it('reads a token-named key, or token-named members of stored JSON, once each', () => {
    expect(opaqueTokensNamedIn('refresh_token', RT)).toEqual([RT]);
    expect(opaqueTokensNamedIn('refresh_token', JSON.stringify(RT))).toEqual([RT]);
    expect(opaqueTokensNamedIn('refresh_token', '"null"')).toEqual([]);
    expect(
      opaqueTokensNamedIn('session', JSON.stringify({ a: { refreshToken: RT }, b: [{ refresh_token: RT }] })),
    ).toEqual([RT]);
    expect(opaqueTokensNamedIn('session', RT)).toEqual([]);
    expect(opaqueTokensNamedIn('refresh_token', JSON.stringify({ refresh_token: RT }))).toEqual([]);
  });

  it('never throws and returns only credentials, whatever the key and value', () => {
    const value = fc.oneof(
      fc.string(),
      fc.jsonValue().map((v) => JSON.stringify(v) ?? ''),
    );
    fc.assert(
      fc.property(fc.string(), value, (key, text) => {
        for (const found of opaqueTokensNamedIn(key, text)) expect(isOpaqueTokenText(found)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
