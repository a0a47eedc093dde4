import { describe, expect, it } from 'vitest';
import { buildLifecycle, emptyLifecycle } from '../../../src/core/lifecycle';
import { DEFAULT_POLICY } from '../../../src/core/policy';
import { jsonContent } from '../capture/har-builders';
import { record, sighting, token } from '../rules/context/records';
import { API, APP, at, bearer, form, h, jwt, modelOf, OP, tokenResponse } from './lifecycle-flow';

const access1 = jwt('a1', 10, 600);
const id1 = jwt('i1', 10, 600, { aud: 'spa', nonce: 'n1' });
const refresh1 = 'rt1-Zx8Qp2Lm4Nv6Bc0Df3Gh'; // opaque
const access2 = jwt('a2', 700, 600);
const refresh2 = 'rt2-Yw7Rq1Kn5Mu9Ae2Cg4Hj';
const access3 = jwt('a3', 1400, 600);

/** A code flow with PKCE, API calls, two refreshes, then an RP-initiated logout. */
function codeFlow() {
  return modelOf([
    {
      url: `${OP}/.well-known/openid-configuration`,
      startedDateTime: at(0),
      content: jsonContent({ issuer: OP }),
    },
    {
      url: `${OP}/authorize?response_type=code&client_id=spa&redirect_uri=${encodeURIComponent(`${APP}/cb`)}&state=s1&nonce=n1&code_challenge=x&code_challenge_method=S256`,
      startedDateTime: at(1),
    },
    {
      method: 'POST',
      url: `${OP}/login`,
      startedDateTime: at(5),
      status: 302,
      responseHeaders: [h('Location', `${APP}/cb?code=C1&state=s1`)],
    },
    { url: `${APP}/cb?code=C1&state=s1`, startedDateTime: at(6) },
    tokenResponse(10, 'grant_type=authorization_code&code=C1&code_verifier=v', {
      access_token: access1,
      id_token: id1,
      refresh_token: refresh1,
      expires_in: 600,
    }),
    { url: `${API}/v1/orders`, startedDateTime: at(20), requestHeaders: [bearer(access1)] },
    {
      url: `${API}/v1/orders`,
      startedDateTime: at(30),
      status: 401,
      requestHeaders: [bearer(access1)],
      responseHeaders: [h('WWW-Authenticate', 'Bearer error="insufficient_scope"')],
    },
    tokenResponse(700, `grant_type=refresh_token&refresh_token=${refresh1}`, {
      access_token: access2,
      refresh_token: refresh2,
      expires_in: 600,
    }),
    tokenResponse(1400, `grant_type=refresh_token&refresh_token=${refresh2}`, { access_token: access3 }),
    { url: `${OP}/session/end?id_token_hint=${id1}`, startedDateTime: at(1500), status: 302 },
    { url: `${API}/v1/orders`, startedDateTime: at(1510), requestHeaders: [bearer(access3)] },
  ]);
}

