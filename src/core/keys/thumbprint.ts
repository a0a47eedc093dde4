import { sha256 } from '../crypto/sha256';
import { encodeBase64Url } from '../token/base64url';
import type { PublicJwk } from './types';

/** The members RFC 7638 §3.2 hashes for each key type, in lexicographic order. */
const REQUIRED: Record<PublicJwk['kty'], readonly (keyof PublicJwk)[]> = {
  RSA: ['e', 'kty', 'n'],
  EC: ['crv', 'kty', 'x', 'y'],
  OKP: ['crv', 'kty', 'x'],
};

/**
 * The RFC 7638 SHA-256 thumbprint of a public JWK, base64url: the same value as jose's
 * `calculateJwkThumbprint`, computed synchronously with the engine's own SHA-256.
 */
export function jwkThumbprint(jwk: PublicJwk): string {
  const members = REQUIRED[jwk.kty].map(
    (name) => `${JSON.stringify(name)}:${JSON.stringify(jwk[name] ?? '')}`,
  );
  return encodeBase64Url(sha256(new TextEncoder().encode(`{${members.join(',')}}`)));
}
