// @ts-check
/**
 * Tokens the demo app issues. Every one is synthetic and signed here, per server start: an RS256 key pair
 * (published at /.well-known/jwks.json) for the "good" tokens, and deliberately bad ones for the audit to
 * find (alg none, a weak HS256 secret, an expired token, a payload full of HTML and script, a token not
 * valid before an hour from now, a token whose payload was changed after it was signed).
 */
import { randomUUID } from 'node:crypto';
import { CompactSign, exportJWK, generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';

/** The weak HS256 secret (a classic tutorial default), so `hmac-weak-secret` has something to find. */
export const WEAK_SECRET = 'secret';
const KID = 'demo-rs256-1';
const BURST_KID = 'demo-burst-hs256';
const HOUR = 3600;
const DAY = 24 * HOUR;

/** Strings that would run if a UI ever rendered claims as HTML. */
export const HTML_PAYLOAD = {
  img: '<img src=x onerror="document.body.dataset.pwned=1">',
  script: '</script><script>document.body.dataset.pwned=2</script>',
  style: '<style>*{display:none}</style><b>bold?</b>',
};

/**
 * Creates the issuer for one server run.
 * @param {string} issuer - the server's own URL, used as `iss`.
 */
export async function createIssuer(issuer) {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  // Burst tokens use HS256 with a strong random secret: thousands of RSA or ECDSA signatures would make
  // the demo server, not the panel, the bottleneck of a burst.
  const burstKey = crypto.getRandomValues(new Uint8Array(32));
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: KID, alg: 'RS256', use: 'sig' }] };
  const weakKey = new TextEncoder().encode(WEAK_SECRET);
  const now = () => Math.floor(Date.now() / 1000);

  /** @param {Record<string, unknown>} claims @param {number} lifetime @param {number} [issuedAgo] */
  const rs256 = (claims, lifetime, issuedAgo = 0) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: KID, typ: 'JWT' })
      .setIssuer(issuer)
      .setIssuedAt(now() - issuedAgo)
      .setExpirationTime(now() - issuedAgo + lifetime)
      .sign(privateKey);

  let burstSerial = 0;

  return {
    jwks,
    publicKey,
    /**
     * The legacy login response: access, ID and refresh tokens. Its `jti`s are constants, not unique
     * identifiers: every access token it issues is `a-1` (RFC 7519 §4.1.7 wants a unique value).
     */
    async login() {
      const user = { sub: 'user-42', email: 'demo.user@example.com', name: 'Demo User' };
      return {
        access_token: await rs256({ sub: user.sub, aud: 'demo-api', scope: 'read write', jti: 'a-1' }, HOUR),
        id_token: await rs256({ ...user, aud: 'demo-client' }, HOUR),
        refresh_token: await rs256({ sub: user.sub, aud: 'demo-api', typ: 'refresh', jti: 'r-1' }, 90 * DAY),
        token_type: 'Bearer',
        expires_in: HOUR,
      };
    },
    /** The legacy refresh's access token: narrower scope, and the same constant `jti` as the login's. */
    legacyAccess: () => rs256({ sub: 'user-42', aud: 'demo-api', scope: 'read', jti: 'a-1' }, HOUR),
    /** Signed correctly but expired an hour ago. */
    expired: () => rs256({ sub: 'user-42', aud: 'demo-api', jti: `x-${randomUUID()}` }, HOUR, 2 * HOUR),
    /** Signed correctly, but not valid before an hour from now (`nbf`): post-dated. */
    notYetValid: () =>
      new SignJWT({ sub: 'user-42', aud: 'demo-api', jti: `y-${randomUUID()}` })
        .setProtectedHeader({ alg: 'RS256', kid: KID, typ: 'JWT' })
        .setIssuer(issuer)
        .setIssuedAt(now())
        .setNotBefore(now() + HOUR)
        .setExpirationTime(now() + 2 * HOUR)
        .sign(privateKey),
    /**
     * A token whose signature does not verify: a valid token's payload swapped for one with more scope,
     * its signature kept (the classic tampering), so the issuer's JWKS proves it forged.
     */
    async forged() {
      const claims = { sub: 'user-42', aud: 'demo-api', scope: 'read', jti: `z-${randomUUID()}` };
      const [header, , signature] = (await rs256(claims, HOUR)).split('.');
      const payload = Buffer.from(
        JSON.stringify({ ...claims, scope: 'read write admin', iss: issuer, iat: now(), exp: now() + HOUR }),
      ).toString('base64url');
      return `${header}.${payload}.${signature}`;
    },
    /**
     * Signs exactly the claims given (plus `iss`) with the JWKS key: what the OAuth endpoints issue.
     * @param {Record<string, unknown>} claims @param {string} [typ]
     */
    sign: (claims, typ = 'JWT') =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: KID, typ })
        .setIssuer(issuer)
        .sign(privateKey),
    /** `alg: none`: no signature at all. */
    none: () =>
      new UnsecuredJWT({ sub: 'admin', aud: 'demo-api', role: 'admin' })
        .setIssuer(issuer)
        .setIssuedAt()
        .setExpirationTime('1h')
        .encode(),
    /** HS256 with the weak secret. */
    weak: () =>
      new SignJWT({ sub: 'user-42', aud: 'demo-api', role: 'user' })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setIssuer(issuer)
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(weakKey),
    /** A token whose header and claims are HTML and script, to prove the panel renders text only. */
    html: () =>
      new SignJWT({
        sub: HTML_PAYLOAD.img,
        name: HTML_PAYLOAD.script,
        note: HTML_PAYLOAD.style,
        aud: 'demo-api',
      })
        .setProtectedHeader({ alg: 'HS256', typ: '<script>document.body.dataset.pwned=3</script>' })
        .setIssuer(issuer)
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(weakKey),
    /**
     * The WebSocket ticket: a nested JWT (`cty: JWT`). The outer RS256 layer verifies, the token inside it
     * is `alg: none` and carries the user's e-mail address: only an audit of every layer sees that.
     * @param {string} sub
     */
    async socketTicket(sub) {
      const inner = new UnsecuredJWT({ sub, email: 'demo.user@example.com', channel: 'notifications' })
        .setIssuer(issuer)
        .setIssuedAt()
        .setExpirationTime('5m')
        .encode();
      return new CompactSign(new TextEncoder().encode(inner))
        .setProtectedHeader({ alg: 'RS256', kid: KID, cty: 'JWT' })
        .sign(privateKey);
    },
    /**
     * A fresh, distinct short-lived token per burst request (`n` and a per-server serial in `jti`, so two
     * bursts never reuse one). @param {number} n
     */
    burst: (n) =>
      new SignJWT({ sub: 'user-42', aud: 'demo-api', jti: `b-${n}-${++burstSerial}` })
        .setProtectedHeader({ alg: 'HS256', kid: BURST_KID, typ: 'JWT' })
        .setIssuer(issuer)
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(burstKey),
  };
}
