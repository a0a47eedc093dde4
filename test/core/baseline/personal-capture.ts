/**
 * A capture full of personal data and secrets, for the baseline privacy tests: jose-signed tokens whose
 * claims hold e-mail addresses, names, phone numbers, postal addresses, a card number and secrets, carried
 * in headers, cookies, JSON and form bodies and a URL path next to an e-mail address, plus opaque tokens
 * and a server error text naming the user. `secrets` lists every value a baseline must never hold.
 */
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { jsonContent, makeEntry, makeHar } from '../capture/har-builders';

export const ISSUER = 'https://login.acme.test';
export const API_AUDIENCE = 'https://api.acme.test';
export const SPA_AUDIENCE = 'acme-spa';
const T0 = Date.UTC(2025, 2, 14, 9, 0, 0);
const IAT = T0 / 1000;

const PERSON = {
  sub: 'user-8842-alice',
  email: 'alice.smith@example.org',
  name: 'Alice Wonderland Smith',
  given_name: 'Alicia',
  family_name: 'Wonderlandsmith',
  phone_number: '+1 415 555 0134',
  birthdate: '1987-05-14',
  address: { street_address: '742 Evergreen Terrace', locality: 'Springfield', postal_code: '94105' },
};

export const ACCESS_CLAIMS = {
  ...PERSON,
  iss: ISSUER,
  aud: API_AUDIENCE,
  scope: 'openid orders:write',
  client_id: 'acme-web-client-77',
  jti: 'jti-7f3a9c21e0b4',
  card: '4111111111111111',
  client_secret: 's3cr3t-Client-Value-9921',
  password: 'hunter2-Password!',
  roles: ['billing-admin-x1', 'support-agent-x2'],
  iat: IAT,
  exp: IAT + 900,
};
export const ID_CLAIMS = {
  ...PERSON,
  iss: ISSUER,
  aud: SPA_AUDIENCE,
  nonce: 'n-0S6_WzA2Mj-nonce',
  auth_time: IAT - 17,
  iat: IAT,
  exp: IAT + 3600,
};
export const REFRESH_CLAIMS = {
  sub: PERSON.sub,
  iss: ISSUER,
  aud: ISSUER,
  jti: 'refresh-jti-55aa77',
  sid: 'session-id-19d2f0c8',
  iat: IAT,
  exp: IAT + 86_400 * 30,
};

export const SESSION_COOKIE = 'sess_8f2kA9dQ7LmZ3xT1vB6nR4wY';
export const OPAQUE_BEARER = 'gho_16C7e42F292c6912E7710c838347Ae178B4a';
const CODE = 'SplxlOBeZQQYbYS6WxSbIA-code';
const ERROR_TEXT = 'token of alice.smith@example.org expired at 09:15';

export interface PersonalCapture {
  har: Record<string, unknown>;
  tokens: { access: string; id: string; refresh: string };
  /** Every value a baseline must not hold: tokens, their segments, claim values, cookie and form values. */
  secrets: string[];
}

function leaves(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(leaves);
  if (value && typeof value === 'object') return Object.values(value).flatMap(leaves);
  return [String(value)];
}

const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();

/** Signs the tokens (RS256 with a fresh key, HS256 refresh token) and builds the HAR. */
export async function createPersonalCapture(): Promise<PersonalCapture> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const secret = new TextEncoder().encode('refresh-signing-secret-0123456789abcdef');
  const sign = (claims: object, typ: string) =>
    new SignJWT({ ...claims }).setProtectedHeader({ alg: 'RS256', kid: 'acme-2025', typ }).sign(privateKey);
  const access = await sign(ACCESS_CLAIMS, 'at+jwt');
  const id = await sign(ID_CLAIMS, 'JWT');
  const refresh = await new SignJWT({ ...REFRESH_CLAIMS }).setProtectedHeader({ alg: 'HS256' }).sign(secret);
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'acme-2025', alg: 'RS256', use: 'sig' }] };
  const form = (body: string) => ({ mimeType: 'application/x-www-form-urlencoded', text: body });
  const entries = [
    makeEntry({ url: `${ISSUER}/.well-known/jwks.json`, startedDateTime: at(0), content: jsonContent(jwks) }),
    makeEntry({
      method: 'POST',
      url: `${ISSUER}/oauth/token`,
      startedDateTime: at(1),
      postData: form(
        `grant_type=authorization_code&code=${CODE}&client_secret=${ACCESS_CLAIMS.client_secret}`,
      ),
      responseHeaders: [
        { name: 'Cache-Control', value: 'no-store' },
        {
          name: 'Set-Cookie',
          value: `access_token=${SESSION_COOKIE}; Path=/; HttpOnly; Secure; SameSite=Lax`,
        },
      ],
      content: jsonContent({
        access_token: access,
        id_token: id,
        refresh_token: refresh,
        token_type: 'Bearer',
        expires_in: 900,
      }),
    }),
    makeEntry({
      url: `${API_AUDIENCE}/v1/profile`,
      startedDateTime: at(5),
      requestHeaders: [
        { name: 'Authorization', value: `Bearer ${access}` },
        { name: 'Cookie', value: `access_token=${SESSION_COOKIE}` },
      ],
      requestCookies: [{ name: 'access_token', value: SESSION_COOKIE }],
      content: jsonContent({ email: PERSON.email, name: PERSON.name }),
    }),
    makeEntry({
      method: 'POST',
      url: `${API_AUDIENCE}/v1/orders`,
      startedDateTime: at(20),
      postData: { mimeType: 'application/json', text: JSON.stringify({ auth: access, email: PERSON.email }) },
      status: 401,
      responseHeaders: [
        {
          name: 'WWW-Authenticate',
          value: `Bearer error="invalid_token", error_description="${ERROR_TEXT}"`,
        },
      ],
    }),
    makeEntry({
      url: `https://files.acme.test/users/${PERSON.email}/download/${access}`,
      startedDateTime: at(30),
    }),
    makeEntry({
      method: 'POST',
      url: `${ISSUER}/oauth/token`,
      startedDateTime: at(60),
      postData: form(`grant_type=refresh_token&refresh_token=${refresh}`),
      status: 400,
      content: jsonContent({ error: 'invalid_grant' }),
    }),
    makeEntry({
      url: `${API_AUDIENCE}/v1/me`,
      startedDateTime: at(90),
      requestHeaders: [{ name: 'Authorization', value: `Bearer ${OPAQUE_BEARER}` }],
    }),
    makeEntry({
      method: 'POST',
      url: `${ISSUER}/userinfo`,
      startedDateTime: at(95),
      requestHeaders: [{ name: 'Content-Type', value: 'application/json' }],
      postData: { mimeType: 'application/json', text: JSON.stringify({ id_token: id }) },
    }),
  ];
  const tokenSecrets = [access, id, refresh].flatMap((t) => [t, ...t.split('.')]);
  const claimValues = [ACCESS_CLAIMS, ID_CLAIMS, REFRESH_CLAIMS].flatMap((claims) => {
    const { iss: _iss, aud: _aud, ...rest } = claims;
    return leaves(rest);
  });
  return {
    har: makeHar(entries),
    tokens: { access, id, refresh },
    secrets: [...tokenSecrets, ...claimValues, SESSION_COOKIE, OPAQUE_BEARER, CODE, ERROR_TEXT, 'alice'],
  };
}
