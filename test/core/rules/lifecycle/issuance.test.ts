import { describe, expect, it } from 'vitest';
import { checkJtiReused } from '../../../../src/core/rules/lifecycle/jti-reused';
import { checkRefreshTokenNotRotated } from '../../../../src/core/rules/lifecycle/refresh-token-not-rotated';
import { checkTokenLifetimeMismatch } from '../../../../src/core/rules/lifecycle/token-lifetime-mismatch';
import { family, model, record, sighting, T0, TEST_POLICY, token } from './models';

describe('jti-reused', () => {
  it('fires on each of two distinct tokens of one issuer with the same jti, masking it', () => {
    const a = record(token({ iss: 'https://op', jti: 'abc-123-def' }), [
      sighting({ startedAt: '2025-03-14T09:00:00.000Z' }),
    ]);
    const b = record(token({ iss: 'https://op', jti: 'abc-123-def' }), []);
    const hits = checkJtiReused(model(), [a, b], TEST_POLICY);
    expect(hits.map((h) => h.fingerprint)).toEqual([a.token.fingerprint, b.token.fingerprint]);
    expect(hits[0]?.detail).toBe(
      `jti ab… of issuer https://op is carried by 2 distinct tokens: this one (first seen 2025-03-14T09:00:00.000Z) and ${b.token.fingerprint} (first seen time unknown)`,
    );
    expect(hits[0]?.evidence?.[0]).toEqual({ label: 'jti', value: 'ab…', raw: 'abc-123-def' });
  });

  it('is silent for other issuers, distinct ids, issuer-less tokens and a malformed copy', () => {
    const a = record(token({ iss: 'https://op', jti: 'x1' }), []);
    const records = [
      a,
      record(token({ iss: 'https://other', jti: 'x1' }), []),
      record(token({ iss: 'https://op', jti: 'x2' }), []),
      record(token({ jti: 'n' }), []),
      record(token({ jti: 'n' }), []),
      record(token({ iss: 'https://op', jti: 'x1' }, { alg: 'RS256' }, 'malformed'), []),
    ];
    expect(checkJtiReused(model(), records, TEST_POLICY)).toEqual([]);
  });

  it("groups by issuer and jti, in order of each group's first token, a group of three whole", () => {
    const t = (iss: string, jti: string) => record(token({ iss, jti }), []);
    // Issuers interleaved, and the second group's second token comes before the first group's.
    const [a1, b1, b2, a2, c1, a3] = [
      t('https://a', 'j'),
      t('https://b', 'j'),
      t('https://b', 'j'),
      t('https://a', 'j'),
      t('https://c', 'j'),
      t('https://a', 'j'),
    ];
    const hits = checkJtiReused(model(), [a1, b1, b2, a2, c1, a3] as never, TEST_POLICY);
    const fp = (r: typeof a1) => r?.token.fingerprint;
    expect(hits.map((h) => h.fingerprint)).toEqual([fp(a1), fp(a2), fp(a3), fp(b1), fp(b2)]);
    expect(hits[0]?.detail).toContain('is carried by 3 distinct tokens');
    expect(hits[3]?.detail).toContain('of issuer https://b is carried by 2 distinct tokens');
  });

  it('counts a nested JWT and its inner token seen alone as one token', () => {
    const inner = token({ iss: 'https://op', jti: 'j' });
    const outer = token(undefined, { alg: 'RS256', cty: 'JWT' });
    outer.nested = inner;
    expect(checkJtiReused(model(), [record(outer, []), record(inner, [])], TEST_POLICY)).toEqual([]);
  });
});

