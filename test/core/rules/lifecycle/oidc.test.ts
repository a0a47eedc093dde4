import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkIdTokenAsBearer } from '../../../../src/core/rules/lifecycle/id-token-as-bearer';
import { checkOidcAtHashMismatch } from '../../../../src/core/rules/lifecycle/oidc-at-hash-mismatch';
import { checkOidcAzpMissing } from '../../../../src/core/rules/lifecycle/oidc-azp-missing';
import { checkOidcNonceMismatch } from '../../../../src/core/rules/lifecycle/oidc-nonce-mismatch';
import type { TokenRecord } from '../../../../src/core/types';
import { authorization, family, model, presented, record, TEST_POLICY, token } from './models';

/** The OIDC half hash, computed with node:crypto (independent of the engine's own hashes). */
function halfHash(value: string, hash: 'sha256' | 'sha384' | 'sha512'): string {
  const digest = createHash(hash).update(value, 'ascii').digest();
  return digest.subarray(0, digest.length / 2).toString('base64url');
}

function flow(alg: string, atHash: (access: TokenRecord) => string, extra: Record<string, unknown> = {}) {
  const access = record(token({ sub: 'alice' }), []);
  const id = record(token({ at_hash: atHash(access), ...extra }, { alg }), [], 'id');
  return {
    access,
    id,
    families: [
      family(
        'f1',
        [
          [access, 'access'],
          [id, 'id'],
        ],
        { authorization: 'auth-1' },
      ),
    ],
  };
}

describe('oidc-at-hash-mismatch', () => {
  it('is silent when at_hash matches the access token issued with it (RS256, PS384, ES512, Ed25519, EdDSA)', () => {
    const cases = [
      ['RS256', 'sha256'],
      ['PS384', 'sha384'],
      ['ES512', 'sha512'],
      ['Ed25519', 'sha512'],
      ['EdDSA', 'sha512'],
    ] as const;
    for (const [alg, hash] of cases) {
      const { access, id, families } = flow(alg, (a) => halfHash(a.token.text, hash));
      expect(checkOidcAtHashMismatch(model({ families }), [access, id], TEST_POLICY), alg).toEqual([]);
    }
  });

  it('fires when at_hash was made for another access token, or with the wrong hash for the alg', () => {
    for (const [alg, wrong] of [
      ['RS256', (_: TokenRecord) => halfHash('another-access-token', 'sha256')],
      ['RS384', (a: TokenRecord) => halfHash(a.token.text, 'sha256')],
    ] as const) {
      const { access, id, families } = flow(alg, wrong);
      const hits = checkOidcAtHashMismatch(model({ families }), [access, id], TEST_POLICY);
      expect(
        hits.map((h) => h.fingerprint),
        alg,
      ).toEqual([id.token.fingerprint]);
      expect(hits[0]?.detail).toContain(
        `at_hash does not match the access token ${access.token.fingerprint} issued with it`,
      );
      expect(hits[0]?.evidence).toContainEqual({
        label: `expected for the access token ${access.token.fingerprint}`,
        value: halfHash(access.token.text, alg === 'RS256' ? 'sha256' : 'sha384'),
      });
    }
  });

  it('checks c_hash against the code of the flow, masking the code', () => {
    const code = 'SplxlOBeZQQYbYS6WxSbIA';
    const { access, id, families } = flow('RS256', (a) => halfHash(a.token.text, 'sha256'), {
      c_hash: halfHash('other-code', 'sha256'),
    });
    const m = model({ families, authorizations: [authorization('auth-1', undefined, code)] });
    const hits = checkOidcAtHashMismatch(m, [access, id], TEST_POLICY);
    expect(hits).toHaveLength(1);
    expect(hits[0]?.detail).toContain('c_hash does not match the authorization code');
    expect(hits[0]?.evidence).toContainEqual({ label: 'code', value: 'Sp…', raw: code });
    const good = flow('RS256', (a) => halfHash(a.token.text, 'sha256'), { c_hash: halfHash(code, 'sha256') });
    const fine = model({
      families: good.families,
      authorizations: [authorization('auth-1', undefined, code)],
    });
    expect(checkOidcAtHashMismatch(fine, [good.access, good.id], TEST_POLICY)).toEqual([]);
  });

  it('does not judge an alg whose hash it does not know, nor an ID token with no access token beside it', () => {
    const ed448 = flow('EdDSA', () => 'x'.repeat(76));
    const none = flow('none', () => 'AAAA');
    const alone = record(token({ at_hash: 'AAAA' }, { alg: 'RS256' }), [], 'id');
    const families = [...ed448.families, ...none.families, family('f9', [[alone, 'id']])];
    expect(
      checkOidcAtHashMismatch(
        model({ families }),
        [ed448.access, ed448.id, none.access, none.id, alone],
        TEST_POLICY,
      ),
    ).toEqual([]);
  });
});

