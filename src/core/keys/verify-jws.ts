import { compactVerify, importJWK } from 'jose';
import type { ParsedToken } from '../types';
import { algSpec } from './alg-compat';
import { joseCode, joseProblem, SIGNATURE_FAILED } from './jose-problem';
import type { KnownKey } from './types';

/** `valid`, `invalid`, or why the check could not be made (the key or token cannot be used with this alg). */
export type VerifyOutcome = 'valid' | 'invalid' | { problem: string };

/**
 * Verifies one token with one key under one `alg`: at once (a check cheap enough to make on the spot)
 * or later. Never throws or rejects: problems are outcomes.
 */
export type Verifier = (
  token: ParsedToken,
  key: KnownKey,
  alg: string,
) => VerifyOutcome | Promise<VerifyOutcome>;

interface SubtleAlgorithms {
  imported: RsaHashedImportParams | EcKeyImportParams | Algorithm;
  verify: Algorithm | RsaPssParams | EcdsaParams;
}

function subtleAlgorithms(key: KnownKey, alg: string): SubtleAlgorithms | null {
  const spec = algSpec(alg);
  if (!spec || spec.kty === 'oct') return null;
  const hash = spec.hash;
  if (alg.startsWith('RS'))
    return { imported: { name: 'RSASSA-PKCS1-v1_5', hash }, verify: { name: 'RSASSA-PKCS1-v1_5' } };
  // RFC 7518 §3.5: the PSS salt is as long as the hash output.
  if (alg.startsWith('PS')) {
    return {
      imported: { name: 'RSA-PSS', hash },
      verify: { name: 'RSA-PSS', saltLength: Number(hash.slice(4)) / 8 },
    };
  }
  if (spec.kty === 'EC') {
    return { imported: { name: 'ECDSA', namedCurve: key.jwk.crv ?? '' }, verify: { name: 'ECDSA', hash } };
  }
  return { imported: { name: 'Ed25519' }, verify: { name: 'Ed25519' } };
}

/**
 * The same check made directly through WebCrypto, for what jose refuses to try: RSA moduli under 2048 bits
 * (jose enforces RFC 7518 §3.3 — we still want to know who signed) and headers whose `crit` it does not know.
 */
async function verifyRaw(token: ParsedToken, key: KnownKey, alg: string): Promise<VerifyOutcome> {
  const algorithms = subtleAlgorithms(key, alg);
  if (!algorithms || !token.signature || token.signingInput === undefined)
    return { problem: `cannot verify ${alg}` };
  try {
    const imported = await crypto.subtle.importKey('jwk', { ...key.jwk }, algorithms.imported, false, [
      'verify',
    ]);
    const data = new TextEncoder().encode(token.signingInput);
    const ok = await crypto.subtle.verify(algorithms.verify, imported, new Uint8Array(token.signature), data);
    return ok ? 'valid' : 'invalid';
  } catch (error) {
    return { problem: joseProblem(error) };
  }
}

/**
 * A verifier that imports each (key, alg) once. Uses jose's `compactVerify`; falls back to WebCrypto only
 * where jose declines before looking at the signature. Never throws.
 */
export function createVerifier(): Verifier {
  const imported = new Map<string, Promise<CryptoKey | Uint8Array>>();
  const importOnce = (key: KnownKey, alg: string) => {
    const id = `${key.thumbprint}|${alg}`;
    let pending = imported.get(id);
    if (!pending) {
      pending = importJWK({ ...key.jwk }, alg);
      imported.set(id, pending);
    }
    return pending;
  };
  return async (token, key, alg) => {
    if ((key.rsaBits ?? 2048) < 2048) return verifyRaw(token, key, alg);
    try {
      await compactVerify(token.text, await importOnce(key, alg), { algorithms: [alg] });
      return 'valid';
    } catch (error) {
      const code = joseCode(error);
      if (code === SIGNATURE_FAILED) return 'invalid';
      if (code === 'ERR_JWS_INVALID' || code === 'ERR_JOSE_NOT_SUPPORTED') return verifyRaw(token, key, alg);
      return { problem: joseProblem(error) };
    }
  };
}
