import { createHash } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { auditCapture } from '../../../../src/core/audit';
import { captureHar } from '../../../../src/core/capture';
import { verifyTokens } from '../../../../src/core/keys/verify-tokens';
import type { AuditResult } from '../../../../src/core/types';
import { type EntryOptions, fakeJwt, jsonContent, makeEntry, makeHar } from '../../capture/har-builders';
import { API, APP, at, bearer, h, jwt, modelOf, OP, T0, tokenResponse } from '../../lifecycle/lifecycle-flow';

/**
 * Each lifecycle rule from HAR entries through capture, the real `buildLifecycle` and the auditor: one
 * capture that fires it, and its near miss that must not (issue 13: "a capture that fires it and one that
 * does not").
 */

const INVALID_TOKEN = [h('WWW-Authenticate', 'Bearer error="invalid_token"')];

/** A request to `url` presenting `token` as a Bearer credential, `seconds` after T0. */
const use = (seconds: number, token: string, url = `${API}/v1/me`, status = 200): EntryOptions => ({
  url,
  startedDateTime: at(seconds),
  requestHeaders: [bearer(token)],
  status,
  ...(status === 401 ? { responseHeaders: INVALID_TOKEN } : {}),
});

const ruleIds = (result: AuditResult, ruleId: string) => result.findings.filter((f) => f.ruleId === ruleId);
const findingsOf = (entries: EntryOptions[], ruleId: string) => ruleIds(modelOf(entries).result, ruleId);

/** OIDC Core §3.1.3.8: base64url of the left half of SHA-256 over the ASCII value. */
const halfHash = (value: string) =>
  createHash('sha256').update(value, 'ascii').digest().subarray(0, 16).toString('base64url');

const codeGrant = (seconds: number, issued: Record<string, unknown>, code = 'C1') =>
  tokenResponse(seconds, `grant_type=authorization_code&code=${code}&client_id=spa`, issued);

describe('captured: token-accepted-after-logout', () => {
  const access = jwt('a1', 0, 3600);
  const flow = (after: number): EntryOptions[] => [
    codeGrant(0, { access_token: access, expires_in: 3600 }),
    use(10, access),
    { method: 'POST', url: `${API}/logout`, startedDateTime: at(100), requestHeaders: [bearer(access)] },
    use(200, access, `${API}/v1/me`, after),
  ];

  it('fires when the token is accepted after the logout that presented it', () => {
    const hits = findingsOf(flow(200), 'token-accepted-after-logout');
    expect(hits.map((f) => f.detail)).toEqual([expect.stringContaining('the logout (POST /logout')]);
  });

  it('is silent when the server refuses the token after the logout (the healthy case)', () => {
    expect(findingsOf(flow(401), 'token-accepted-after-logout')).toEqual([]);
  });

  it("counts a request only once the logout's answer arrived, not while it was in flight", () => {
    const entries = flow(200);
    // A request started 5 ms after the logout, whose answer took 10 ms (the HAR entry's time).
    entries[3] = { ...entries[3], startedDateTime: new Date((T0 + 100) * 1000 + 5).toISOString() };
    expect(findingsOf(entries, 'token-accepted-after-logout')).toEqual([]);
    entries[3] = { ...entries[3], startedDateTime: new Date((T0 + 100) * 1000 + 11).toISOString() };
    expect(findingsOf(entries, 'token-accepted-after-logout')).toHaveLength(1);
  });
});

describe('captured: nbf-future-accepted', () => {
  const early = jwt('a1', 0, 7200, { nbf: T0 + 3600 });
  it('fires on a token accepted an hour before its nbf', () => {
    expect(findingsOf([use(10, early)], 'nbf-future-accepted')).toHaveLength(1);
  });
  it('is silent when the server refuses it, or the nbf is within the skew', () => {
    expect(findingsOf([use(10, early, `${API}/v1/me`, 401)], 'nbf-future-accepted')).toEqual([]);
    expect(findingsOf([use(10, jwt('a2', 0, 7200, { nbf: T0 + 40 }))], 'nbf-future-accepted')).toEqual([]);
  });
  it('is silent when the issuer hands out tokens minted earlier (an iat before the token request is no clock offset)', () => {
    // A client-credentials cache: token responses at T0+600 and T0+610 return a token minted at T0. Taking
    // iat − issue time (−600 s) as the issuer's clock would move every request 10 min earlier, and another
    // token of that issuer used 60 s after its nbf would look used 9 min before it.
    const cached = jwt('c1', 0, 7200, { nbf: T0 });
    const fresh = jwt('c2', 660, 7200, { nbf: T0 + 660 });
    const entries = [
      tokenResponse(600, 'grant_type=client_credentials', { access_token: cached, expires_in: 6600 }),
      tokenResponse(610, 'grant_type=client_credentials', { access_token: cached, expires_in: 6590 }),
      use(720, fresh),
    ];
    expect(findingsOf(entries, 'nbf-future-accepted')).toEqual([]);
  });
});

