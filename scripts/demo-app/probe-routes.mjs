// @ts-check
/**
 * Endpoints for `jwt-lens probe` (issue 15): one per flaw the probe proves, each built on a real library
 * configured badly where one exists, and one built right. Each answers 200 with the same body when it
 * accepts the Bearer token, and an RFC 6750 401 otherwise. `GET /api/probe-tokens` hands out a token for
 * each (the demo page's "Call the probe endpoints" button uses them, so the exchanges are in the capture):
 *   /probe/sound            jose jwtVerify, algorithms pinned per key, audience and issuer checked.
 *   /probe/alg-none         any spelling of "none" read as an unsecured token (emulates pre-RFC 8725 code).
 *   /probe/unverified       jose decodeJwt behind a header check: the signature is never verified.
 *   /probe/psychic          ES256 checked with r = s = 0 accepted, as Java 15–18 did (CVE-2022-21449; emulated).
 *   /probe/embedded-jwk     jose EmbeddedJWK: the key comes from the token's own `jwk` header (CVE-2018-0114).
 *   /probe/alg-confusion    the algorithm taken from the header, the public key's PEM as HMAC secret (CVE-2016-10555).
 *   /probe/kid-path         `kid` read as a file path under the key directory (`../../../../dev/null`).
 *   /probe/clock-tolerance  jose jwtVerify with a clock tolerance of a year: expired and post-dated accepted.
 *   /probe/no-audience      jose jwtVerify without `audience`: tokens for another service accepted.
 * The last two verify the weak-secret HS256 token: the probe can re-sign it only once it recovers the secret.
 */
import { createHmac, KeyObject, randomBytes, timingSafeEqual } from 'node:crypto';
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeJwt, decodeProtectedHeader, EmbeddedJWK, generateKeyPair, jwtVerify, SignJWT } from 'jose';
import { challenge } from './lifecycle-routes.mjs';
import { bearerOf } from './routes.mjs';
import { WEAK_SECRET } from './tokens.mjs';

/** @typedef {import('./routes.mjs').DemoRequest} DemoRequest */
/** @typedef {import('./routes.mjs').DemoResponse} DemoResponse */
/** @typedef {import('./routes.mjs').Issuer} Issuer */
/** @typedef {import('jose').JWTPayload} JWTPayload */

const AUDIENCE = 'demo-api';
const ES_KID = 'demo-es256-1';
const FILE_KID = 'demo-hs-1';
/** Where `/probe/kid-path` looks for its keys. The demo writes nothing to disk: its one key is cached. */
const KEY_DIR = '/var/lib/jwt-lens-demo/keys';
const HOUR = 3600;
const YEAR = 365 * 24 * HOUR;
const weakKey = new TextEncoder().encode(WEAK_SECRET);

/** @returns {DemoResponse} */
const accepted = () => ({ status: 200, body: { items: ['invoice-1', 'invoice-2'], next: null } });

/**
 * Answers with `accepted()` when `verify` returns claims, a 401 when it throws or returns null.
 * @param {string} realm @param {(token: string) => Promise<JWTPayload | null>} verify
 * @returns {(req: DemoRequest) => Promise<DemoResponse>}
 */
function guarded(realm, verify) {
  return async (req) => {
    const token = bearerOf(req);
    if (!token) return challenge(realm);
    const claims = await verify(token).catch(() => null);
    return claims ? accepted() : challenge(realm, 'The access token is invalid');
  };
}

/**
 * The registered claims checked by hand, for the emulated verifiers that got past a broken signature check.
 * @param {JWTPayload} claims @param {string} issuer
 */
function claimsHold(claims, issuer) {
  const now = Date.now() / 1000;
  if (typeof claims.exp !== 'number' || claims.exp <= now) return false;
  if (typeof claims.nbf === 'number' && claims.nbf > now) return false;
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  return claims.iss === issuer && audiences.includes(AUDIENCE);
}