describe('buildLifecycle over a captured code flow', () => {
  const { model, fp } = codeFlow();

  it('lists the discovery document and the authorization request with its parameters', () => {
    expect(model.discovery).toEqual([`${OP}/.well-known/openid-configuration`]);
    expect(model.authorizations.map((a) => [a.requestId, a.authorization])).toEqual([
      [
        '1',
        {
          clientId: 'spa',
          responseType: 'code',
          redirectUri: `${APP}/cb`,
          state: 's1',
          nonce: 'n1',
          codeChallengeMethod: 'S256',
        },
      ],
    ]);
  });

  it('groups the tokens of each token response into a family with roles, and chains the refreshes', () => {
    expect(model.families).toEqual([
      {
        id: 'f1',
        issuedBy: '4',
        issuedAt: at(10),
        grantType: 'authorization_code',
        members: [
          { fingerprint: fp(access1), role: 'access' },
          { fingerprint: fp(id1), role: 'id' },
          { fingerprint: fp(refresh1), role: 'refresh' },
        ],
        expiresIn: 600,
        authorization: '1',
        code: 'C1',
      },
      {
        id: 'f2',
        issuedBy: '7',
        issuedAt: at(700),
        grantType: 'refresh_token',
        members: [
          { fingerprint: fp(access2), role: 'access' },
          { fingerprint: fp(refresh2), role: 'refresh' },
        ],
        expiresIn: 600,
        parent: 'f1',
        refreshedWith: fp(refresh1),
      },
      {
        id: 'f3',
        issuedBy: '8',
        issuedAt: at(1400),
        grantType: 'refresh_token',
        members: [{ fingerprint: fp(access3), role: 'access' }],
        parent: 'f2',
        refreshedWith: fp(refresh2),
      },
    ]);
  });

  it('gives every use a verdict and a service, in request order', () => {
    expect(
      model.uses.map((u) => [
        u.requestId,
        u.fingerprint,
        u.at,
        u.service,
        u.verdict.verdict,
        u.verdict.reason,
      ]),
    ).toEqual([
      ['5', fp(access1), at(20), 'api.example.test/v1', 'accepted', 'HTTP 200'],
      ['6', fp(access1), at(30), 'api.example.test/v1', 'rejected', 'HTTP 401 insufficient_scope'],
      ['7', fp(refresh1), at(700), 'op.example.test/token', 'accepted', 'HTTP 200'],
      ['8', fp(refresh2), at(1400), 'op.example.test/token', 'accepted', 'HTTP 200'],
      ['9', fp(id1), at(1500), 'op.example.test/session', 'unknown', 'HTTP 302 (no Location recorded)'],
      ['10', fp(access3), at(1510), 'api.example.test/v1', 'accepted', 'HTTP 200'],
    ]);
    expect(model.uses[1]?.verdict.error).toBe('insufficient_scope');
  });

  it('records the logout, covering the ID token, its family and every family refreshed from it', () => {
    expect(model.events).toEqual([
      {
        kind: 'logout',
        requestId: '9',
        at: at(1500),
        // The HAR entry's time (10 ms): when the logout's answer arrived.
        endedAt: '2025-03-14T09:25:00.010Z',
        how: 'RP-initiated logout (id_token_hint)',
        succeeded: true,
        origin: OP,
        covers: expect.arrayContaining([access1, id1, refresh1, access2, refresh2, access3].map(fp)),
      },
    ]);
    expect(model.events[0]?.covers).toHaveLength(6);
    expect(model.skewSeconds).toBe(60);
  });
});

describe('buildLifecycle: logouts and revocations', () => {
  const session = jwt('session', 0, 3600);

  it('a plain /logout covers the tokens the request presented (cookie, header) and their families', () => {
    const { model, fp } = modelOf([
      tokenResponse(0, 'grant_type=password&username=a', { access_token: access1, refresh_token: refresh1 }),
      {
        method: 'POST',
        url: `${APP}/api/logout`,
        startedDateTime: at(100),
        requestHeaders: [h('Cookie', `session=${session}`), bearer(access1)],
        status: 204,
      },
    ]);
    expect(model.events).toEqual([
      {
        kind: 'logout',
        requestId: '1',
        at: at(100),
        endedAt: '2025-03-14T09:01:40.010Z',
        how: 'POST /api/logout',
        succeeded: true,
        origin: APP,
        covers: expect.arrayContaining([fp(session), fp(access1), fp(refresh1)]),
      },
    ]);
    expect(model.events[0]?.covers).toHaveLength(3);
  });

  it('a logout that failed, or was answered from a cache, did not succeed', () => {
    const failed = modelOf([{ url: `${APP}/logout`, status: 500 }]).model.events[0];
    expect(failed).toMatchObject({ succeeded: false, covers: [] });
    const cached = modelOf([{ url: `${APP}/logout`, status: 304 }]).model.events[0];
    expect(cached?.succeeded).toBe(false);
  });

  it('revoking a refresh token covers its family and what it was refreshed into; an access token only itself', () => {
    const entries = [
      tokenResponse(0, 'grant_type=authorization_code&code=C', {
        access_token: access1,
        refresh_token: refresh1,
      }),
      tokenResponse(100, `grant_type=refresh_token&refresh_token=${refresh1}`, {
        access_token: access2,
        refresh_token: refresh2,
      }),
      {
        method: 'POST',
        url: `${OP}/oauth/revoke`,
        startedDateTime: at(200),
        postData: form(`token=${refresh1}&token_type_hint=refresh_token`),
      },
      {
        method: 'POST',
        url: `${OP}/oauth/revoke`,
        startedDateTime: at(300),
        postData: form(`token=${access2}`),
      },
      {
        method: 'POST',
        url: `${OP}/oauth/revoke`,
        startedDateTime: at(400),
        status: 400,
        postData: form('token=x'),
      },
    ];
    const { model, fp } = modelOf(entries);
    expect(model.events.map((e) => [e.kind, e.how, e.succeeded, [...e.covers].sort()])).toEqual([
      ['revocation', 'RFC 7009 revocation', true, [access1, refresh1, access2, refresh2].map(fp).sort()],
      ['revocation', 'RFC 7009 revocation', true, [fp(access2)]],
      ['revocation', 'RFC 7009 revocation', false, []],
    ]);
  });
});