describe('oidc-nonce-mismatch', () => {
  function issued(nonce: unknown, over: Parameters<typeof family>[2] = {}) {
    const id = record(token(nonce === undefined ? { sub: 'a' } : { sub: 'a', nonce }), [], 'id');
    return { id, families: [family('f1', [[id, 'id']], { authorization: 'auth-1', ...over })] };
  }

  it('fires when the ID token carries another nonce, or none, than the authorization request sent', () => {
    for (const [nonce, says] of [
      ['other-nonce-value', 'carries nonce ot…'],
      [undefined, 'carries no nonce'],
    ] as const) {
      const { id, families } = issued(nonce);
      const m = model({ families, authorizations: [authorization('auth-1', 'n-0S6_WzA2Mj')] });
      const hits = checkOidcNonceMismatch(m, [id], TEST_POLICY);
      expect(hits).toHaveLength(1);
      expect(hits[0]?.detail).toBe(
        `the authorization request (auth-1 at 2025-03-14T09:00:00.000Z) sent nonce n-…, but the ID token issued for that flow (token response token-f1) ${says}`,
      );
    }
  });

  it('is silent when the nonce matches, when none was sent, and for a refreshed ID token', () => {
    const same = issued('n-0S6_WzA2Mj');
    const auth = [authorization('auth-1', 'n-0S6_WzA2Mj')];
    expect(
      checkOidcNonceMismatch(
        model({ families: same.families, authorizations: auth }),
        [same.id],
        TEST_POLICY,
      ),
    ).toEqual([]);
    const unsent = issued('whatever');
    expect(
      checkOidcNonceMismatch(
        model({ families: unsent.families, authorizations: [authorization('auth-1')] }),
        [unsent.id],
        TEST_POLICY,
      ),
    ).toEqual([]);
    const refreshed = issued(undefined, { grantType: 'refresh_token', parent: 'f0' });
    expect(
      checkOidcNonceMismatch(
        model({ families: refreshed.families, authorizations: auth }),
        [refreshed.id],
        TEST_POLICY,
      ),
    ).toEqual([]);
  });
});

describe('oidc-azp-missing', () => {
  it('fires for an ID token with several audiences and no azp', () => {
    const id = record(token({ aud: ['spa', 'https://api.example.test'] }), [], 'id');
    const hits = checkOidcAzpMissing(model(), [id], TEST_POLICY);
    expect(hits.map((h) => h.detail)).toEqual([
      'the ID token names 2 audiences (spa, https://api.example.test) and no azp, so it does not say which client it was issued to',
    ]);
  });

  it('is silent with azp, with one audience (even repeated), and for access tokens', () => {
    const records = [
      record(token({ aud: ['spa', 'api'], azp: 'spa' }), [], 'id'),
      record(token({ aud: ['spa', 'spa'] }), [], 'id'),
      record(token({ aud: 'spa' }), [], 'id'),
      record(token({ aud: ['spa', 'api'] }), [], 'access'),
    ];
    expect(checkOidcAzpMissing(model(), records, TEST_POLICY)).toEqual([]);
  });

  it('trusts the family role over the purpose guess', () => {
    const guessedAccess = record(token({ aud: ['spa', 'api'] }), [], 'access');
    const m = model({ families: [family('f1', [[guessedAccess, 'id']])] });
    expect(checkOidcAzpMissing(m, [guessedAccess], TEST_POLICY)).toHaveLength(1);
  });
});

describe('id-token-as-bearer', () => {
  const idToken = () => record(token({ iss: 'https://op.example.test', aud: 'spa-client' }), [], 'id');

  it('fires when an ID token is sent in an Authorization header to an API', () => {
    const id = idToken();
    const uses = presented(id, [5], undefined, 'https://api.shop.test/v1/orders');
    const hits = checkIdTokenAsBearer(
      model({ uses, families: [family('f1', [[id, 'id']])] }),
      [id],
      TEST_POLICY,
    );
    expect(hits).toHaveLength(1);
    expect(hits[0]?.detail).toMatch(
      /^the ID token was sent as a bearer credential in 1 request to api\.shop\.test\/v1 \(.*\); 1 accepted/,
    );
  });

  it("fires at the issuer's own site too: its UserInfo endpoint wants an access token (OIDC Core §5.3.1)", () => {
    const id = idToken();
    const uses = presented(id, [1], undefined, 'https://op.example.test/userinfo');
    const hits = checkIdTokenAsBearer(model({ uses }), [id], TEST_POLICY);
    expect(hits.map((h) => h.ruleId)).toEqual(['id-token-as-bearer']);
  });

  it('is silent for a service its audience names, id_token_hint in a URL, and access tokens', () => {
    const id = idToken();
    const minted = record(
      token({ iss: 'https://accounts.example.test', aud: 'https://run.app.test' }),
      [],
      'id',
    );
    const access = record(token({ iss: 'https://op.example.test' }), [], 'access');
    const uses = [
      ...presented(id, [2], undefined, 'https://api.shop.test/logout', {
        where: 'query',
        name: 'id_token_hint',
      }),
      ...presented(minted, [3], undefined, 'https://svc.run.app.test/v1/x'),
      ...presented(access, [4], undefined, 'https://api.shop.test/v1/orders'),
    ];
    expect(checkIdTokenAsBearer(model({ uses }), [id, minted, access], TEST_POLICY)).toEqual([]);
  });
});
