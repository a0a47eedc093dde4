import { constants, createPublicKey, type KeyObject, verify } from 'node:crypto';
import type { KnownKey, Verifier } from '../core/keys';
import { whyKeyCannotVerify } from '../core/keys/alg-compat';
import { createVerifier } from '../core/keys/verify-jws';

/** node:crypto's name for the hash of each `alg` the native path handles. */
const HASHES: Record<string, string> = {
  RS256: 'sha256',
  RS384: 'sha384',
  RS512: 'sha512',
  PS256: 'sha256',
  PS384: 'sha384',
  PS512: 'sha512',
  ES256: 'sha256',
  ES384: 'sha384',
  ES512: 'sha512',
};

type NativeKey = Parameters<typeof verify>[2];

/**
 * The node:crypto options that make `verify` do what WebCrypto does for `alg` with `key`: PKCS#1 v1.5,
 * PSS with a salt as long as the hash (RFC 7518 §3.5), ECDSA with JWS's R‖S encoding, Ed25519. `null`
 * for anything else (secp256k1, Ed448…), which goes to jose so the answers stay the panel's.
 */
function nativeCall(
  alg: string,
  key: KnownKey,
  object: KeyObject,
): { hash: string | null; key: NativeKey } | null {
  // A key of the wrong type or curve: jose's error message is the answer the panel gives.
  if (whyKeyCannotVerify(key.jwk, alg) !== null) return null;
  const hash = HASHES[alg];
  if (alg.startsWith('RS') && hash) return { hash, key: object };
  if (alg.startsWith('PS') && hash) {
    const saltLength = Number(alg.slice(2)) / 8;
    return { hash, key: { key: object, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength } };
  }
  if (alg.startsWith('ES') && hash) return { hash, key: { key: object, dsaEncoding: 'ieee-p1363' } };
  if ((alg === 'Ed25519' || alg === 'EdDSA') && key.jwk.crv === 'Ed25519') return { hash: null, key: object };
  return null;
}

export interface NodeVerifierOptions {
  /** For what node:crypto does not handle; default: the engine's jose/WebCrypto verifier. */
  fallback?: Verifier;
}

/**
 * A signature verifier over node:crypto for the CLI. It answers exactly as the engine's jose/WebCrypto
 * verifier (`createVerifier`) does — the same OpenSSL operation over the same signing input — but skips
 * jose's per-call parsing and the error object it throws for every wrong signature, which dominated
 * profiles of large scans. RSA checks (a few tens of microseconds) are made on the spot: handing one to
 * libuv's thread pool costs the calling thread about as much. ECDSA and EdDSA checks, several times
 * dearer, go to the pool, where checks of several tokens proceed in parallel with each other and with
 * the calling thread. Anything it does not handle itself (other algorithms, a key node:crypto will not
 * import, an error) goes to the fallback.
 */
export function createNodeVerifier(options: NodeVerifierOptions = {}): Verifier {
  const fallback = options.fallback ?? createVerifier();
  const imported = new Map<string, KeyObject | null>();
  const importOnce = (key: KnownKey): KeyObject | null => {
    let object = imported.get(key.thumbprint);
    if (object === undefined) {
      try {
        object = createPublicKey({ key: { ...key.jwk }, format: 'jwk' });
      } catch {
        object = null;
      }
      imported.set(key.thumbprint, object);
    }
    return object;
  };
  // A token is checked against several keys in a row: its signing input is encoded once.
  let lastInput: string | undefined;
  let lastData = Buffer.alloc(0);
  const dataOf = (input: string): Buffer => {
    if (input !== lastInput) {
      lastInput = input;
      lastData = Buffer.from(input, 'utf8');
    }
    return lastData;
  };
  return (token, key, alg) => {
    const object = importOnce(key);
    const call = object && nativeCall(alg, key, object);
    if (!call || !token.signature || token.signingInput === undefined) return fallback(token, key, alg);
    const data = dataOf(token.signingInput);
    const signature = token.signature;
    if (key.jwk.kty === 'RSA') {
      try {
        return verify(call.hash, data, call.key, signature) ? 'valid' : 'invalid';
      } catch {
        return fallback(token, key, alg);
      }
    }
    return new Promise((resolve) => {
      verify(call.hash, data, call.key, signature, (error, ok) => {
        if (error) resolve(fallback(token, key, alg));
        else resolve(ok ? 'valid' : 'invalid');
      });
    });
  };
}