describe("buildLifecycle: the discovery document's endpoints", () => {
  const session = jwt('session', 0, 3600);
  const metadata = jsonContent({
    issuer: OP,
    end_session_endpoint: `${OP}/idp/startSLO.ping`,
    revocation_endpoint: `${OP}/as/tokens.oauth2`,
  });

  it('takes a request to the end_session_endpoint for a logout, and a token sent to the revocation_endpoint for a revocation', () => {
    const { model, fp } = modelOf([
      { url: `${OP}/.well-known/openid-configuration`, content: metadata },
      {
        url: `${OP}/idp/startSLO.ping?client_id=spa`,
        startedDateTime: at(10),
        status: 302,
        requestHeaders: [h('Cookie', `op=${session}`)],
      },
      {
        method: 'POST',
        url: `${OP}/as/tokens.oauth2`,
        startedDateTime: at(20),
        postData: form(`token=${access1}`),
      },
    ]);
    expect(model.events.map((e) => [e.kind, e.how, e.covers])).toEqual([
      ['logout', 'RP-initiated logout (end_session_endpoint)', [fp(session)]],
      ['revocation', 'RFC 7009 revocation', [fp(access1)]],
    ]);
  });

  it('does not take other requests to that origin for logouts or revocations', () => {
    const { model } = modelOf([
      { url: `${OP}/.well-known/openid-configuration`, content: metadata },
      { url: `${OP}/idp/profile`, requestHeaders: [h('Cookie', `op=${session}`)] },
      { method: 'POST', url: `${OP}/as/tokens.oauth2`, postData: form(`other=${access1}`) },
    ]);
    expect(model.events).toEqual([]);
  });
});

