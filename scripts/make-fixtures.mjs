#!/usr/bin/env node
/**
 * Writes the synthetic fixtures under test/fixtures/: `demo.har` (a demo app session full of JWT
 * mistakes), a token list, and small broken HARs for the CLI's error paths. Deterministic: a fixed
 * embedded test key, HS256 and RS256 (both deterministic signatures) and fixed timestamps, so running
 * it again rewrites identical files. Run with `npm run fixtures`.
 */
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CompactSign, exportJWK, SignJWT } from 'jose';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures');

// TEST KEY ONLY: generated for these fixtures, signs nothing but synthetic demo tokens.
const DEMO_RSA_PKCS8 = `-----BEGIN PRIVATE KEY-----
MIIEvAIBADANBgkqhkiG9w0BAQEFAASCBKYwggSiAgEAAoIBAQCEIqOsr3oiljZI
lOR3ZyVNssbg9L0uSpztp1dTFGjUsMDXR9Ey8+FMzzMTXaiSohvvl3ZQlnjDH1c/
SjEqxqRlzLXHykRM4GAsSe6b5w8j0amlW2BUq8mQ5Ktj035fg81drStPTvaT5Dcj
KxEuW94kT3IftGbQnKivjnINY+cMc3Yj/BgAKLgaTFxDF/u3BSz0W/Oed5ZPNNYT
hyYQRpxuQfJ0kNxhCGDFGBAWozGreynqw7u/aXCbSnqXgTPx5Xg94ukXhW0R9Cd0
Dm6G3jwdJRE8BDs5lcnA/bkSc6s+8t7DY8d0d4X9ojsmLxnVxEo+3iICarksZLFq
uHDq8XkLAgMBAAECggEADRryaNounuePErvRvRX52S72ErGzYbf8wIVsX80SaKXv
OmrhENCnc9rJEg6j/YcehjDbhzqlV5TwLlLJdZimDYK0NNCW3ZkTcNEUXVoZYlAV
J1VcxIkVQM2tQgVj700/PR9DwGXwhtKHtXE8DwEFk0xd4U8fM2mWQXM7VKCn9dAJ
V+1+KcCV07I5+66D9hmWVpyWcMR/yAhxCLu6rmhCoRcRh5YRmedPgHo2XqLVQ2F3
h0b9uMbnZx2BW4J6VyTYAX13DVLMx4b3cobVVvb8OKhq927h4rUOeKBYN8dmzRUd
mQXwfflYxfpX9odJ1jqXWxKceK2HJo7GI/qVV1X34QKBgQC4AY3a6iQx57JlN07B
5rwuiKpiAYXkn+gHIriRx2VdKoY35bB/DW6JaZisux+5En+lJoViXWF9U7CXRQb6
LHzPuAn/mDbRua3Kpsm+ZyS8YWt6eG2y+qjhxEiYePZq1kC3e5kWpExBRVEM6+vi
nbOMzxzZD4ARWyTBybcVzmb+jwKBgQC31ZkBuUbdTismO4AkXTiXsqDUCnmgzqQz
PxLRAqjOupulL5TbW8HM992kOtsRAfP/7q4BK6fYQtbWNN3f6Qtt050GsIstIj/J
SXnw9X3S7XtgQva8fGg2YADevl5Fvwe/sYSvFWncTHAjo17FQkndMZt+YecJ9eFi
rl4YFQGbxQKBgE3tQpFitb9426FoAe+2cx3V/SqScIz5d7+F4drDMld5iewkV1IH
cze4w9LrUK0Fe4+Kt9SHraDxD4mQzzqmGpmx3HIlmZnKZCK97hS4A+PP8j+kvvic
lWc/xGrmV525bSEHtDbVkAHYhFHPnE+V8BODJzl6CgfPrMpxThtrFU1bAoGAN4mB
EwM9RGh0IrXBDbtX+IRPkB+mBQ3Ij27TqW8rPmEj2nCYgPikgN61CAN74RR8+WnL
CbF9oJj4vHf2O8n02PYgL0Awm68IJDBddY1EuO9j4X35epH/DcZNHP3YDywaFDB2
DErk01gIXMvjOqa/F+L/vdun59tvftd8t7vI450CgYBNofPmXUi6SIjXLyIfrHyS
Af+jJXSAKfRzOV3s46bDkMwFzOOiXhkyreTYkq7LUwzte13uVZfU4RznaU2v5+8o
DOW9dyr2hUxL5epTHuHn8qJzLJy7VSSnatxwwoohFD8npI0HeN9Q2eYDiZaBXlk0
UNVubhzM93ZaQrQRPu0yeg==
-----END PRIVATE KEY-----`;

