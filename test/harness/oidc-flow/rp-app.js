// @ts-check
/**
 * The relying party's browser code (served by relying-party.ts): a public web client that runs the
 * authorization code flow with PKCE S256 as an SPA library would, then uses what it got. Everything that
 * carries a token goes through the browser, so DevTools (and JWT Lens) see it.
 * It writes a summary of each step (statuses only, no token) to `document.body.dataset.flow`.
 */

/** @returns {Promise<Record<string, string>>} */
async function loadConfig() {
  return (await fetch('/config')).json();
}

/** @param {Uint8Array} bytes */
function base64url(bytes) {
  return btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');
}

function randomString() {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

/** @param {string} verifier */
async function s256(verifier) {
  return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
}

/** Discovery and the key set, as an OIDC client library fetches them to validate the ID token. */
async function discover(issuer) {
  const metadata = await (await fetch(`${issuer}/.well-known/openid-configuration`)).json();
  await (await fetch(metadata.jwks_uri)).json();
  return metadata;
}

/** @param {Record<string, string>} config */
async function startLogin(config) {
  const metadata = await discover(config.issuer);
  const verifier = randomString();
  const state = randomString();
  const nonce = randomString();
  sessionStorage.setItem('pkce', JSON.stringify({ verifier, state, nonce }));
  const url = new URL(metadata.authorization_endpoint);
  url.search = new URLSearchParams({
    client_id: config.clientId,
    redirect_uri: config.redirectUri,
    response_type: 'code',
    scope: `openid profile email offline_access ${config.apiScope}`,
    resource: config.apiResource,
    prompt: 'consent',
    state,
    nonce,
    code_challenge: await s256(verifier),
    code_challenge_method: 'S256',
  }).toString();
  location.assign(url.toString());
}

/**
 * @param {string} endpoint
 * @param {Record<string, string>} form
 * @param {Record<string, string>} [headers]
 */
async function tokenRequest(endpoint, form, headers = {}) {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form),
  });
  const body = await response.json();
  if (!response.ok) throw new Error(`token endpoint: ${response.status} ${body.error}`);
  return body;
}

/** @param {string} url @param {string} accessToken */
async function callWithBearer(url, accessToken) {
  const response = await fetch(url, { headers: { authorization: `Bearer ${accessToken}` } });
  // Read the body, as an app does: an unread response never finishes, and DevTools reports only
  // finished requests to extensions (onRequestFinished).
  await response.json();
  return response.status;
}

/** @param {Record<string, string>} config */
async function finishLogin(config) {
  const saved = JSON.parse(sessionStorage.getItem('pkce') ?? '{}');
  sessionStorage.removeItem('pkce');
  const params = new URLSearchParams(location.search);
  if (params.get('state') !== saved.state) throw new Error('state mismatch');
  const metadata = await discover(config.issuer);
  const steps = {};
  const tokens = await tokenRequest(metadata.token_endpoint, {
    grant_type: 'authorization_code',
    code: params.get('code') ?? '',
    code_verifier: saved.verifier,
    redirect_uri: config.redirectUri,
    client_id: config.clientId,
    resource: config.apiResource,
  });
  steps.code = Object.keys(tokens).sort().join(',');
  steps.api = await callWithBearer('/api/me', tokens.access_token);
  // Refresh (rotated): no resource, so the new access token is the provider's own, for userinfo.
  const refreshed = await tokenRequest(metadata.token_endpoint, {
    grant_type: 'refresh_token',
    refresh_token: tokens.refresh_token,
    client_id: config.clientId,
  });
  steps.refresh = Object.keys(refreshed).sort().join(',');
  steps.rotated = String(refreshed.refresh_token !== tokens.refresh_token);
  steps.userinfo = await callWithBearer(metadata.userinfo_endpoint, refreshed.access_token);
  // A machine client (as an API console does it): client credentials with HTTP Basic client auth.
  const basic = btoa(`${config.serviceClientId}:${config.serviceClientSecret}`);
  const service = await tokenRequest(
    metadata.token_endpoint,
    { grant_type: 'client_credentials', scope: config.apiScope, resource: config.apiResource },
    { authorization: `Basic ${basic}` },
  );
  steps.service = await callWithBearer('/api/me', service.access_token);
  return steps;
}

async function main() {
  const config = await loadConfig();
  if (location.pathname === '/callback') {
    document.body.dataset.flow = JSON.stringify(await finishLogin(config));
  } else {
    await startLogin(config);
  }
}

main().catch((error) => {
  document.body.dataset.flowError = String(error?.message ?? error);
});
