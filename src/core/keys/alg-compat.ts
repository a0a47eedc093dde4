import type { KnownKey, PublicJwk } from './types';

/** What a JWS `alg` needs from a key (RFC 7518 §3.1, RFC 8037 §3.1, RFC 8812 §3.2, RFC 9864). */
export interface AlgSpec {
  kty: 'RSA' | 'EC' | 'OKP' | 'oct';
  /** Curves the algorithm accepts (EC, OKP). */
  curves?: readonly string[];
  hash: 'SHA-256' | 'SHA-384' | 'SHA-512';
}

const SPECS = new Map<string, AlgSpec>([
  ['RS256', { kty: 'RSA', hash: 'SHA-256' }],
  ['RS384', { kty: 'RSA', hash: 'SHA-384' }],
  ['RS512', { kty: 'RSA', hash: 'SHA-512' }],
  ['PS256', { kty: 'RSA', hash: 'SHA-256' }],
  ['PS384', { kty: 'RSA', hash: 'SHA-384' }],
  ['PS512', { kty: 'RSA', hash: 'SHA-512' }],
  ['ES256', { kty: 'EC', curves: ['P-256'], hash: 'SHA-256' }],
  ['ES384', { kty: 'EC', curves: ['P-384'], hash: 'SHA-384' }],
  ['ES512', { kty: 'EC', curves: ['P-521'], hash: 'SHA-512' }],
  ['ES256K', { kty: 'EC', curves: ['secp256k1'], hash: 'SHA-256' }],
  ['EdDSA', { kty: 'OKP', curves: ['Ed25519', 'Ed448'], hash: 'SHA-512' }],
  ['Ed25519', { kty: 'OKP', curves: ['Ed25519'], hash: 'SHA-512' }],
  ['Ed448', { kty: 'OKP', curves: ['Ed448'], hash: 'SHA-512' }],
  ['HS256', { kty: 'oct', hash: 'SHA-256' }],
  ['HS384', { kty: 'oct', hash: 'SHA-384' }],
  ['HS512', { kty: 'oct', hash: 'SHA-512' }],
]);

/** The needs of a registered signature `alg`, or `undefined` (none, JWE algs, unknown, not a string). */
export function algSpec(alg: unknown): AlgSpec | undefined {
  return typeof alg === 'string' ? SPECS.get(alg) : undefined;
}

/** True for RS/PS/ES/EdDSA algorithms: the ones a public key verifies. */
export function isAsymmetricAlg(alg: unknown): alg is string {
  const spec = algSpec(alg);
  return spec !== undefined && spec.kty !== 'oct';
}

/** True for HS256/384/512. */
export function isHmacAlg(alg: unknown): alg is 'HS256' | 'HS384' | 'HS512' {
  return algSpec(alg)?.kty === 'oct';
}

function describeKey(jwk: PublicJwk): string {
  return jwk.crv ? `${jwk.kty} ${jwk.crv}` : jwk.kty;
}

/** Why `jwk` cannot verify `alg` (key type or curve), or `null` when it can. */
export function whyKeyCannotVerify(jwk: PublicJwk, alg: string): string | null {
  const spec = algSpec(alg);
  if (!spec || spec.kty === 'oct') return `${alg} is not a public-key signature algorithm`;
  if (spec.kty !== jwk.kty) return `the key is ${describeKey(jwk)} but ${alg} needs an ${spec.kty} key`;
  if (spec.curves && !spec.curves.includes(jwk.crv ?? '')) {
    return `the key is on ${jwk.crv ?? 'no curve'} but ${alg} needs ${spec.curves.join(' or ')}`;
  }
  return null;
}

/** RFC 9864: `EdDSA` is the polymorphic name of what `Ed25519` and `Ed448` name precisely. */
function sameEdDsa(declared: string, alg: string): boolean {
  const names = [declared, alg];
  return (
    names.includes('EdDSA') &&
    names.every((name) => name === 'EdDSA' || name === 'Ed25519' || name === 'Ed448')
  );
}

/** What the key declares (`alg`, `use`, `key_ops`) that excludes verifying an `alg` signature. */
export function declaredConflicts(key: KnownKey, alg: string): string[] {
  const conflicts: string[] = [];
  if (key.alg !== undefined && key.alg !== alg && !sameEdDsa(key.alg, alg)) {
    conflicts.push(`the key declares alg "${key.alg}"`);
  }
  if (key.use !== undefined && key.use !== 'sig') conflicts.push(`the key declares use "${key.use}"`);
  if (key.keyOps !== undefined && !key.keyOps.includes('verify')) {
    conflicts.push(`the key's key_ops [${key.keyOps.join(', ')}] do not include "verify"`);
  }
  return conflicts;
}