describe('buildLifecycle: matching and bounds', () => {
  it('matches a code to its authorization request by redirect_uri when the callback has no state', () => {
    const { model } = modelOf([
      {
        url: `${OP}/authorize?response_type=code&client_id=spa&redirect_uri=${encodeURIComponent(`${APP}/cb`)}`,
      },
      {
        url: `${OP}/authorize?response_type=code&client_id=spa&redirect_uri=${encodeURIComponent(`${APP}/cb`)}`,
        startedDateTime: at(1),
        status: 302,
        responseHeaders: [h('Location', `${APP}/cb?code=C9`)],
      },
      tokenResponse(5, 'grant_type=authorization_code&code=C9', { access_token: access1 }),
    ]);
    expect(model.families[0]?.authorization).toBe('1');
  });

  it('leaves a family unmatched when no authorization response carried its code', () => {
    const { model } = modelOf([
      { url: `${OP}/authorize?response_type=code&client_id=spa&state=s1` },
      { url: `${APP}/cb?code=OTHER&state=s1`, startedDateTime: at(1) },
      tokenResponse(5, 'grant_type=authorization_code&code=C9', { access_token: access1 }),
    ]);
    expect(model.families[0]?.authorization).toBeUndefined();
    expect(model.families[0]?.code).toBe('C9');
  });

  it("takes a token endpoint's invalid_grant for the rejection of the refresh token presented, and makes no family", () => {
    const { model, fp } = modelOf([
      tokenResponse(
        0,
        `grant_type=refresh_token&refresh_token=${refresh1}`,
        { error: 'invalid_grant' },
        { status: 400 },
      ),
    ]);
    expect(model.uses.map((u) => [u.fingerprint, u.verdict])).toEqual([
      [fp(refresh1), { verdict: 'rejected', reason: 'HTTP 400 invalid_grant', error: 'invalid_grant' }],
    ]);
    expect(model.families).toEqual([]);
  });

  it('makes a family of the tokens an implicit or hybrid response put in its redirect, tied to the request by state', () => {
    const { model, fp } = modelOf([
      { url: `${OP}/authorize?response_type=id_token%20token&client_id=spa&state=s5&nonce=n5` },
      {
        method: 'POST',
        url: `${OP}/login`,
        startedDateTime: at(3),
        status: 302,
        responseHeaders: [h('Location', `${APP}/cb#access_token=${access1}&id_token=${id1}&state=s5`)],
      },
      {
        url: `${OP}/authorize?response_type=code%20id_token&client_id=spa&state=s6&nonce=n6`,
        startedDateTime: at(5),
        status: 302,
        responseHeaders: [h('Location', `/cb#code=C6&id_token=${id1}&state=s6`)],
      },
    ]);
    expect(model.families.map((f) => [f.issuedBy, f.members, f.authorization, f.code, f.grantType])).toEqual([
      [
        '1',
        [
          { fingerprint: fp(access1), role: 'access' },
          { fingerprint: fp(id1), role: 'id' },
        ],
        '0',
        undefined,
        undefined,
      ],
      ['2', [{ fingerprint: fp(id1), role: 'id' }], '2', 'C6', undefined],
    ]);
  });

  it('uses the policy skew, and stays empty for no input', () => {
    expect(buildLifecycle([], [], { ...DEFAULT_POLICY, clockSkewSeconds: 5 })).toEqual(emptyLifecycle(5));
  });

  it('keeps uses with no request time last, and judges them from the status when no facts were kept', () => {
    const { model, records } = modelOf([
      { url: `${API}/a`, startedDateTime: '', requestHeaders: [bearer(access1)] },
      { url: `${API}/b`, startedDateTime: at(5), requestHeaders: [bearer(access2)], status: 403 },
    ]);
    expect(model.uses.map((u) => [u.requestId, u.at, u.verdict.verdict])).toEqual([
      ['1', at(5), 'rejected'],
      ['0', '', 'accepted'],
    ]);
    const bare = buildLifecycle(records, [], DEFAULT_POLICY);
    expect(bare.uses.map((u) => u.verdict.reason)).toEqual(['HTTP 403', 'HTTP 200']);
  });

  it('is empty for a token list (no exchanges, no token sent), yet models a token sent once among them', () => {
    const listed = (i: number) => ({ ...sighting({ where: 'input', requestId: String(i) }), url: '' });
    const list = [record(token(), [listed(0)]), record(token(), [listed(1)])];
    expect(buildLifecycle(list, [], DEFAULT_POLICY)).toEqual(emptyLifecycle());
    const sent = record(token(), [sighting({ requestId: '7' })]);
    const model = buildLifecycle([...list, sent], [], DEFAULT_POLICY);
    expect(model.uses.map((u) => [u.fingerprint, u.requestId, u.verdict.reason])).toEqual([
      [sent.token.fingerprint, '7', 'HTTP 200'],
    ]);
  });
});
