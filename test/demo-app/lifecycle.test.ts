import { createHash, randomBytes } from 'node:crypto';
import { compactVerify, createLocalJWKSet, decodeJwt, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoServer, startDemoServer } from '../../scripts/demo-app/server.mjs';

interface TokenResponse {
  access_token: string;
  id_token?: string;
  refresh_token?: string;
  expires_in: number;
  error?: string;
}

const b64url = (bytes: Buffer) => bytes.toString('base64url');
const atHash = (token: string) => b64url(createHash('sha256').update(token).digest().subarray(0, 16));

// The demo's token-lifecycle flows (issue 13): each flaw the lifecycle rules must find really behaves as
// described, beside the healthy case that must stay silent.
describe('demo app: token lifecycle flows', () => {
  let demo: DemoServer;
  const redirectUri = () => `${demo.url}/callback`;

  beforeAll(async () => {
    demo = await startDemoServer({ port: 0 });
  });

  afterAll(async () => {
    await demo?.close();
  });

  const call = (path: string, token: string) =>
    fetch(`${demo.url}${path}`, { headers: { Authorization: `Bearer ${token}` } });
  const status = async (path: string, token: string) => (await call(path, token)).status;
  const post = (path: string, fields: Record<string, string>) =>
    fetch(`${demo.url}${path}`, { method: 'POST', body: new URLSearchParams(fields) });

  /** The code flow with PKCE, as the page runs it; returns the token response and what was sent. */
  async function signIn(flaw?: string) {
    const verifier = b64url(randomBytes(32));
    const nonce = b64url(randomBytes(12));
    const params = new URLSearchParams({
      response_type: 'code',
      client_id: 'demo-spa',
      redirect_uri: redirectUri(),
      scope: 'openid profile',
      state: 'st-1234567',
      nonce,
      code_challenge: b64url(createHash('sha256').update(verifier).digest()),
      code_challenge_method: 'S256',
    });
    if (flaw) params.set('demo_flaw', flaw);
    const authorize = await fetch(`${demo.url}/oauth/authorize?${params}`, { redirect: 'manual' });
    expect(authorize.status).toBe(302);
    const location = new URL(authorize.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(redirectUri());
    expect(location.searchParams.get('state')).toBe('st-1234567');
    const response = await post('/oauth/token', {
      grant_type: 'authorization_code',
      code: location.searchParams.get('code') ?? '',
      redirect_uri: redirectUri(),
      client_id: 'demo-spa',
      code_verifier: verifier,
    });
    expect(response.headers.get('cache-control')).toBe('no-store');
    const tokens = (await response.json()) as TokenResponse;
    return { tokens, nonce, id: decodeJwt(tokens.id_token ?? ''), access: decodeJwt(tokens.access_token) };
  }

  const lifetime = (claims: JWTPayload) => (claims.exp ?? 0) - (claims.iat ?? 0);

  it('publishes a discovery document naming every endpoint', async () => {
    const doc = await (await fetch(`${demo.url}/.well-known/openid-configuration`)).json();
    expect(doc).toMatchObject({
      issuer: demo.url,
      authorization_endpoint: `${demo.url}/oauth/authorize`,
      token_endpoint: `${demo.url}/oauth/token`,
      revocation_endpoint: `${demo.url}/oauth/revoke`,
      end_session_endpoint: `${demo.url}/logout`,
      jwks_uri: `${demo.url}/.well-known/jwks.json`,
    });
  });

  it('signs in healthily: nonce echoed, at_hash right, one audience, expires_in equal to the lifetime', async () => {
    const { tokens, nonce, id, access } = await signIn();
    expect(id.nonce).toBe(nonce);
    expect(id.at_hash).toBe(atHash(tokens.access_token));
    expect(id.aud).toBe('demo-spa');
    expect(tokens.expires_in).toBe(lifetime(access));
    expect(access.jti).not.toBe((await signIn()).access.jti);
    expect(decodeJwt(tokens.refresh_token ?? '')).toMatchObject({ aud: demo.url, sid: access.sid });
  });

  it('refuses a code twice and a wrong PKCE verifier', async () => {
    const params = new URLSearchParams({
      response_type: 'code',
      client_id: 'demo-spa',
      redirect_uri: redirectUri(),
      code_challenge: 'x'.repeat(43),
      code_challenge_method: 'S256',
    });
    const authorize = await fetch(`${demo.url}/oauth/authorize?${params}`, { redirect: 'manual' });
    const code = new URL(authorize.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const exchange = () =>
      post('/oauth/token', {
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri(),
        code_verifier: 'v',
      });
    expect((await exchange()).status).toBe(400);
    expect((await exchange()).status).toBe(400);
  });

  it('answers the flawed sign-ins with the flaw asked for, and only that one', async () => {
    const nonce = await signIn('nonce');
    expect(nonce.id.nonce).toEqual(expect.any(String));
    expect(nonce.id.nonce).not.toBe(nonce.nonce);
    expect(nonce.id.at_hash).toBe(atHash(nonce.tokens.access_token));

    const hash = await signIn('at_hash');
    expect(hash.id.nonce).toBe(hash.nonce);
    expect(hash.id.at_hash).not.toBe(atHash(hash.tokens.access_token));

    const azp = await signIn('azp');
    expect(azp.id.aud).toEqual(['demo-spa', 'demo-analytics']);
    expect(azp.id).not.toHaveProperty('azp');

    const life = await signIn('lifetime');
    expect(life.tokens.expires_in).toBe(3600);
    expect(lifetime(life.access)).toBe(300);
  });

  it('rotates refresh tokens, refuses a used one and a revoked one (RFC 7009)', async () => {
    const { tokens } = await signIn();
    const refresh = (token: string) =>
      post('/oauth/token', { grant_type: 'refresh_token', refresh_token: token, client_id: 'demo-spa' });
    const next = (await (await refresh(tokens.refresh_token ?? '')).json()) as TokenResponse;
    expect(next.refresh_token).toBeTruthy();
    expect(next.refresh_token).not.toBe(tokens.refresh_token);
    expect(next.access_token).not.toBe(tokens.access_token);
    expect((await refresh(tokens.refresh_token ?? '')).status).toBe(400);
    expect((await post('/oauth/revoke', { token: next.refresh_token ?? '' })).status).toBe(200);
    const revoked = await refresh(next.refresh_token ?? '');
    expect(revoked.status).toBe(400);
    expect(await revoked.json()).toEqual({ error: 'invalid_grant' });
  });

  it('keeps accepting a token at /notes after a successful /logout; /billing rejects it (RFC 6750)', async () => {
    const { tokens } = await signIn();
    expect(await status('/notes/today', tokens.access_token)).toBe(200);
    expect(await status('/billing/invoices', tokens.access_token)).toBe(200);
    const logout = await fetch(`${demo.url}/logout`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${tokens.access_token}` },
    });
    expect(logout.status).toBe(200);
    expect(await status('/notes/today', tokens.access_token)).toBe(200);
    const billing = await call('/billing/invoices', tokens.access_token);
    expect(billing.status).toBe(401);
    expect(billing.headers.get('www-authenticate')).toBe(
      'Bearer realm="billing", error="invalid_token", error_description="The access token has been revoked"',
    );
  });

  it('accepts an ID token as a Bearer credential at /notes; /billing refuses it', async () => {
    const { tokens } = await signIn();
    expect(await status('/notes/today', tokens.id_token ?? '')).toBe(200);
    const billing = await call('/billing/invoices', tokens.id_token ?? '');
    expect(billing.status).toBe(401);
    expect(billing.headers.get('www-authenticate')).toContain('error="invalid_token"');
  });

  it('accepts expired, post-dated and forged tokens at /reports; /billing refuses each with its reason', async () => {
    const odd = await (await fetch(`${demo.url}/api/odd-tokens`)).json();
    const nowSeconds = Date.now() / 1000;
    expect(decodeJwt(odd.expired).exp).toBeLessThan(nowSeconds);
    expect(decodeJwt(odd.notYetValid).nbf).toBeGreaterThan(nowSeconds + 3000);
    const jwks = createLocalJWKSet(await (await fetch(`${demo.url}/.well-known/jwks.json`)).json());
    await expect(compactVerify(odd.forged, jwks)).rejects.toThrow(/signature verification failed/);
    await expect(compactVerify(odd.expired, jwks)).resolves.toBeTruthy();
    const reasons: Record<string, string> = {
      expired: 'The access token expired',
      notYetValid: 'The access token is not yet valid',
      forged: 'The access token signature is invalid',
    };
    for (const [name, description] of Object.entries(reasons)) {
      expect(await status('/reports/summary', odd[name]), name).toBe(200);
      const billing = await call('/billing/invoices', odd[name]);
      expect(billing.status, name).toBe(401);
      expect(billing.headers.get('www-authenticate')).toBe(
        `Bearer realm="billing", error="invalid_token", error_description="${description}"`,
      );
    }
  });

  it('challenges a request without a token without an error code (RFC 6750 §3.1)', async () => {
    const response = await fetch(`${demo.url}/billing/invoices`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="billing"');
  });
});
