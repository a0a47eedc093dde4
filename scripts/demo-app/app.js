// @ts-check
/**
 * The demo page's script (served as /app.js). It behaves like a careless single-page app, so every
 * capture path of JWT Lens has something to see: Authorization headers, cookies, Set-Cookie, a token in a
 * query string, token JSON responses, a JWKS, and tokens in localStorage; then the token-lifecycle flows
 * of lifecycle.js (sign-ins, refresh, revocation, logout, services that disagree).
 */
import { lifecycleFlows } from './lifecycle.js';
import { callProbeEndpoints } from './probe.js';

const status = /** @type {HTMLOutputElement} */ (document.getElementById('status'));

/** @param {string} token @returns {RequestInit} */
const bearer = (token) => ({ headers: { Authorization: `Bearer ${token}` } });

/** @param {string} path @param {RequestInit} [init] */
async function json(path, init) {
  const response = await fetch(path, init);
  return response.headers.get('content-type')?.includes('json') ? response.json() : null;
}

/** @param {string} refreshToken */
function refresh(refreshToken) {
  const body = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken });
  return json('/api/token', { method: 'POST', body });
}

/**
 * Opens the notifications socket, authenticates in the first frame, and closes the socket once the
 * server's ticket arrives (DevTools reports a WebSocket, with its frames, when it closes).
 * @param {string} accessToken @returns {Promise<void>}
 */
function notifications(accessToken) {
  return new Promise((resolve) => {
    const socket = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/ws/notifications`);
    socket.addEventListener('open', () => socket.send(JSON.stringify({ type: 'auth', token: accessToken })));
    socket.addEventListener('message', () => socket.close(1000, 'done'));
    socket.addEventListener('close', () => resolve());
    socket.addEventListener('error', () => resolve());
  });
}

/** The whole login-and-call flow; resolves when every request has finished. */
async function runFlow() {
  const login = await json('/api/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'demo', password: 'demo-password' }),
  });
  localStorage.setItem('id_token', login.id_token);
  sessionStorage.setItem('auth', JSON.stringify({ refresh_token: login.refresh_token }));
  await json('/api/profile', bearer(login.access_token));
  await notifications(login.access_token);
  await json(`/api/export?format=json&access_token=${encodeURIComponent(login.access_token)}`);
  await json('/.well-known/jwks.json');
  const bad = await json('/api/debug-tokens');
  await json('/api/legacy', bearer(bad.expired));
  await json('/api/admin', bearer(bad.none));
  await json('/api/orders', bearer(bad.weak));
  await json('/api/comments', bearer(bad.html));
  // The same refresh token twice: the server never rotates it.
  await refresh(login.refresh_token);
  await refresh(login.refresh_token);
  await lifecycleFlows();
  return login.access_token;
}

/**
 * Fires `count` requests, `parallel` at a time; each carries the access token and gets a distinct token back.
 * @param {number} count @param {string} accessToken
 */
async function burst(count, accessToken, parallel = 16) {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next += 1;
      await fetch(`/api/burst/${next}`, bearer(accessToken)).then((r) => r.text());
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, count) }, worker));
  return count;
}

async function main() {
  const params = new URLSearchParams(location.search);
  const accessToken = await runFlow();
  const burstCount = Number(params.get('burst') ?? 0);
  if (burstCount > 0) await burst(Math.min(burstCount, 100_000), accessToken);
  status.textContent = 'done';
  document.body.dataset.demoDone = '1';
  // Exposed for the e2e tests and the benchmark, which fire bursts on demand.
  Object.assign(window, {
    demoBurst: (/** @type {number} */ n) => burst(n, accessToken),
    demoFlow: runFlow,
    demoProbeEndpoints: callProbeEndpoints,
  });
  document.getElementById('again')?.addEventListener('click', () => void runFlow());
  document.getElementById('burst')?.addEventListener('click', () => void burst(500, accessToken));
  document.getElementById('probe')?.addEventListener('click', () => {
    callProbeEndpoints().then((n) => {
      status.textContent = `probe endpoints called (${n} accepted their token)`;
    });
  });
}

main().catch((error) => {
  status.textContent = `failed: ${error instanceof Error ? error.message : String(error)}`;
  document.body.dataset.demoDone = 'error';
});