const T0 = Date.UTC(2025, 2, 14, 9, 0, 0) / 1000; // the session starts 2025-03-14T09:00:00Z
const ISSUER = 'https://id.example.com';
const CLIENT_ID = 'demo-spa';
const rsaKey = createPrivateKey(DEMO_RSA_PKCS8);
const KID = 'demo-rs-2025-03';

const b64 = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
const rs256 = (claims, typ = 'JWT') =>
  new SignJWT(claims).setProtectedHeader({ alg: 'RS256', typ, kid: KID }).sign(rsaKey);
const hs256 = (claims, secret, extra = {}) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT', ...extra })
    .sign(new TextEncoder().encode(secret));

/** Every token of the session, signed once. */
async function makeTokens() {
  const user = { sub: '5f2b9c1e-7d4a-4e43-9a51-3c8e2b7d1f60' };
  const access = (iat, jti) => ({
    iss: ISSUER,
    ...user,
    aud: 'https://api.example.com',
    client_id: CLIENT_ID,
    scope: 'openid profile orders:read',
    iat,
    exp: iat + 8 * 3600,
    jti,
  });
  return {
    access: await rs256(access(T0 + 20, 'at-0001'), 'at+jwt'),
    access2: await rs256(access(T0 + 300, 'at-0002'), 'at+jwt'),
    id: await rs256({
      iss: ISSUER,
      ...user,
      aud: CLIENT_ID,
      iat: T0 + 20,
      exp: T0 + 20 + 3600,
      nonce: 'n-0S6_WzA2Mj',
      name: 'Alice Example',
      email: 'alice.example@example.com',
      phone_number: '+1 415 555 0134',
    }),
    refresh: await rs256({
      iss: ISSUER,
      ...user,
      aud: ISSUER,
      iat: T0 + 20,
      exp: T0 + 90 * 86400,
      jti: 'rt-0001',
    }),
    // The app's own session cookie, HMAC'd with the secret "secret": the weak-secret finding.
    session: await hs256(
      { iss: 'https://app.example.com', ...user, role: 'customer', iat: T0 + 25, exp: T0 + 86400 * 7 },
      'secret',
    ),
    // Expired yesterday, still sent and still answered 200.
    expired: await rs256(access(T0 - 86400 - 8 * 3600, 'at-0000'), 'at+jwt'),
    // An unsecured token (alg none) that the admin API accepts.
    none: `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ iss: ISSUER, sub: 'admin', admin: true, iat: T0, exp: T0 + 3600 })}.`,
    // The realtime service's ticket: a nested JWT (cty JWT). The RS256 outer layer verifies against the
    // JWKS; the token inside is alg none and carries the user's e-mail address.
    ticket: await new CompactSign(
      new TextEncoder().encode(
        `${b64({ alg: 'none' })}.${b64({ iss: ISSUER, ...user, email: 'alice.example@example.com', iat: T0 + 50, exp: T0 + 350 })}.`,
      ),
    )
      .setProtectedHeader({ alg: 'RS256', kid: KID, cty: 'JWT' })
      .sign(rsaKey),
    // A legacy service keyed by a path: kid traversal, sent over plain http.
    legacy: await hs256(
      { iss: 'http://legacy.example.com', sub: 'svc-report', iat: T0 + 30, exp: T0 + 600 },
      'l3gacy-demo-not-weak-7c1f2a9e4b',
      {
        kid: '../../../../../../dev/null',
      },
    ),
  };
}

const header = (name, value) => ({ name, value });
const JSON_TYPE = 'application/json';
const APP_ORIGIN = 'https://app.example.com';

/** A HAR 1.2 entry with the fields real browsers write. */
function entry(at, method, url, { headers = [], body, status = 200, responseHeaders = [], content } = {}) {
  const parsed = new URL(url);
  const text = content === undefined ? '' : typeof content === 'string' ? content : JSON.stringify(content);
  const mimeType =
    content === undefined ? 'text/plain' : typeof content === 'string' ? 'text/html' : JSON_TYPE;
  const request = {
    method,
    url,
    httpVersion: 'HTTP/2',
    cookies: requestCookies(headers),
    headers: [header('User-Agent', 'Mozilla/5.0 (X11; Linux x86_64) DemoBrowser/1.0'), ...headers],
    queryString: [...parsed.searchParams].map(([name, value]) => ({ name, value })),
    headersSize: -1,
    bodySize: body ? body.text.length : 0,
  };
  if (body) request.postData = body;
  return {
    pageref: 'page_1',
    startedDateTime: new Date((T0 + at) * 1000).toISOString(),
    time: 42,
    request,
    response: {
      status,
      statusText: status === 200 ? 'OK' : status === 401 ? 'Unauthorized' : '',
      httpVersion: 'HTTP/2',
      cookies: responseCookies(responseHeaders),
      headers: [header('Content-Type', mimeType), ...responseHeaders],
      content: { size: text.length, mimeType, text },
      redirectURL: '',
      headersSize: -1,
      bodySize: text.length,
    },
    cache: {},
    timings: { blocked: 1, dns: -1, connect: -1, ssl: -1, send: 1, wait: 38, receive: 2 },
  };
}

