// @ts-check
/**
 * The demo app's OAuth 2.0 / OpenID Connect side, for the token lifecycle (issue 13): discovery, an
 * authorization endpoint (code flow with PKCE, `state`, `nonce`), a token endpoint (authorization code and
 * rotating refresh grants), RFC 7009 revocation, a `/logout`, and three resource services that disagree on
 * what they accept:
 *   /billing/*  strict: signature, expiry, `nbf`, audience and logout all checked; RFC 6750 errors.
 *   /notes/*    checks signature and expiry only: keeps accepting a token after logout, and ID tokens.
 *   /reports/*  checks nothing (decodes the token): accepts expired, post-dated and forged tokens.
 * `demo_flaw` on the authorization request makes the token response flawed on purpose: `nonce` (the ID
 * token carries another nonce), `at_hash` (computed over another token), `azp` (two audiences, no
 * `azp`), `lifetime` (`expires_in` says an hour, the access token lives five minutes).
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { decodeJwt, jwtVerify } from 'jose';
import { bearerOf } from './routes.mjs';

/** @typedef {import('./routes.mjs').DemoRequest} DemoRequest */
/** @typedef {import('./routes.mjs').DemoResponse} DemoResponse */
/** @typedef {import('./routes.mjs').Issuer} Issuer */
/** @typedef {{ sub: string, sid: string, clientId: string, scope: string }} Grant */

export const CLIENT_ID = 'demo-spa';
const API_AUDIENCE = 'demo-api';
const HOUR = 3600;
/** Codes, refresh tokens and logged-out sessions the server remembers, each; oldest forgotten first. */
const MAX_REMEMBERED = 1000;
const FLAWS = new Set(['nonce', 'at_hash', 'azp', 'lifetime']);
const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

const now = () => Math.floor(Date.now() / 1000);
const opaque = () => randomBytes(32).toString('base64url');

/** OIDC Core §3.1.3.6 `at_hash` (and §3.3.2.11 `c_hash`) for RS256: left half of SHA-256, base64url. */
function halfHash(/** @type {string} */ value) {
  return createHash('sha256').update(value, 'ascii').digest().subarray(0, 16).toString('base64url');
}

/** Sets `key`, forgetting the oldest entry past `MAX_REMEMBERED`. @template V @param {Map<string, V>} map @param {string} key @param {V} value */
function remember(map, key, value) {
  const oldest = map.keys().next();
  if (map.size >= MAX_REMEMBERED && !oldest.done) map.delete(oldest.value);
  map.set(key, value);
}

/** RFC 6750 §3: a 401 with a `WWW-Authenticate` challenge. @param {string} realm @param {string} [description] */
export function challenge(realm, description) {
  const error = description ? `, error="invalid_token", error_description="${description}"` : '';
  return {
    status: 401,
    body: { error: description ? 'invalid_token' : 'unauthorized' },
    headers: { 'WWW-Authenticate': `Bearer realm="${realm}"${error}` },
  };
}