describe('captured: exp-expired-accepted', () => {
  const expired = jwt('a1', -7200, 3600);
  it('fires on a token accepted an hour after its exp', () => {
    expect(findingsOf([use(10, expired)], 'exp-expired-accepted')).toHaveLength(1);
  });
  it('is silent when the server refuses it, and for a token still valid', () => {
    expect(findingsOf([use(10, expired, `${API}/v1/me`, 401)], 'exp-expired-accepted')).toEqual([]);
    expect(findingsOf([use(10, jwt('a2', 0, 3600))], 'exp-expired-accepted')).toEqual([]);
  });
});

describe('captured: alg-none-accepted', () => {
  const unsigned = fakeJwt({ iss: OP, sub: 'u1', exp: T0 + 3600 }, { alg: 'none', typ: 'JWT' }, '');
  it('fires on an unsigned token accepted', () => {
    expect(findingsOf([use(10, unsigned)], 'alg-none-accepted')).toHaveLength(1);
  });
  it('is silent when the server refuses it', () => {
    expect(findingsOf([use(10, unsigned, `${API}/v1/me`, 401)], 'alg-none-accepted')).toEqual([]);
  });
});

describe('captured: sig-invalid-accepted', () => {
  async function audit(status: number): Promise<AuditResult> {
    const published = await generateKeyPair('RS256', { extractable: true });
    const forger = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(published.publicKey)), kid: 'k1', alg: 'RS256' };
    const forged = await new SignJWT({ iss: OP, sub: 'u1', iat: T0, exp: T0 + 3600 })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .sign(forger.privateKey);
    const entries = [
      {
        url: `${OP}/.well-known/openid-configuration`,
        content: jsonContent({ issuer: OP, jwks_uri: `${OP}/jwks` }),
      },
      { url: `${OP}/jwks`, content: jsonContent({ keys: [jwk] }) },
      use(10, forged, `${API}/v1/me`, status),
    ];
    const capture = captureHar(makeHar(entries.map((e) => makeEntry(e))));
    if ('error' in capture) throw new Error(capture.error);
    // As the CLI and the panel do: the signature checks run beside the audit and add their hits.
    const first = auditCapture([capture], { now: T0 + 60 });
    const checked = await verifyTokens(first.tokens, capture.keyDocuments);
    return auditCapture([capture], { now: T0 + 60, extraHits: checked.hits });
  }

  it('fires once (critical) on a forged token accepted; sig-invalid itself stays high', async () => {
    const result = await audit(200);
    expect(ruleIds(result, 'sig-invalid-accepted').map((f) => f.severity)).toEqual(['critical']);
    expect(ruleIds(result, 'sig-invalid').map((f) => f.severity)).toEqual(['high']);
  });

  it('is silent when the server refuses the forged token', async () => {
    const result = await audit(401);
    expect(ruleIds(result, 'sig-invalid-accepted')).toEqual([]);
    expect(ruleIds(result, 'sig-invalid')).toHaveLength(1);
  });
});

describe('captured: validation-inconsistent', () => {
  const valid = jwt('v1', 0, 3600);
  const expired = jwt('e1', -7200, 3600);
  const flow = (reports: number): EntryOptions[] => [
    use(5, valid, `${API}/billing/invoices`),
    use(6, valid, `${API}/reports/summary`),
    use(10, expired, `${API}/reports/summary`, reports),
    use(11, expired, `${API}/billing/invoices`, 401),
  ];
  it('fires when one service accepts an expired token another refuses', () => {
    const hits = findingsOf(flow(200), 'validation-inconsistent');
    expect(hits.map((f) => f.detail)).toEqual([expect.stringMatching(/^expired tokens of issuer/)]);
  });
  it('is silent when both services refuse it', () => {
    expect(findingsOf(flow(401), 'validation-inconsistent')).toEqual([]);
  });
});

describe('captured: jti-reused', () => {
  it('fires on two distinct tokens of one issuer with one jti, not on distinct jtis', () => {
    const one = jwt('same', 0, 3600, { sub: 'u1' });
    const two = jwt('same', 5, 3600, { sub: 'u2' });
    expect(findingsOf([use(10, one), use(20, two)], 'jti-reused')).toHaveLength(2);
    const other = jwt('other', 5, 3600, { sub: 'u2' });
    expect(findingsOf([use(10, one), use(20, other)], 'jti-reused')).toEqual([]);
  });
});

