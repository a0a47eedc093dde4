// @ts-check
/**
 * The demo app's API: a deliberately careless auth server and resource server in one. Each handler gets
 * the parsed request and returns `{ status, body, headers? }`; server.mjs does the HTTP.
 */
import { decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { WEAK_SECRET } from './tokens.mjs';

/** @typedef {{ method: string, path: string, query: URLSearchParams, headers: import('node:http').IncomingHttpHeaders, body: string }} DemoRequest */
/** @typedef {{ status: number, body?: unknown, headers?: Record<string, string | string[]> }} DemoResponse */
/** @typedef {Awaited<ReturnType<typeof import('./tokens.mjs').createIssuer>>} Issuer */

/** @param {DemoRequest} req */
export function bearerOf(req) {
  const match = /^Bearer\s+(\S+)$/i.exec(String(req.headers.authorization ?? ''));
  return match?.[1] ?? '';
}

/** @param {unknown} body @returns {DemoResponse} */
const ok = (body) => ({ status: 200, body });
const unauthorized = { status: 401, body: { error: 'invalid_token' } };

/** Claims of a token the server did not verify at all (what the "legacy" endpoints do). @param {string} token */
function unverified(token) {
  try {
    return decodeJwt(token);
  } catch {
    return null;
  }
}

/**
 * Builds the route table for one issuer.
 * @param {Issuer} issuer
 * @returns {Record<string, (req: DemoRequest) => Promise<DemoResponse>>}
 */
export function createRoutes(issuer) {
  const verify = async (/** @type {string} */ token) => {
    try {
      return (await jwtVerify(token, issuer.publicKey)).payload;
    } catch {
      return null;
    }
  };
  return {
    'POST /api/login': async () => {
      const tokens = await issuer.login();
      // No HttpOnly, no Secure, no Cache-Control: no-store — all on purpose.
      const cookies = [
        `session=${tokens.access_token}; Path=/; SameSite=Lax`,
        `refresh_token=${tokens.refresh_token}; Path=/api`,
      ];
      return { status: 200, body: tokens, headers: { 'Set-Cookie': cookies } };
    },
    'POST /api/token': async (req) => {
      const form = new URLSearchParams(req.body);
      if (form.get('grant_type') !== 'refresh_token' || !unverified(form.get('refresh_token') ?? '')) {
        return { status: 400, body: { error: 'invalid_grant' } };
      }
      // No rotation: the same refresh token keeps working and is never replaced.
      return ok({ access_token: await issuer.legacyAccess(), token_type: 'Bearer', expires_in: 3600 });
    },
    'GET /api/profile': async (req) => {
      const claims = await verify(bearerOf(req));
      return claims ? ok({ sub: claims.sub, name: 'Demo User' }) : unauthorized;
    },
    'GET /api/export': async (req) =>
      (await verify(req.query.get('access_token') ?? '')) ? ok({ rows: [] }) : unauthorized,
    'GET /.well-known/jwks.json': async () => ok(issuer.jwks),
    'GET /api/debug-tokens': async () =>
      ok({
        expired: await issuer.expired(),
        none: await issuer.none(),
        weak: await issuer.weak(),
        html: await issuer.html(),
      }),
    // Accepts expired tokens: decodes without checking `exp` (or the signature).
    'GET /api/legacy': async (req) => (unverified(bearerOf(req)) ? ok({ legacy: true }) : unauthorized),
    // Accepts `alg: none`.
    'GET /api/admin': async (req) => {
      const token = bearerOf(req);
      const alg = safeAlg(token);
      return alg === 'none' || (alg && (await verify(token))) ? ok({ admin: true }) : unauthorized;
    },
    'GET /api/orders': async (req) => {
      try {
        await jwtVerify(bearerOf(req), new TextEncoder().encode(WEAK_SECRET));
        return ok({ orders: [] });
      } catch {
        return unauthorized;
      }
    },
    'GET /api/comments': async (req) => (unverified(bearerOf(req)) ? ok({ comments: [] }) : unauthorized),
    'GET /api/burst': async (req) => ok({ token: await issuer.burst(Number(req.query.get('n') ?? 0)) }),
  };
}

/**
 * One `/ws/notifications` socket. The client authenticates with its first message,
 * `{"type":"auth","token":"<access token>"}` (browsers cannot set headers on a WebSocket), and gets a
 * ticket back in a frame, a nested JWT. Anything else closes the socket with 4401 or 4400.
 * @param {import('ws').WebSocket} socket @param {Issuer} issuer
 */
export function handleSocket(socket, issuer) {
  socket.once('message', async (data) => {
    /** @type {{ type?: unknown, token?: unknown } | null} */
    let message = null;
    try {
      message = JSON.parse(String(data));
    } catch {
      socket.close(4400, 'bad message');
      return;
    }
    const claims = message?.type === 'auth' ? unverified(String(message.token ?? '')) : null;
    if (!claims?.sub) {
      socket.close(4401, 'unauthorized');
      return;
    }
    socket.send(JSON.stringify({ type: 'ready', ticket: await issuer.socketTicket(claims.sub) }));
  });
}

/** @param {string} token */
function safeAlg(token) {
  try {
    return decodeProtectedHeader(token).alg ?? '';
  } catch {
    return '';
  }
}