/** A WebSocket frame as Chrome's HAR export writes it (`time` in seconds since the epoch). */
const frame = (at, type, value) => ({ type, time: T0 + at, opcode: 1, data: JSON.stringify(value) });

/** A WebSocket as Chrome's HAR export writes it: the 101 handshake entry with its frames. */
function socket(at, url, frames) {
  const handshake = entry(at, 'GET', url, {
    headers: [header('Origin', APP_ORIGIN), header('Sec-WebSocket-Protocol', 'graphql-transport-ws')],
    status: 101,
  });
  handshake.response.statusText = 'Switching Protocols';
  return { ...handshake, _resourceType: 'websocket', _webSocketMessages: frames };
}

/** HAR `request.cookies`, as browsers record them from the `Cookie` header. */
function requestCookies(headers) {
  const cookie = headers.find((h) => h.name === 'Cookie')?.value ?? '';
  return cookie
    ? cookie
        .split('; ')
        .map((pair) => ({ name: pair.split('=')[0], value: pair.slice(pair.indexOf('=') + 1) }))
    : [];
}

/** HAR `response.cookies` with the flags `Set-Cookie` sent (this one: no HttpOnly, no SameSite). */
function responseCookies(headers) {
  return headers
    .filter((h) => h.name === 'Set-Cookie')
    .map((h) => {
      const [pair = '', ...attrs] = h.value.split('; ');
      const flags = attrs.map((a) => a.toLowerCase());
      return {
        name: pair.split('=')[0],
        value: pair.slice(pair.indexOf('=') + 1),
        path: '/',
        httpOnly: flags.includes('httponly'),
        secure: flags.includes('secure'),
      };
    });
}

const bearer = (token) => [
  header('Authorization', `Bearer ${token}`),
  header('Origin', APP_ORIGIN),
  header('Referer', `${APP_ORIGIN}/`),
];

