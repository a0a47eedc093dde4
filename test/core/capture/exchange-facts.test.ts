import { describe, expect, it } from 'vitest';
import { captureEntry } from '../../../src/core/capture';
import type { ExchangeFacts } from '../../../src/core/lifecycle/types';
import { verdictOf } from '../../../src/core/lifecycle/verdict';
import { type EntryOptions, fakeJwt, jsonContent, makeEntry } from './har-builders';

const T = fakeJwt({ sub: 'u1', iss: 'https://op.example.test', exp: 1_900_000_000 });
const OP = 'https://op.example.test';
const h = (name: string, value: string) => ({ name, value });
const form = (text: string) => ({ mimeType: 'application/x-www-form-urlencoded', text });

/** The lifecycle facts capture records for one entry, or `undefined`. */
function factsOf(options: EntryOptions, extra: Record<string, unknown> = {}): ExchangeFacts | undefined {
  const result = captureEntry({ ...makeEntry(options), ...extra }, '7');
  expect(result.exchanges?.length ?? 0).toBeLessThanOrEqual(1);
  return result.exchanges?.[0];
}

describe('capture: lifecycle exchange facts', () => {
  it('records nothing for an entry that carried no token and is no lifecycle exchange', () => {
    expect(factsOf({ url: 'https://cdn.example.test/app.js?v=3' })).toBeUndefined();
    expect(factsOf({ url: 'https://shop.example.test/cart?code=SPRING25' })).toBeUndefined();
    expect(factsOf({ method: 'POST', url: 'https://api.example.test/items', postData: form('a=1') })).toBe(
      undefined,
    );
    expect(captureEntry(makeEntry(), '1').exchanges).toBeUndefined();
  });

  it('records a use with its time, status, WWW-Authenticate (all challenges) and request id', () => {
    const facts = factsOf({
      url: 'https://api.example.test/v1/orders',
      status: 401,
      startedDateTime: '2025-03-14T09:00:00.000Z',
      requestHeaders: [h('Authorization', `Bearer ${T}`)],
      responseHeaders: [
        h('WWW-Authenticate', 'Basic realm="api"'),
        h('www-authenticate', 'Bearer error="invalid_token"'),
      ],
    });
    expect(facts).toEqual({
      requestId: '7',
      kind: 'use',
      method: 'GET',
      url: 'https://api.example.test/v1/orders',
      status: 401,
      startedAt: '2025-03-14T09:00:00.000Z',
      durationMs: 10,
      wwwAuthenticate: 'Basic realm="api", Bearer error="invalid_token"',
    });
  });

  it('lists WWW-Authenticate challenges Firefox joined with a newline as separate challenges', () => {
    const facts = factsOf({
      status: 401,
      requestHeaders: [h('Authorization', `Bearer ${T}`)],
      responseHeaders: [h('www-authenticate', 'Negotiate\nBearer error="invalid_token"')],
    });
    expect(facts?.wwwAuthenticate).toBe('Negotiate, Bearer error="invalid_token"');
    expect(verdictOf(401, facts).error).toBe('invalid_token');
  });

  it('marks answers from a cache (HAR _fromCache, 304) and CORS preflights', () => {
    const bearer = [h('Authorization', `Bearer ${T}`)];
    expect(factsOf({ requestHeaders: bearer }, { _fromCache: 'disk' })?.fromCache).toBe(true);
    expect(factsOf({ requestHeaders: bearer, status: 304 })?.fromCache).toBe(true);
    expect(factsOf({ requestHeaders: bearer })?.fromCache).toBeUndefined();
    // Safari (WebKit HARBuilder) says where the answer came from in _fetchType.
    expect(factsOf({ requestHeaders: bearer }, { _fetchType: 'Memory Cache' })?.fromCache).toBe(true);
    expect(factsOf({ requestHeaders: bearer }, { _fetchType: 'Disk Cache' })?.fromCache).toBe(true);
    expect(factsOf({ requestHeaders: bearer }, { _fetchType: 'Network Load' })?.fromCache).toBeUndefined();
    // Firefox writes cache.afterRequest only for an answer from its cache; Playwright writes it null.
    const firefoxCached = {
      cache: { afterRequest: { expires: '4294967295', lastAccess: '', eTag: '', hitCount: '2' } },
    };
    expect(factsOf({ requestHeaders: bearer }, firefoxCached)?.fromCache).toBe(true);
    const playwright = { cache: { beforeRequest: null, afterRequest: null } };
    expect(factsOf({ requestHeaders: bearer }, playwright)?.fromCache).toBeUndefined();
    const preflight = factsOf({
      method: 'OPTIONS',
      requestHeaders: [...bearer, h('Access-Control-Request-Method', 'GET')],
    });
    expect(preflight?.preflight).toBe(true);
  });

  it('records the Location of a 3xx (header, or HAR redirectURL)', () => {
    const bearer = [h('Authorization', `Bearer ${T}`)];
    expect(
      factsOf({ requestHeaders: bearer, status: 302, responseHeaders: [h('Location', '/home')] })?.location,
    ).toBe('/home');
    expect(
      factsOf({ requestHeaders: bearer, status: 302, redirectURL: 'https://x.test/login' })?.location,
    ).toBe('https://x.test/login');
    expect(
      factsOf({ requestHeaders: bearer, status: 200, redirectURL: '/ignored' })?.location,
    ).toBeUndefined();
  });

  it('records an authorization request with its parameters (PKCE method plain when none is named)', () => {
    const url = `${OP}/authorize?response_type=code&client_id=spa&redirect_uri=https%3A%2F%2Fapp.test%2Fcb&scope=openid&state=s1&nonce=n1&code_challenge=abc&code_challenge_method=S256`;
    expect(factsOf({ url, status: 200 })).toMatchObject({
      kind: 'authorize',
      authorization: {
        clientId: 'spa',
        responseType: 'code',
        redirectUri: 'https://app.test/cb',
        scope: 'openid',
        state: 's1',
        nonce: 'n1',
        codeChallengeMethod: 'S256',
      },
    });
    const plain = factsOf({ url: `${OP}/authorize?response_type=code&client_id=spa&code_challenge=abc` });
    expect(plain?.authorization?.codeChallengeMethod).toBe('plain');
    const none = factsOf({ url: `${OP}/authorize?response_type=code&client_id=spa` });
    expect(none?.authorization).toEqual({ clientId: 'spa', responseType: 'code' });
  });

  it("takes the code of an authorization request's own redirect, even without state", () => {
    const facts = factsOf({
      url: `${OP}/authorize?response_type=code&client_id=spa&state=s1`,
      status: 302,
      responseHeaders: [h('Location', 'https://app.test/cb?code=C1&state=s1')],
    });
    expect(facts).toMatchObject({ kind: 'authorize', code: 'C1', returnedState: 's1' });
    const noState = factsOf({
      url: `${OP}/authorize?response_type=code&client_id=spa`,
      status: 302,
      responseHeaders: [h('Location', 'https://app.test/cb?code=C2')],
    });
    expect(noState?.code).toBe('C2');
    expect(noState?.returnedState).toBeUndefined();
  });

  it('records callbacks: a code with state or iss in the URL, a form post or a login redirect', () => {
    expect(factsOf({ url: 'https://app.test/cb?code=C1&state=s1' })).toMatchObject({
      kind: 'callback',
      code: 'C1',
      returnedState: 's1',
    });
    expect(factsOf({ url: `https://app.test/cb?code=C1&iss=${encodeURIComponent(OP)}` })?.code).toBe('C1');
    expect(
      factsOf({ method: 'POST', url: 'https://app.test/cb', postData: form('code=C3&state=s3') }),
    ).toMatchObject({ kind: 'callback', code: 'C3', returnedState: 's3' });
    expect(
      factsOf({
        method: 'POST',
        url: `${OP}/login`,
        status: 302,
        responseHeaders: [h('Location', 'https://app.test/cb#code=C4&state=s4')],
      }),
    ).toMatchObject({ kind: 'callback', code: 'C4', returnedState: 's4' });
  });

  it('records token requests: grant_type from the form, the query or a JSON body; code, expires_in, error', () => {
    const issued = jsonContent({ access_token: T, token_type: 'Bearer', expires_in: 3600 });
    expect(
      factsOf({
        method: 'POST',
        url: `${OP}/token`,
        postData: form('grant_type=authorization_code&code=C1&redirect_uri=https%3A%2F%2Fapp.test%2Fcb'),
        content: issued,
      }),
    ).toMatchObject({ kind: 'token', grantType: 'authorization_code', code: 'C1', expiresIn: 3600 });
    const supabase = factsOf({
      method: 'POST',
      url: 'https://x.supabase.co/auth/v1/token?grant_type=refresh_token',
      postData: {
        mimeType: 'application/json',
        text: JSON.stringify({ refresh_token: 'r-abcdefghijklmnop1234' }),
      },
      content: jsonContent({ access_token: T, expires_in: '3599' }),
    });
    expect(supabase).toMatchObject({ kind: 'token', grantType: 'refresh_token', expiresIn: 3599 });
    expect(supabase?.code).toBeUndefined();
    const refused = factsOf({
      method: 'POST',
      url: `${OP}/token`,
      status: 400,
      postData: form('grant_type=refresh_token&refresh_token=abc'),
      content: jsonContent({ error: 'invalid_grant' }),
    });
    expect(refused).toMatchObject({ kind: 'token', status: 400, oauthError: 'invalid_grant' });
  });

  it('reads a form recorded only as params[] (some HAR writers drop postData.text)', () => {
    const facts = factsOf({
      method: 'POST',
      url: `${OP}/oauth2/v1/x`,
      postData: {
        mimeType: 'application/x-www-form-urlencoded',
        params: [
          { name: 'grant_type', value: 'authorization_code' },
          { name: 'code', value: 'C7' },
        ],
      },
    });
    expect(facts).toMatchObject({ kind: 'token', grantType: 'authorization_code', code: 'C7' });
  });

  it('takes a response that issues token-named members for a token exchange, even without grant_type', () => {
    const facts = factsOf({
      method: 'POST',
      url: 'https://api.example.test/login',
      content: jsonContent({ accessToken: T }),
    });
    expect(facts?.kind).toBe('token');
    expect(facts?.grantType).toBeUndefined();
    expect(factsOf({ url: 'https://api.example.test/me', content: jsonContent({ avatar: T }) })?.kind).toBe(
      'use',
    );
  });

  it('records logouts: RP-initiated (id_token_hint, post_logout_redirect_uri) and logout paths', () => {
    expect(factsOf({ url: `${OP}/session/end?id_token_hint=${T}`, status: 302 })?.kind).toBe('logout');
    expect(factsOf({ url: `${OP}/oidc/x?post_logout_redirect_uri=https%3A%2F%2Fapp.test` })?.kind).toBe(
      'logout',
    );
    for (const path of [
      '/logout',
      '/api/auth/signout',
      '/sign-out',
      '/log-out',
      '/connect/endsession',
      '/end_session',
    ])
      expect(factsOf({ method: 'POST', url: `https://app.test${path}` })?.kind, path).toBe('logout');
    expect(factsOf({ url: 'https://app.test/blog/logouts-explained' })).toBeUndefined();
    expect(factsOf({ url: 'https://app.test/page?next=/logout' })).toBeUndefined();
  });

  it('records RFC 7009 revocations, but not introspection', () => {
    const revoke = (url: string, text: string) => factsOf({ method: 'POST', url, postData: form(text) });
    expect(revoke(`${OP}/oauth/revoke`, 'token=abcdefghijklmnop1234')?.kind).toBe('revocation');
    expect(revoke(`${OP}/token/x`, 'token=abc&token_type_hint=refresh_token')?.kind).toBe('revocation');
    expect(revoke(`${OP}/oauth/introspect`, 'token=abc&token_type_hint=access_token')).toBeUndefined();
    expect(revoke(`${OP}/revoke`, 'client_id=spa')).toBeUndefined();
    expect(factsOf({ method: 'POST', url: `https://oauth2.example.test/revoke?token=abc` })?.kind).toBe(
      'revocation',
    );
  });

  it('records discovery documents (OIDC Discovery, RFC 8414 with an issuer path)', () => {
    expect(factsOf({ url: `${OP}/.well-known/openid-configuration` })?.kind).toBe('discovery');
    expect(factsOf({ url: `${OP}/.well-known/oauth-authorization-server/tenant1` })?.kind).toBe('discovery');
    expect(factsOf({ url: `${OP}/.well-known/openid-configuration-not` })).toBeUndefined();
    const metadata = jsonContent({
      issuer: OP,
      end_session_endpoint: `${OP}/idp/startSLO.ping`,
      revocation_endpoint: `${OP}/as/revoke_token.oauth2`,
    });
    expect(factsOf({ url: `${OP}/.well-known/openid-configuration`, content: metadata })?.endpoints).toEqual({
      endSession: `${OP}/idp/startSLO.ping`,
      revocation: `${OP}/as/revoke_token.oauth2`,
    });
  });

  it('captureHar gathers the facts of every entry', async () => {
    const { captureHar } = await import('../../../src/core/capture');
    const { makeHar } = await import('./har-builders');
    const result = captureHar(
      makeHar([
        makeEntry({ url: `${OP}/.well-known/openid-configuration` }),
        makeEntry({ url: 'https://cdn.example.test/x.js' }),
        makeEntry({ requestHeaders: [h('Authorization', `Bearer ${T}`)] }),
      ]),
    );
    if ('error' in result) throw new Error(result.error);
    expect(result.exchanges?.map((e) => [e.requestId, e.kind])).toEqual([
      ['0', 'discovery'],
      ['2', 'use'],
    ]);
  });
});