describe('captured: refresh-token-not-rotated', () => {
  const refresh = jwt('r1', 0, 86_400);
  const grant = (issued: Record<string, unknown>): EntryOptions[] => [
    codeGrant(0, { access_token: jwt('a1', 0, 300), refresh_token: refresh, expires_in: 300 }),
    tokenResponse(600, `grant_type=refresh_token&refresh_token=${refresh}&client_id=spa`, {
      access_token: jwt('a2', 600, 300),
      expires_in: 300,
      ...issued,
    }),
  ];
  it('fires on a refresh grant answered without a new refresh token, or with the same one', () => {
    expect(findingsOf(grant({}), 'refresh-token-not-rotated')).toHaveLength(1);
    expect(findingsOf(grant({ refresh_token: refresh }), 'refresh-token-not-rotated')).toHaveLength(1);
  });
  it('is silent when the grant rotates the refresh token', () => {
    expect(findingsOf(grant({ refresh_token: jwt('r2', 600, 86_400) }), 'refresh-token-not-rotated')).toEqual(
      [],
    );
  });
});

describe('captured: token-lifetime-mismatch', () => {
  const access = jwt('a1', 0, 300);
  it('fires when expires_in says an hour and the token lives five minutes', () => {
    expect(
      findingsOf([codeGrant(0, { access_token: access, expires_in: 3600 })], 'token-lifetime-mismatch'),
    ).toHaveLength(1);
  });
  it('is silent when they agree', () => {
    expect(
      findingsOf([codeGrant(0, { access_token: access, expires_in: 300 })], 'token-lifetime-mismatch'),
    ).toEqual([]);
  });
});

describe('captured: oidc-at-hash-mismatch', () => {
  const access = jwt('a1', 0, 300);
  const idToken = (claims: Record<string, unknown>) =>
    jwt('i1', 0, 300, { aud: 'spa', nonce: 'n1', ...claims });
  const grant = (claims: Record<string, unknown>) => [
    codeGrant(0, { access_token: access, id_token: idToken(claims), expires_in: 300 }, 'CODE-1'),
  ];
  it('fires on an at_hash of another access token, and on a c_hash of another code', () => {
    expect(findingsOf(grant({ at_hash: halfHash('another token') }), 'oidc-at-hash-mismatch')).toHaveLength(
      1,
    );
    const hits = findingsOf(grant({ c_hash: halfHash('CODE-2') }), 'oidc-at-hash-mismatch');
    expect(hits.map((f) => f.detail)).toEqual([
      expect.stringContaining('c_hash does not match the authorization code'),
    ]);
  });
  it('is silent when at_hash and c_hash match what was issued and exchanged', () => {
    const claims = { at_hash: halfHash(access), c_hash: halfHash('CODE-1') };
    expect(findingsOf(grant(claims), 'oidc-at-hash-mismatch')).toEqual([]);
  });
});

describe('captured: oidc-nonce-mismatch', () => {
  const flow = (nonce: string): EntryOptions[] => [
    {
      url: `${OP}/authorize?response_type=code&client_id=spa&state=S1&nonce=N1&redirect_uri=${encodeURIComponent(`${APP}/cb`)}`,
      startedDateTime: at(0),
      status: 302,
      responseHeaders: [h('Location', `${APP}/cb?code=CODE-1&state=S1`)],
      redirectURL: `${APP}/cb?code=CODE-1&state=S1`,
    },
    codeGrant(
      2,
      { access_token: jwt('a1', 2, 300), id_token: jwt('i1', 2, 300, { aud: 'spa', nonce }) },
      'CODE-1',
    ),
  ];
  it('fires when the ID token carries another nonce than the authorization request sent', () => {
    expect(findingsOf(flow('N2'), 'oidc-nonce-mismatch')).toHaveLength(1);
  });
  it('is silent when the nonce is the one sent', () => {
    expect(findingsOf(flow('N1'), 'oidc-nonce-mismatch')).toEqual([]);
  });
});

describe('captured: oidc-azp-missing', () => {
  const grant = (claims: Record<string, unknown>) => [
    codeGrant(0, {
      access_token: jwt('a1', 0, 300),
      id_token: jwt('i1', 0, 300, { aud: ['spa', 'analytics'], ...claims }),
    }),
  ];
  it('fires on an ID token with two audiences and no azp', () => {
    expect(findingsOf(grant({}), 'oidc-azp-missing')).toHaveLength(1);
  });
  it('is silent when azp names the client', () => {
    expect(findingsOf(grant({ azp: 'spa' }), 'oidc-azp-missing')).toEqual([]);
  });
});

describe('captured: id-token-as-bearer', () => {
  const access = jwt('a1', 0, 300);
  const id = jwt('i1', 0, 300, { aud: 'spa' });
  const issued = codeGrant(0, { access_token: access, id_token: id, expires_in: 300 });
  it('fires when the ID token is sent as a Bearer credential to an API', () => {
    expect(findingsOf([issued, use(10, id)], 'id-token-as-bearer')).toHaveLength(1);
  });
  it('is silent when the API gets the access token (the ID token stays with the client)', () => {
    expect(findingsOf([issued, use(10, access)], 'id-token-as-bearer')).toEqual([]);
  });
});