/** The demo session, in order. */
async function makeEntries(t) {
  const jwk = { ...(await exportJWK(createPublicKey(rsaKey))), kid: KID, use: 'sig', alg: 'RS256' };
  const tokenResponse = {
    access_token: t.access,
    id_token: t.id,
    refresh_token: t.refresh,
    token_type: 'Bearer',
    expires_in: 28800,
  };
  const form = (text) => ({ mimeType: 'application/x-www-form-urlencoded', text, params: [] });
  const json = (value) => ({ mimeType: JSON_TYPE, text: JSON.stringify(value) });
  return [
    entry(0, 'GET', `${APP_ORIGIN}/`, {
      content: '<!doctype html><title>Demo Shop</title><script src="/static/app.js"></script>',
    }),
    entry(1, 'GET', `${APP_ORIGIN}/static/app.js`, { content: 'console.log("demo")' }),
    entry(2, 'GET', `${ISSUER}/.well-known/openid-configuration`, {
      content: {
        issuer: ISSUER,
        jwks_uri: `${ISSUER}/.well-known/jwks.json`,
        token_endpoint: `${ISSUER}/oauth/token`,
      },
    }),
    entry(3, 'GET', `${ISSUER}/.well-known/jwks.json`, { content: { keys: [jwk] } }),
    entry(20, 'POST', `${ISSUER}/oauth/token`, {
      headers: [header('Origin', APP_ORIGIN)],
      body: form(
        `grant_type=authorization_code&code=SplxlOBeZQQYbYS6WxSbIA&client_id=${CLIENT_ID}&code_verifier=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk`,
      ),
      responseHeaders: [header('Cache-Control', 'no-cache'), header('Pragma', 'no-cache')],
      content: tokenResponse,
    }),
    entry(25, 'POST', `${APP_ORIGIN}/session`, {
      headers: [header('Origin', APP_ORIGIN)],
      body: json({ id_token: t.id }),
      responseHeaders: [header('Set-Cookie', `session=${t.session}; Path=/; Secure; Max-Age=604800`)],
      content: { ok: true },
    }),
    entry(26, 'GET', `${APP_ORIGIN}/dashboard`, {
      headers: [header('Cookie', `session=${t.session}; theme=dark`)],
      content: '<!doctype html><h1>Dashboard</h1>',
    }),
    entry(30, 'GET', 'https://api.example.com/v1/me', {
      headers: bearer(t.access),
      content: { id: 'u-1', plan: 'pro' },
    }),
    entry(31, 'GET', 'https://api.example.com/v1/orders?limit=10', {
      headers: bearer(t.access),
      content: { orders: [] },
    }),
    entry(35, 'GET', `https://files.example.com/export/orders.csv?access_token=${t.access}`, {
      headers: [header('Referer', `${APP_ORIGIN}/dashboard`)],
      content: 'id,total\n',
    }),
    entry(36, 'POST', 'https://collect.metrics-vendor.example.net/v1/events', {
      headers: [header('Origin', APP_ORIGIN)],
      body: json({ event: 'page_view', page: '/dashboard', context: { auth: `Bearer ${t.access}` } }),
      content: { accepted: 1 },
    }),
    entry(40, 'GET', 'https://api.example.com/v1/admin/users', {
      headers: bearer(t.none),
      content: { users: [{ id: 'u-1' }] },
    }),
    entry(41, 'GET', 'https://api.example.com/v1/reports/daily', {
      headers: bearer(t.expired),
      content: { rows: [] },
    }),
    entry(45, 'GET', 'http://legacy.example.com/api/status', {
      headers: [header('Authorization', `Bearer ${t.legacy}`)],
      content: { up: true },
    }),
    socket(50, 'wss://realtime.example.com/graphql', [
      frame(50.1, 'send', { type: 'connection_init', payload: { authorization: `Bearer ${t.access}` } }),
      frame(50.2, 'receive', { type: 'connection_ack' }),
      frame(50.3, 'send', { id: '1', type: 'subscribe', payload: { query: 'subscription { ticket }' } }),
      frame(50.4, 'receive', { id: '1', type: 'next', payload: { data: { ticket: t.ticket } } }),
    ]),
    entry(300, 'POST', `${ISSUER}/oauth/token`, {
      headers: [header('Origin', APP_ORIGIN)],
      body: form(`grant_type=refresh_token&refresh_token=${t.refresh}&client_id=${CLIENT_ID}`),
      responseHeaders: [header('Cache-Control', 'no-store')],
      content: { access_token: t.access2, token_type: 'Bearer', expires_in: 28800 },
    }),
    entry(301, 'GET', `${APP_ORIGIN}/favicon.ico`, { status: 404, content: 'not found' }),
  ];
}

function har(entries) {
  return {
    log: {
      version: '1.2',
      creator: { name: 'WebInspector', version: '537.36' },
      pages: [
        {
          startedDateTime: new Date(T0 * 1000).toISOString(),
          id: 'page_1',
          title: APP_ORIGIN,
          pageTimings: {},
        },
      ],
      entries,
    },
  };
}

/** Small inputs the CLI must reject (exit 2) or judge line by line. */
function brokenFixtures(demoText, t) {
  return {
    'truncated.har': demoText.slice(0, Math.floor(demoText.length * 0.6)),
    'not-json.har': 'HTTP/1.1 200 OK\nthis is a saved response, not a HAR\n',
    'not-har.har': JSON.stringify({ hello: 'world' }),
    'wrong-types.har': JSON.stringify({ log: { version: '1.2', entries: { request: 'GET /' } } }),
    'empty.har': '',
    // A HAR whose entries are broken: capture skips them with a problem line each, the scan still runs.
    'bad-entries.har': JSON.stringify({ log: { version: '1.2', entries: [42, { request: 'GET /' }, null] } }),
    'tokens.txt': [
      t.access,
      '',
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9...',
      `  ${t.none}  `,
      'not a token at all',
      '',
    ].join('\r\n'),
  };
}

async function main() {
  const tokens = await makeTokens();
  const demoText = `${JSON.stringify(har(await makeEntries(tokens)), null, 2)}\n`;
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, 'demo.har'), demoText);
  for (const [name, text] of Object.entries(brokenFixtures(demoText, tokens)))
    writeFileSync(join(OUT, name), text);
  process.stdout.write(`fixtures written to ${OUT}\n`);
}

await main();
