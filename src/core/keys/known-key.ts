import { calculateJwkThumbprint, importJWK } from 'jose';
import { decodeBase64Url } from '../token/base64url';
import { joseProblem } from './jose-problem';
import type { CheckedJwk } from './jwk-check';
import type { KeySource, KnownKey, PublicJwk } from './types';

const IMPORT_ALG: Record<string, string> = {
  'P-256': 'ES256',
  'P-384': 'ES384',
  'P-521': 'ES512',
  Ed25519: 'Ed25519',
};

/** An `alg` that `jwk`'s type and curve fit, used only to import it; RSA keys import with any RS*. */
export function importAlgFor(jwk: PublicJwk): string {
  return jwk.kty === 'RSA' ? 'RS256' : (IMPORT_ALG[jwk.crv ?? ''] ?? 'ES256');
}

/** Bit length of an RSA modulus given as base64url (RFC 7518 §6.3.1.1), or `undefined` if it does not decode. */
export function rsaBitsOf(n: string | undefined): number | undefined {
  const decoded = decodeBase64Url(n ?? '');
  if (!decoded.ok) return undefined;
  const bytes = decoded.bytes;
  let i = 0;
  while (i < bytes.length && bytes[i] === 0) i++;
  const top = bytes[i];
  if (top === undefined) return 0;
  return (bytes.length - i - 1) * 8 + (32 - Math.clz32(top));
}

/**
 * Turns a structurally checked JWK into a key the checks can use: imports it once through WebCrypto (which
 * rejects EC points off their curve and unusable moduli) and computes its RFC 7638 thumbprint. Returns a
 * one-line problem instead when WebCrypto or jose refuses it. Never throws.
 */
export async function createKnownKey(
  checked: CheckedJwk,
  source: KeySource,
  label?: string,
): Promise<KnownKey | string> {
  try {
    await importJWK({ ...checked.jwk }, importAlgFor(checked.jwk));
  } catch (error) {
    return `the key does not import (${joseProblem(error)})`;
  }
  let thumbprint: string;
  try {
    thumbprint = await calculateJwkThumbprint({ ...checked.jwk }, 'sha256');
  } catch (error) {
    return `no thumbprint (${joseProblem(error)})`;
  }
  const key: KnownKey = { jwk: checked.jwk, original: checked.original, thumbprint, source };
  if (checked.kid !== undefined) key.kid = checked.kid;
  if (checked.alg !== undefined) key.alg = checked.alg;
  if (checked.use !== undefined) key.use = checked.use;
  if (checked.keyOps !== undefined) key.keyOps = checked.keyOps;
  if (checked.jwk.kty === 'RSA') key.rsaBits = rsaBitsOf(checked.jwk.n);
  if (label !== undefined) key.label = label;
  return key;
}
