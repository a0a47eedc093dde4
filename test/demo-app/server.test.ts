import { compactVerify, createLocalJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { type DemoServer, startDemoServer } from '../../scripts/demo-app/server.mjs';

// The demo app is deliberately insecure; these tests pin down each flaw the e2e tests and `npm start`
// rely on, so a "fix" to the demo cannot silently empty the panel.
describe('demo app server', () => {
  let demo: DemoServer;
  let tokens: Record<string, string>;
  let loginHeaders: Headers;

  beforeAll(async () => {
    demo = await startDemoServer({ port: 0 });
    const login = await fetch(`${demo.url}/api/login`, { method: 'POST', body: '{}' });
    loginHeaders = login.headers;
    tokens = { ...(await login.json()), ...(await (await fetch(`${demo.url}/api/debug-tokens`)).json()) };
  });

  afterAll(async () => {
    await demo?.close();
  });

  const call = (path: string, token: string) =>
    fetch(`${demo.url}${path}`, { headers: { Authorization: `Bearer ${token}` } }).then((r) => r.status);

  it('listens on 127.0.0.1 only, on a free port', () => {
    expect(demo.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('logs in with a cacheable JSON token response and readable token cookies', () => {
    expect(Object.keys(tokens)).toEqual(
      expect.arrayContaining(['access_token', 'id_token', 'refresh_token']),
    );
    expect(loginHeaders.get('cache-control')).toBeNull();
    const cookies = loginHeaders.getSetCookie();
    expect(cookies.map((c) => c.split('=')[0])).toEqual(['session', 'refresh_token']);
    for (const cookie of cookies) expect(cookie).not.toMatch(/HttpOnly|Secure/i);
  });

  it('verifies Bearer and query tokens properly where it should', async () => {
    expect(await call('/api/profile', tokens.access_token ?? '')).toBe(200);
    expect(await call('/api/profile', tokens.expired ?? '')).toBe(401);
    const viaQuery = await fetch(`${demo.url}/api/export?access_token=${tokens.access_token}`);
    expect(viaQuery.status).toBe(200);
  });

  it('accepts an expired token, an alg:none token and a weak-secret token', async () => {
    expect(decodeJwt(tokens.expired ?? '').exp).toBeLessThan(Date.now() / 1000);
    expect(await call('/api/legacy', tokens.expired ?? '')).toBe(200);
    expect(decodeProtectedHeader(tokens.none ?? '').alg).toBe('none');
    expect(await call('/api/admin', tokens.none ?? '')).toBe(200);
    await expect(jwtVerify(tokens.weak ?? '', new TextEncoder().encode('secret'))).resolves.toBeTruthy();
    expect(await call('/api/orders', tokens.weak ?? '')).toBe(200);
  });

  it('issues a token whose header and claims are HTML and script', () => {
    const claims = decodeJwt(tokens.html ?? '');
    expect(String(claims.sub)).toContain('<img src=x onerror=');
    expect(String(claims.name)).toContain('</script><script>');
    expect(String(decodeProtectedHeader(tokens.html ?? '').typ)).toContain('<script>');
  });

  it('serves a JWKS that verifies the access token', async () => {
    const jwks = await (await fetch(`${demo.url}/.well-known/jwks.json`)).json();
    expect(jwks.keys).toHaveLength(1);
    await expect(jwtVerify(tokens.access_token ?? '', createLocalJWKSet(jwks))).resolves.toBeTruthy();
  });

  it('gives every access token of the legacy login the same jti, on distinct tokens', async () => {
    const refreshed = await fetch(`${demo.url}/api/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token ?? '' }),
    }).then((r) => r.json());
    expect(refreshed.access_token).not.toBe(tokens.access_token);
    expect(decodeJwt(refreshed.access_token).jti).toBe('a-1');
    expect(decodeJwt(tokens.access_token ?? '').jti).toBe('a-1');
  });

  it('hands out a distinct token per burst request and never rotates the refresh token', async () => {
    const burst = await Promise.all(
      [1, 2, 3].map((n) => fetch(`${demo.url}/api/burst/${n}`).then((r) => r.json())),
    );
    expect(new Set(burst.map((b) => b.token)).size).toBe(3);
    const again = await fetch(`${demo.url}/api/burst/1`).then((r) => r.json());
    const jtis = [...burst, again].map((b) => decodeJwt(b.token).jti);
    expect(new Set(jtis).size).toBe(4);
    const refresh = () =>
      fetch(`${demo.url}/api/token`, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token ?? '' }),
      }).then((r) => r.json());
    const [first, second] = [await refresh(), await refresh()];
    expect(first.access_token).toBeTruthy();
    expect(second.refresh_token).toBeUndefined();
  });

  /** Opens the notifications socket, sends `first`, and resolves with the reply frame or the close code. */
  const socketReply = (first: string, path = '/ws/notifications') =>
    new Promise<{ reply?: string; code?: number }>((resolve, reject) => {
      const socket = new WebSocket(`${demo.url.replace('http', 'ws')}${path}`);
      socket.on('open', () => socket.send(first));
      socket.on('message', (data) => {
        resolve({ reply: String(data) });
        socket.close();
      });
      socket.on('close', (code) => resolve({ code }));
      socket.on('error', reject);
    });

  it('answers a WebSocket authenticated in its first frame with a nested ticket: alg none inside RS256', async () => {
    const { reply } = await socketReply(JSON.stringify({ type: 'auth', token: tokens.access_token }));
    const ticket = (JSON.parse(reply ?? '{}') as { ticket: string }).ticket;
    expect(decodeProtectedHeader(ticket)).toMatchObject({ alg: 'RS256', cty: 'JWT' });
    const jwks = await (await fetch(`${demo.url}/.well-known/jwks.json`)).json();
    const { payload } = await compactVerify(ticket, createLocalJWKSet(jwks));
    const inner = new TextDecoder().decode(payload);
    expect(decodeProtectedHeader(inner).alg).toBe('none');
    expect(decodeJwt(inner)).toMatchObject({ sub: 'user-42', email: 'demo.user@example.com' });
  });

  it('closes a socket whose first frame is not a valid auth message', async () => {
    expect(await socketReply('not json')).toEqual({ code: 4400 });
    expect(await socketReply(JSON.stringify({ type: 'auth', token: 'x.y.z' }))).toEqual({ code: 4401 });
    await expect(socketReply('{}', '/ws/other')).rejects.toThrow(/404/);
  });

  it('serves the app page and script, and 404s the rest', async () => {
    expect((await fetch(`${demo.url}/`)).headers.get('content-type')).toContain('text/html');
    expect((await fetch(`${demo.url}/app.js`)).headers.get('content-type')).toContain('javascript');
    expect((await fetch(`${demo.url}/lifecycle.js`)).headers.get('content-type')).toContain('javascript');
    expect((await fetch(`${demo.url}/nope`)).status).toBe(404);
    expect(demo.requestCount()).toBeGreaterThan(10);
  });
});