/** Up to 4 KiB of a key file, without blocking on a FIFO or a terminal. @param {string} path */
async function readKeyFile(path) {
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const buffer = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * The probe endpoints and their token hand-out, for one issuer.
 * @param {Issuer} issuer @param {string} origin - the server's own URL, the tokens' `iss`
 * @returns {Promise<Record<string, (req: DemoRequest) => Promise<DemoResponse>>>}
 */
export async function createProbeRoutes(issuer, origin) {
  const es = await generateKeyPair('ES256');
  const fileKeys = new Map([[FILE_KID, randomBytes(32)]]);
  // The public key as the server keeps it on disk: Node's PEM, final newline included.
  const publicPem = String(KeyObject.from(issuer.publicKey).export({ type: 'spki', format: 'pem' }));
  const pinned = { audience: AUDIENCE, issuer: origin };
  /** One key per algorithm: a token's `alg` picks among these and nothing else. @type {Map<string, CryptoKey | Uint8Array>} */
  const soundKeys = new Map([
    ['RS256', issuer.publicKey],
    ['ES256', es.publicKey],
    ['HS256', weakKey],
  ]);
  /** @param {import('jose').JWSHeaderParameters} header */
  const soundKey = (header) => {
    const key = soundKeys.get(String(header.alg));
    if (!key) throw new Error('algorithm not allowed');
    return key;
  };

  return {
    'GET /api/probe-tokens': async () => {
      const claims = { sub: 'user-42', aud: AUDIENCE };
      const sign = (
        /** @type {import('jose').JWTHeaderParameters} */ header,
        /** @type {CryptoKey | Uint8Array} */ key,
      ) =>
        new SignJWT(claims)
          .setProtectedHeader(header)
          .setIssuer(origin)
          .setIssuedAt()
          .setExpirationTime('1h')
          .sign(key);
      return {
        status: 200,
        headers: { 'Cache-Control': 'no-store' },
        body: {
          rs256: await issuer.sign({
            ...claims,
            iat: Math.floor(Date.now() / 1000),
            exp: Math.floor(Date.now() / 1000) + HOUR,
          }),
          es256: await sign({ alg: 'ES256', kid: ES_KID, typ: 'JWT' }, es.privateKey),
          hs256: await issuer.weak(),
          kid: await sign(
            { alg: 'HS256', kid: FILE_KID, typ: 'JWT' },
            /** @type {Uint8Array} */ (fileKeys.get(FILE_KID)),
          ),
        },
      };
    },
    // Built right: the key is chosen by algorithm from a pinned list, and audience and issuer are required.
    'GET /probe/sound': guarded('sound', async (token) => {
      const { payload } = await jwtVerify(token, soundKey, { ...pinned, algorithms: [...soundKeys.keys()] });
      return payload;
    }),
    'GET /probe/alg-none': guarded('alg-none', async (token) => {
      if (/^none$/i.test(String(decodeProtectedHeader(token).alg))) return decodeJwt(token);
      return (await jwtVerify(token, issuer.publicKey, { ...pinned, algorithms: ['RS256'] })).payload;
    }),
    'GET /probe/unverified': guarded('unverified', async (token) => {
      if (decodeProtectedHeader(token).alg !== 'RS256') return null;
      const claims = decodeJwt(token);
      return claimsHold(claims, origin) ? claims : null;
    }),
    'GET /probe/psychic': guarded('psychic', async (token) => {
      const signature = Buffer.from(token.split('.')[2] ?? '', 'base64url');
      const psychic = signature.length === 64 && signature.every((byte) => byte === 0);
      if (decodeProtectedHeader(token).alg === 'ES256' && psychic) {
        // Java 15–18 skipped the 0 < r, s < n check: with r = s = 0 the verification equation holds for any
        // message. Emulated here (Node's ECDSA is sound); the claims are then checked as usual.
        const claims = decodeJwt(token);
        return claimsHold(claims, origin) ? claims : null;
      }
      return (await jwtVerify(token, es.publicKey, { ...pinned, algorithms: ['ES256'] })).payload;
    }),
    'GET /probe/embedded-jwk': guarded('embedded-jwk', async (token) => {
      // The resolver trusts a key the token brings with it: whoever signs can pick the key.
      const resolve = (/** @type {any} */ header, /** @type {any} */ input) =>
        header.jwk ? EmbeddedJWK(header, input) : issuer.publicKey;
      return (await jwtVerify(token, resolve, pinned)).payload;
    }),
    'GET /probe/alg-confusion': guarded('alg-confusion', async (token) => {
      // The algorithm comes from the token, and "the key" is whatever the server holds: for HS*, the PEM text.
      const alg = String(decodeProtectedHeader(token).alg);
      const key = alg.startsWith('HS') ? new TextEncoder().encode(publicPem) : issuer.publicKey;
      return (await jwtVerify(token, key, { ...pinned, algorithms: [alg] })).payload;
    }),
    'GET /probe/kid-path': guarded('kid-path', async (token) => {
      const header = decodeProtectedHeader(token);
      if (header.alg !== 'HS256' || typeof header.kid !== 'string') return null;
      // The kid names a file under KEY_DIR, unchecked: `../../../../dev/null` is an empty secret.
      const secret = fileKeys.get(header.kid) ?? (await readKeyFile(join(KEY_DIR, header.kid)));
      const [head, body, mac] = token.split('.');
      const expected = createHmac('sha256', secret).update(`${head}.${body}`).digest();
      const given = Buffer.from(mac ?? '', 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      const claims = decodeJwt(token);
      return claimsHold(claims, origin) ? claims : null;
    }),
    'GET /probe/clock-tolerance': guarded('clock-tolerance', async (token) => {
      return (await jwtVerify(token, weakKey, { ...pinned, algorithms: ['HS256'], clockTolerance: YEAR }))
        .payload;
    }),
    'GET /probe/no-audience': guarded('no-audience', async (token) => {
      return (await jwtVerify(token, weakKey, { issuer: origin, algorithms: ['HS256'] })).payload;
    }),
  };
}
