import { describe, expect, it } from 'vitest';
import { captureEntry } from '../../../src/core/capture';
import type { CaptureResult } from '../../../src/core/types';
import { fakeJwt, jsonContent, makeEntry } from './har-builders';

const AT = 'gho_16C7e42F292c6912E7710c838347Ae178B4a';
const RT = 'Kq7Zt0bYw3vX9mN2pL5sR8dF1gH4jK6lQ0wE3rT5yU7';
const GOOGLE_RT = '1//0gLp3xYzAbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdEfGh';
const JWT = fakeJwt({ sub: 'alice', scope: 'read' });

/** `where name` of every opaque sighting, and separately of every JWT sighting. */
function opaque(result: CaptureResult): string[] {
  return result.sightings.filter((s) => s.opaque).map((s) => `${s.where} ${s.name} ${s.tokenText}`);
}
function jwts(result: CaptureResult): string[] {
  return result.sightings.filter((s) => !s.opaque).map((s) => `${s.where} ${s.name}`);
}

const form = (text: string) => ({ mimeType: 'application/x-www-form-urlencoded', text });
const json = (value: unknown) => ({ mimeType: 'application/json', text: JSON.stringify(value) });

describe('captureEntry: opaque tokens where their place names them', () => {
  it('takes access_token, refresh_token and id_token of a token response', () => {
    const content = jsonContent({ access_token: AT, token_type: 'Bearer', refresh_token: RT, id_token: JWT });
    const result = captureEntry(makeEntry({ method: 'POST', content }), '0');
    expect(opaque(result)).toEqual([
      `response-body $.access_token ${AT}`,
      `response-body $.refresh_token ${RT}`,
    ]);
    // The ID token is a JWT: it keeps the JWT path, and is not also an opaque token.
    expect(jwts(result)).toEqual(['response-body $.id_token']);
  });

  it('takes camelCase and nested members (Firebase, SDK wrappers)', () => {
    const content = jsonContent({ data: { session: { refreshToken: RT, accessToken: AT } } });
    expect(opaque(captureEntry(makeEntry({ content }), '0'))).toEqual([
      `response-body $.data.session.refreshToken ${RT}`,
      `response-body $.data.session.accessToken ${AT}`,
    ]);
  });

  it('takes the refresh_token of a refresh grant (form body), decoded', () => {
    const postData = form(`grant_type=refresh_token&refresh_token=${encodeURIComponent(GOOGLE_RT)}`);
    const result = captureEntry(makeEntry({ method: 'POST', postData }), '0');
    expect(opaque(result)).toEqual([`request-body refresh_token ${GOOGLE_RT}`]);
  });

  it('takes form params[] as recorded by Chrome', () => {
    const postData = {
      mimeType: 'application/x-www-form-urlencoded',
      params: [
        { name: 'grant_type', value: 'refresh_token' },
        { name: 'refresh_token', value: RT },
      ],
    };
    expect(opaque(captureEntry(makeEntry({ method: 'POST', postData }), '0'))).toEqual([
      `request-body refresh_token ${RT}`,
    ]);
  });

  it('takes a refresh token sent in a JSON request body', () => {
    const postData = json({ refreshToken: RT });
    expect(opaque(captureEntry(makeEntry({ method: 'POST', postData }), '0'))).toEqual([
      `request-body $.refreshToken ${RT}`,
    ]);
  });

  it('takes a Bearer or DPoP credential that is not a JWT', () => {
    const bearer = captureEntry(
      makeEntry({ requestHeaders: [{ name: 'authorization', value: `Bearer ${AT}` }] }),
      '0',
    );
    expect(opaque(bearer)).toEqual([`request-header Authorization ${AT}`]);
    const dpop = captureEntry(
      makeEntry({ requestHeaders: [{ name: 'Authorization', value: `DPoP ${RT}` }] }),
      '0',
    );
    expect(opaque(dpop)).toEqual([`request-header Authorization ${RT}`]);
  });

  it('takes the token of RFC 7009 revocation and RFC 7662 introspection requests', () => {
    const revoke = captureEntry(
      makeEntry({
        method: 'POST',
        url: 'https://id.example.test/oauth2/revoke',
        postData: form(`token=${RT}`),
      }),
      '0',
    );
    expect(opaque(revoke)).toEqual([`request-body token ${RT}`]);
    const introspect = captureEntry(
      makeEntry({
        method: 'POST',
        url: 'https://id.example.test/api/check',
        postData: form(`token=${AT}&token_type_hint=access_token`),
      }),
      '0',
    );
    expect(opaque(introspect)).toEqual([`request-body token ${AT}`]);
  });

  it('takes access_token in a query (RFC 6750 §2.3) and the implicit flow fragment', () => {
    const url = `https://api.example.test/export?access_token=${AT}#access_token=${RT}&token_type=bearer`;
    expect(opaque(captureEntry(makeEntry({ url }), '0'))).toEqual([
      `query access_token ${AT}`,
      `fragment access_token ${RT}`,
    ]);
  });

  it('takes the implicit-flow redirect (Location fragment, RFC 6749 §4.2.2) and a Referer query', () => {
    const location = `https://app.example.test/cb#access_token=${AT}&token_type=bearer&state=s1`;
    const redirect = captureEntry(
      makeEntry({
        status: 302,
        responseHeaders: [{ name: 'Location', value: location }],
        redirectURL: location,
      }),
      '0',
    );
    expect(opaque(redirect)).toEqual([`response-header Location ${AT}`]);
    const referer = captureEntry(
      makeEntry({
        requestHeaders: [{ name: 'Referer', value: `https://app.example.test/#/cb?refresh_token=${RT}` }],
      }),
      '0',
    );
    expect(opaque(referer)).toEqual([`request-header Referer ${RT}`]);
  });

  it('takes token-named cookies, with their flags, from Set-Cookie, Cookie and HAR cookies[]', () => {
    const result = captureEntry(
      makeEntry({
        requestHeaders: [{ name: 'Cookie', value: `theme=dark; access_token=${AT}` }],
        requestCookies: [
          { name: 'access_token', value: AT, domain: 'api.example.test', httpOnly: false, secure: true },
        ],
        responseHeaders: [{ name: 'Set-Cookie', value: `sb-refresh-token=${RT}; Path=/; Secure` }],
      }),
      '0',
    );
    expect(opaque(result)).toEqual([
      `request-cookie access_token ${AT}`,
      `set-cookie sb-refresh-token ${RT}`,
    ]);
    const [sent, set] = result.sightings;
    expect(sent?.cookie).toMatchObject({ httpOnly: false, secure: true });
    expect(set?.cookie).toMatchObject({ httpOnly: false, secure: true, path: '/' });
  });

  it('reads a quoted cookie value without its quotes (RFC 6265 §4.1.1)', () => {
    const result = captureEntry(
      makeEntry({
        requestHeaders: [{ name: 'Cookie', value: `refresh_token="${RT}"` }],
        requestCookies: [
          {
            name: 'refresh_token',
            value: `"${RT}"`,
            domain: 'api.example.test',
            httpOnly: true,
            secure: true,
          },
        ],
      }),
      '0',
    );
    expect(opaque(result)).toEqual([`request-cookie refresh_token ${RT}`]);
    expect(result.sightings[0]?.cookie).toMatchObject({ httpOnly: true, secure: true });
  });

  it('takes WebSocket frames that carry a token member', () => {
    const entry = makeEntry({ url: 'wss://api.example.test/graphql' });
    entry._webSocketMessages = [
      {
        type: 'send',
        time: 1,
        opcode: 1,
        data: JSON.stringify({ type: 'connection_init', payload: { accessToken: AT } }),
      },
    ];
    expect(opaque(captureEntry(entry, '0'))).toEqual([
      `request-body WebSocket sent: $.payload.accessToken ${AT}`,
    ]);
  });
});

