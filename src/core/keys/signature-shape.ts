import type { KnownKey } from './types';

/** JWS ECDSA signatures are R‖S, each as long as the curve's order (RFC 7518 §3.4). */
const EC_SIGNATURE_BYTES: Record<string, number> = {
  'P-256': 64,
  'P-384': 96,
  'P-521': 132,
};

/** Ed25519 signatures are 64 bytes (RFC 8032 §5.1.6). Curves not listed (secp256k1, Ed448) are left to
 * the verifier: where WebCrypto lacks them, its answer is a problem line, not "invalid". */
const EDDSA_SIGNATURE_BYTES: Record<string, number> = { Ed25519: 64 };

/**
 * False when `key` cannot have produced a signature of this length under `alg`, so no verifier can
 * accept it and the (costly) public-key operation can be skipped; true otherwise, including whenever
 * the length alone proves nothing.
 *
 * - RS*: RFC 8017 §8.2.2 step 1 rejects any signature that is not exactly the modulus length; OpenSSL
 *   (Node) and BoringSSL (Chromium) both do.
 * - PS*: only a signature longer than the modulus is rejected by every engine. OpenSSL accepts one with
 *   its leading zero bytes stripped (BoringSSL does not), so shorter ones are still handed to the verifier.
 * - ES* and EdDSA: the length is fixed by the curve; WebCrypto answers "invalid" for any other.
 */
export function signatureLengthFits(key: KnownKey, alg: string, signatureBytes: number): boolean {
  const { jwk } = key;
  if (jwk.kty === 'RSA') {
    if (key.rsaBits === undefined) return true;
    const modulusBytes = Math.ceil(key.rsaBits / 8);
    if (alg.startsWith('RS')) return signatureBytes === modulusBytes;
    return signatureBytes <= modulusBytes;
  }
  const expected = (jwk.kty === 'EC' ? EC_SIGNATURE_BYTES : EDDSA_SIGNATURE_BYTES)[jwk.crv ?? ''];
  return expected === undefined || signatureBytes === expected;
}