describe('refresh-token-not-rotated', () => {
  const rt = () => record(token(undefined, {}, 'opaque'), [], 'refresh');

  it('fires on a refresh grant answered without a refresh token, and on one answering the same one', () => {
    const old = rt();
    const other = rt();
    const access = record(token({ sub: 'a' }), []);
    const none = family(
      'f2',
      [[access, 'access']],
      { grantType: 'refresh_token', refreshedWith: old.token.fingerprint, parent: 'f1' },
      600,
    );
    const same = family(
      'f3',
      [
        [access, 'access'],
        [other, 'refresh'],
      ],
      { grantType: 'refresh_token', refreshedWith: other.token.fingerprint },
      900,
    );
    const hits = checkRefreshTokenNotRotated(
      model({ families: [none, same] }),
      [old, other, access],
      TEST_POLICY,
    );
    expect(hits.map((h) => h.fingerprint)).toEqual([old.token.fingerprint, other.token.fingerprint]);
    expect(hits[0]?.detail).toBe(
      'the refresh grant (request token-f2 at 2025-03-14T09:10:00.000Z) answered without a new refresh token, so the one presented stays in use: it is not rotated',
    );
    expect(hits[1]?.detail).toContain('answered with the same refresh token it was given');
  });

  it('reports one refresh token used in several unrotated grants once', () => {
    const old = rt();
    const access = record(token({ sub: 'a' }), []);
    const grant = (id: string, at: number) =>
      family(
        id,
        [[access, 'access']],
        { grantType: 'refresh_token', refreshedWith: old.token.fingerprint },
        at,
      );
    const hits = checkRefreshTokenNotRotated(
      model({ families: [grant('f2', 600), grant('f3', 1200)] }),
      [old, access],
      TEST_POLICY,
    );
    expect(hits).toHaveLength(1);
    expect(hits[0]?.detail).toBe(
      '2 refresh grants with it (the first: request token-f2 at 2025-03-14T09:10:00.000Z) answered without a new refresh token, so the one presented stays in use: it is not rotated',
    );
  });

  it('is silent when the grant rotates the refresh token, for other grants, and for sender-constrained tokens', () => {
    const old = rt();
    const next = rt();
    const bound = record(token({ sub: 'a', cnf: { jkt: 'thumb' } }), []);
    const families = [
      family('f2', [[next, 'refresh']], { grantType: 'refresh_token', refreshedWith: old.token.fingerprint }),
      family('f1', [[record(token({ sub: 'a' }), []), 'access']]),
      family('f3', [[bound, 'access']], { grantType: 'refresh_token', refreshedWith: old.token.fingerprint }),
    ];
    expect(checkRefreshTokenNotRotated(model({ families }), [old, next, bound], TEST_POLICY)).toEqual([]);
  });
});

describe('token-lifetime-mismatch', () => {
  it('fires when expires_in and exp − iat differ by more than the skew', () => {
    const access = record(token({ iat: T0, exp: T0 + 3600 }), []);
    const hits = checkTokenLifetimeMismatch(
      model({ families: [family('f1', [[access, 'access']], { expiresIn: 300 })] }),
      [access],
      TEST_POLICY,
    );
    expect(hits).toHaveLength(1);
    expect(hits[0]?.detail).toBe(
      "the token response (request token-f1 at 2025-03-14T09:00:00.000Z) says expires_in 300 s (5 min), but the access token's exp − iat is 3600 s (1 h): 55 min longer, beyond the 1 min allowed",
    );
  });

  it('is silent within the skew, without expires_in, and for ID tokens or tokens without iat', () => {
    const access = record(token({ iat: T0, exp: T0 + 3630 }), []);
    const id = record(token({ iat: T0, exp: T0 + 60 }), [], 'id');
    const noIat = record(token({ exp: T0 + 60 }), []);
    const families = [
      family(
        'f1',
        [
          [access, 'access'],
          [id, 'id'],
        ],
        { expiresIn: 3600 },
      ),
      family('f2', [[noIat, 'access']], { expiresIn: 3600 }),
      family('f3', [[access, 'access']]),
    ];
    expect(checkTokenLifetimeMismatch(model({ families }), [access, id, noIat], TEST_POLICY)).toEqual([]);
  });

  it('is silent when expires_in is the time left from the token request to exp (iat backdated for skew)', () => {
    // Entra ID style: iat 5 min before the request, expires_in counted from the request.
    const access = record(token({ iat: T0 - 300, exp: T0 + 3600 }), []);
    const m = model({ families: [family('f1', [[access, 'access']], { expiresIn: 3599 })] });
    expect(checkTokenLifetimeMismatch(m, [access], TEST_POLICY)).toEqual([]);
  });

  it('reads the skew from the model', () => {
    const access = record(token({ iat: T0, exp: T0 + 3630 }), []);
    const m = model({ families: [family('f1', [[access, 'access']], { expiresIn: 3600 })], skewSeconds: 10 });
    expect(checkTokenLifetimeMismatch(m, [access], TEST_POLICY)).toHaveLength(1);
  });
});