/** Why jose refused a token, in RFC 6750 `error_description` words. @param {unknown} error */
function refusal(error) {
  const { code, claim } = /** @type {{ code?: string, claim?: string }} */ (error ?? {});
  if (code === 'ERR_JWT_EXPIRED') return 'The access token expired';
  if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' && claim === 'nbf')
    return 'The access token is not yet valid';
  if (code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') return 'The access token signature is invalid';
  return 'The access token is malformed';
}

/**
 * The OAuth endpoints, `/logout` and the three services, for one issuer.
 * @param {Issuer} issuer @param {string} origin - the server's own URL
 * @returns {Record<string, (req: DemoRequest) => Promise<DemoResponse>>}
 */
export function createLifecycleRoutes(issuer, origin) {
  /** @type {Map<string, { nonce: string, challenge: string, redirectUri: string, scope: string, flaw: string }>} */
  const codes = new Map();
  /** @type {Map<string, Grant>} */
  const refreshTokens = new Map();
  /** Sessions (`sid`) ended by `/logout`. @type {Map<string, true>} */
  const loggedOut = new Map();

  /** Access, ID and refresh token for a grant; `nonce` only for an authorization code grant. */
  async function issue(/** @type {Grant} */ grant, /** @type {{ nonce?: string, flaw?: string }} */ flow) {
    const iat = now();
    const life = flow.flaw === 'lifetime' ? 300 : HOUR;
    const base = { sub: grant.sub, sid: grant.sid, iat };
    const access = await issuer.sign(
      {
        ...base,
        aud: API_AUDIENCE,
        client_id: grant.clientId,
        scope: grant.scope,
        jti: randomUUID(),
        nbf: iat,
        exp: iat + life,
      },
      'at+jwt',
    );
    // A signed refresh token, remembered server-side so that rotation and revocation can end it.
    const refresh = await issuer.sign({ ...base, aud: origin, jti: randomUUID(), exp: iat + 30 * 24 * HOUR });
    remember(refreshTokens, refresh, grant);
    const out = {
      access_token: access,
      token_type: 'Bearer',
      expires_in: HOUR,
      refresh_token: refresh,
      scope: grant.scope,
    };
    if (flow.nonce === undefined) return out;
    const nonce = flow.flaw === 'nonce' ? `n-${opaque().slice(0, 16)}` : flow.nonce;
    const aud = flow.flaw === 'azp' ? [grant.clientId, 'demo-analytics'] : grant.clientId;
    const atHash = halfHash(flow.flaw === 'at_hash' ? opaque() : access);
    const id = await issuer.sign({ ...base, aud, nonce, at_hash: atHash, auth_time: iat, exp: iat + HOUR });
    return { ...out, id_token: id };
  }

  /** @param {URLSearchParams} form @returns {Promise<DemoResponse>} */
  async function codeGrant(form) {
    const entry = codes.get(form.get('code') ?? '');
    codes.delete(form.get('code') ?? '');
    const verifier = form.get('code_verifier') ?? '';
    const challenged = createHash('sha256').update(verifier).digest('base64url');
    if (!entry || entry.challenge !== challenged || entry.redirectUri !== form.get('redirect_uri'))
      return { status: 400, body: { error: 'invalid_grant' }, headers: NO_STORE };
    const grant = { sub: 'user-42', sid: randomUUID(), clientId: CLIENT_ID, scope: entry.scope };
    return { status: 200, body: await issue(grant, entry), headers: NO_STORE };
  }

  /** RFC 6749 §6 with rotation: the old refresh token stops working, a new one comes back. @param {URLSearchParams} form */
  async function refreshGrant(form) {
    const old = form.get('refresh_token') ?? '';
    const grant = refreshTokens.get(old);
    if (!grant) return { status: 400, body: { error: 'invalid_grant' }, headers: NO_STORE };
    refreshTokens.delete(old);
    return { status: 200, body: await issue(grant, {}), headers: NO_STORE };
  }

  /** Verifies an access token as `/billing` does; the RFC 6750 description when it is refused. @param {string} token */
  async function strictRefusal(token) {
    try {
      const { payload } = await jwtVerify(token, issuer.publicKey, { issuer: origin });
      if (payload.aud !== API_AUDIENCE) return 'The token is not an access token for this API';
      if (typeof payload.sid === 'string' && loggedOut.has(payload.sid))
        return 'The access token has been revoked';
      return '';
    } catch (error) {
      return refusal(error);
    }
  }

  return {
    'GET /.well-known/openid-configuration': async () => ({
      status: 200,
      body: {
        issuer: origin,
        authorization_endpoint: `${origin}/oauth/authorize`,
        token_endpoint: `${origin}/oauth/token`,
        revocation_endpoint: `${origin}/oauth/revoke`,
        end_session_endpoint: `${origin}/logout`,
        jwks_uri: `${origin}/.well-known/jwks.json`,
        response_types_supported: ['code'],
        code_challenge_methods_supported: ['S256'],
        id_token_signing_alg_values_supported: ['RS256'],
      },
    }),
    'GET /oauth/authorize': async (req) => {
      const q = req.query;
      const redirectUri = q.get('redirect_uri') ?? '';
      if (
        q.get('response_type') !== 'code' ||
        q.get('client_id') !== CLIENT_ID ||
        redirectUri !== `${origin}/callback`
      )
        return { status: 400, body: { error: 'invalid_request' } };
      const code = opaque();
      const flaw = q.get('demo_flaw') ?? '';
      remember(codes, code, {
        nonce: q.get('nonce') ?? '',
        challenge: q.get('code_challenge') ?? '',
        redirectUri,
        scope: q.get('scope') ?? 'openid',
        flaw: FLAWS.has(flaw) ? flaw : '',
      });
      const back = new URLSearchParams({ code, state: q.get('state') ?? '' });
      return { status: 302, headers: { Location: `${redirectUri}?${back}` } };
    },
    'GET /callback': async () => ({ status: 200, body: { signedIn: true } }),
    'POST /oauth/token': async (req) => {
      const form = new URLSearchParams(req.body);
      const type = form.get('grant_type');
      if (type === 'authorization_code') return codeGrant(form);
      if (type === 'refresh_token') return refreshGrant(form);
      return { status: 400, body: { error: 'unsupported_grant_type' }, headers: NO_STORE };
    },
    // RFC 7009: the token is forgotten; the answer is 200 whatever it was (§2.2).
    'POST /oauth/revoke': async (req) => {
      refreshTokens.delete(new URLSearchParams(req.body).get('token') ?? '');
      return { status: 200 };
    },
    // Ends the session of the access token it is given: only /billing ever asks.
    'POST /logout': async (req) => {
      const claims = await jwtVerify(bearerOf(req), issuer.publicKey).then(
        (r) => r.payload,
        () => null,
      );
      if (typeof claims?.sid !== 'string') return challenge('demo', 'The access token is malformed');
      remember(loggedOut, claims.sid, true);
      return { status: 200, body: { loggedOut: true } };
    },
    'GET /billing/invoices': async (req) => {
      const token = bearerOf(req);
      if (!token) return challenge('billing');
      const refused = await strictRefusal(token);
      return refused ? challenge('billing', refused) : { status: 200, body: { invoices: [] } };
    },
    'GET /notes/today': async (req) => {
      const ok = await jwtVerify(bearerOf(req), issuer.publicKey).then(
        () => true,
        () => false,
      );
      return ok ? { status: 200, body: { notes: [] } } : challenge('notes', 'The access token is invalid');
    },
    'GET /reports/summary': async (req) => {
      let claims = null;
      try {
        claims = decodeJwt(bearerOf(req));
      } catch {}
      return claims?.sub
        ? { status: 200, body: { rows: [] } }
        : challenge('reports', 'The access token is malformed');
    },
    'GET /api/odd-tokens': async () => ({
      status: 200,
      body: {
        expired: await issuer.expired(),
        notYetValid: await issuer.notYetValid(),
        forged: await issuer.forged(),
      },
    }),
  };
}