describe('captureEntry: near misses are not opaque tokens', () => {
  it('ignores placeholders, short values and words in token fields', () => {
    const content = jsonContent({
      access_token: 'null',
      refresh_token: 'your_refresh_token_here',
      id_token: 'undefined',
      accessToken: 'short123',
      refreshToken: 'not_available_yet',
    });
    expect(opaque(captureEntry(makeEntry({ content }), '0'))).toEqual([]);
  });

  it('ignores `Bearer null`, `Bearer undefined` and an empty Bearer', () => {
    for (const value of ['Bearer null', 'Bearer undefined', 'Bearer ', 'Bearer [object Object]']) {
      const result = captureEntry(makeEntry({ requestHeaders: [{ name: 'Authorization', value }] }), '0');
      expect(result.sightings).toEqual([]);
    }
  });

  it('leaves a JWT Bearer token and a JWT refresh_token to the JWT path, once', () => {
    const result = captureEntry(
      makeEntry({
        method: 'POST',
        requestHeaders: [{ name: 'Authorization', value: `Bearer ${JWT}` }],
        postData: form(`grant_type=refresh_token&refresh_token=${JWT}`),
      }),
      '0',
    );
    expect(opaque(result)).toEqual([]);
    expect(jwts(result)).toEqual(['request-header Authorization', 'request-body refresh_token']);
  });

  it('ignores unrelated fields holding random strings', () => {
    const content = jsonContent({
      csrf_token: RT,
      session_id: AT,
      nonce: RT,
      code: AT,
      token_type: 'Bearer',
    });
    const postData = form(`code=${RT}&state=${AT}&code_verifier=${RT}`);
    expect(opaque(captureEntry(makeEntry({ method: 'POST', postData, content }), '0'))).toEqual([]);
  });

  it('ignores a `token` field outside revocation and introspection requests', () => {
    const result = captureEntry(
      makeEntry({
        method: 'POST',
        url: 'https://www.example.test/recaptcha/verify',
        postData: form(`token=${RT}`),
      }),
      '0',
    );
    expect(opaque(result)).toEqual([]);
  });

  it('does not take session cookies for tokens', () => {
    const result = captureEntry(
      makeEntry({
        requestHeaders: [{ name: 'Cookie', value: `session=${AT}; sid=${RT}` }],
        requestCookies: [{ name: 'session', value: AT, httpOnly: true, secure: true }],
        responseHeaders: [{ name: 'Set-Cookie', value: `connect.sid=${RT}; HttpOnly` }],
      }),
      '0',
    );
    expect(result.sightings).toEqual([]);
  });

  it('ignores other parameters of a Location or Referer URL', () => {
    const result = captureEntry(
      makeEntry({
        requestHeaders: [{ name: 'Referer', value: `https://app.example.test/cb?code=${RT}&state=${AT}` }],
        responseHeaders: [
          { name: 'Location', value: `https://app.example.test/cb?code=${RT}&session_token=${AT}` },
        ],
      }),
      '0',
    );
    expect(result.sightings).toEqual([]);
  });

  it('ignores other schemes and other headers', () => {
    const result = captureEntry(
      makeEntry({
        requestHeaders: [
          { name: 'Authorization', value: `Token ${AT}` },
          { name: 'X-Api-Key', value: RT },
          { name: 'Proxy-Authorization', value: `Bearer ${RT}` },
        ],
        responseHeaders: [{ name: 'X-Access-Token', value: AT }],
      }),
      '0',
    );
    expect(result.sightings).toEqual([]);
  });
});
