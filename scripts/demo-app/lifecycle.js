// @ts-check
/**
 * The demo page's token-lifecycle flows (served as /lifecycle.js), so every lifecycle check of JWT Lens
 * has something to find beside its near miss: an OpenID Connect code flow with PKCE, `state` and `nonce`;
 * a rotating refresh and an RFC 7009 revocation (the healthy cases); a `/logout` one service ignores;
 * services that disagree on expired, post-dated and forged tokens; an ID token sent as a Bearer
 * credential; and sign-ins whose token responses are flawed on purpose (nonce, at_hash, azp, expires_in).
 */

const CLIENT_ID = 'demo-spa';
const REDIRECT_URI = `${location.origin}/callback`;

/**
 * Every lifecycle request leaves the legacy `session` cookie behind: each request's only credential is
 * the one the flow means to send, so each server verdict belongs to that token alone (and the legacy
 * token keeps few enough sightings that the panel's per-token bound never evicts its earlier ones).
 * @param {string} path @param {RequestInit} [init]
 */
const send = (path, init = {}) => fetch(path, { ...init, credentials: 'omit' });

/** @param {number} bytes */
function randomText(bytes) {
  const raw = crypto.getRandomValues(new Uint8Array(bytes));
  return btoa(String.fromCharCode(...raw))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** RFC 7636 S256: base64url(SHA-256(verifier)). @param {string} verifier */
async function s256(verifier) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  return btoa(String.fromCharCode(...digest))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** @param {string} path @param {string} token */
const call = (path, token) =>
  send(path, { headers: { Authorization: `Bearer ${token}` } }).then((r) => r.status);

/** A form POST; resolves with the JSON answer (or `{}`). @param {string} path @param {Record<string, string>} fields */
async function post(path, fields) {
  const response = await send(path, { method: 'POST', body: new URLSearchParams(fields) });
  return response.headers.get('content-type')?.includes('json') ? response.json().catch(() => ({})) : {};
}

/**
 * The authorization code flow with PKCE (RFC 6749 §4.1, RFC 7636, OIDC Core §3.1): authorize (302 to
 * /callback with `code` and `state`), then the token request. The client checks `state` but, carelessly,
 * never the ID token's `nonce` or `at_hash`: JWT Lens does. `flaw` asks the server for a flawed response.
 * @param {string} [flaw] - `nonce`, `at_hash`, `azp` or `lifetime`
 */
async function signIn(flaw) {
  const verifier = randomText(32);
  const state = randomText(12);
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT_URI,
    scope: 'openid profile',
    state,
    nonce: randomText(12),
    code_challenge: await s256(verifier),
    code_challenge_method: 'S256',
  });
  if (flaw) params.set('demo_flaw', flaw);
  const callback = await send(`/oauth/authorize?${params}`);
  const back = new URL(callback.url).searchParams;
  if (back.get('state') !== state) throw new Error('sign-in: state mismatch');
  return post('/oauth/token', {
    grant_type: 'authorization_code',
    code: back.get('code') ?? '',
    redirect_uri: REDIRECT_URI,
    client_id: CLIENT_ID,
    code_verifier: verifier,
  });
}

/** @param {string} refreshToken */
const refresh = (refreshToken) =>
  post('/oauth/token', { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: CLIENT_ID });

/** A healthy session that ends in a logout /notes never hears of. */
async function session() {
  const first = await signIn();
  await call('/billing/invoices', first.access_token);
  await call('/notes/today', first.access_token);
  // An ID token as a Bearer credential: /notes checks the signature and expiry, not what the token is for.
  await call('/notes/today', first.id_token);
  // Rotation: a new refresh token comes back and the old one stops working.
  const second = await refresh(first.refresh_token);
  await refresh(first.refresh_token);
  // RFC 7009 revocation of the new refresh token; a refresh grant with it is then refused.
  await post('/oauth/revoke', {
    token: second.refresh_token,
    token_type_hint: 'refresh_token',
    client_id: CLIENT_ID,
  });
  await refresh(second.refresh_token);
  await send('/logout', { method: 'POST', headers: { Authorization: `Bearer ${second.access_token}` } });
  await call('/notes/today', second.access_token); // 200: the logout did not revoke the token here
  await call('/billing/invoices', second.access_token); // 401 invalid_token: revoked here
}

/** Expired, post-dated and forged tokens, each to the service that checks nothing and to the strict one. */
async function oddTokens() {
  const odd = await send('/api/odd-tokens').then((r) => r.json());
  for (const token of [odd.expired, odd.notYetValid, odd.forged]) {
    await call('/reports/summary', token); // 200
    await call('/billing/invoices', token); // 401 with an RFC 6750 error_description
  }
}

/** Every lifecycle flow, in order; resolves when every request has finished. */
export async function lifecycleFlows() {
  await send('/.well-known/openid-configuration');
  await send('/.well-known/jwks.json');
  await session();
  await oddTokens();
  for (const flaw of ['nonce', 'at_hash', 'azp', 'lifetime']) {
    const tokens = await signIn(flaw);
    await call('/billing/invoices', tokens.access_token);
  }
}
