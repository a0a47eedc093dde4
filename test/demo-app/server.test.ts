import { decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    const { createLocalJWKSet } = await import('jose');
    await expect(jwtVerify(tokens.access_token ?? '', createLocalJWKSet(jwks))).resolves.toBeTruthy();
  });

  it('hands out a distinct token per burst request and never rotates the refresh token', async () => {
    const burst = await Promise.all(
      [1, 2, 3].map((n) => fetch(`${demo.url}/api/burst/${n}`).then((r) => r.json())),
    );
    expect(new Set(burst.map((b) => b.token)).size).toBe(3);
    const refresh = () =>
      fetch(`${demo.url}/api/token`, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token ?? '' }),
      }).then((r) => r.json());
    const [first, second] = [await refresh(), await refresh()];
    expect(first.access_token).toBeTruthy();
    expect(second.refresh_token).toBeUndefined();
  });

  it('serves the app page and script, and 404s the rest', async () => {
    expect((await fetch(`${demo.url}/`)).headers.get('content-type')).toContain('text/html');
    expect((await fetch(`${demo.url}/app.js`)).headers.get('content-type')).toContain('javascript');
    expect((await fetch(`${demo.url}/nope`)).status).toBe(404);
    expect(demo.requestCount()).toBeGreaterThan(10);
  });
});
