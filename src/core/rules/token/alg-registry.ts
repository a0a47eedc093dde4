/**
 * A snapshot of the IANA "JSON Web Signature and Encryption Algorithms" registry (RFC 7518 §7.1, with
 * RFC 8037, RFC 8812, RFC 9864 and RFC 9964 additions).
 */

/**
 * ML-DSA (FIPS 204) JWS identifiers. What was verified (December 2026, with the project's search tool):
 * draft-ietf-cose-dilithium "ML-DSA for JOSE and COSE" asks IANA to register `ML-DSA-44`, `ML-DSA-65` and
 * `ML-DSA-87` as JWS `alg` values (with the new `AKP` key type); the IESG approved it on 2025-10-15, IANA's
 * actions were acknowledged by the RFC Editor on 2025-11-18 (datatracker history), and it was published as
 * RFC 9964, Proposed Standard, in spring 2026 (datatracker `rfc9964` history; rfc-editor.org JOSE subject
 * list). A copy of the IANA JOSE registry showed `AKP` registered early ("TEMPORARY", 2025-04-24,
 * draft -06). The live IANA page itself could not be read here, so the "JOSE Implementation Requirements"
 * column is not asserted: the rule `alg-post-quantum` reports these values at info, not as unregistered.
 */
export const ML_DSA_ALGS: readonly string[] = ['ML-DSA-44', 'ML-DSA-65', 'ML-DSA-87'];

/** JWS `alg` values (RFC 7518 §3.1; EdDSA RFC 8037; ES256K RFC 8812; Ed25519/Ed448 RFC 9864; ML-DSA RFC 9964). */
export const JWS_ALGS: readonly string[] = [
  'HS256',
  'HS384',
  'HS512',
  'RS256',
  'RS384',
  'RS512',
  'ES256',
  'ES384',
  'ES512',
  'PS256',
  'PS384',
  'PS512',
  'none',
  'EdDSA',
  'ES256K',
  'Ed25519',
  'Ed448',
  ...ML_DSA_ALGS,
];

/** JWE key-management `alg` values (RFC 7518 §4.1, plus the WebCrypto RSA-OAEP-384/512 entries). */
export const JWE_ALGS: readonly string[] = [
  'RSA1_5',
  'RSA-OAEP',
  'RSA-OAEP-256',
  'RSA-OAEP-384',
  'RSA-OAEP-512',
  'A128KW',
  'A192KW',
  'A256KW',
  'dir',
  'ECDH-ES',
  'ECDH-ES+A128KW',
  'ECDH-ES+A192KW',
  'ECDH-ES+A256KW',
  'A128GCMKW',
  'A192GCMKW',
  'A256GCMKW',
  'PBES2-HS256+A128KW',
  'PBES2-HS384+A192KW',
  'PBES2-HS512+A256KW',
];

/** JWE content-encryption `enc` values (RFC 7518 §5.1). */
export const JWE_ENCS: readonly string[] = [
  'A128CBC-HS256',
  'A192CBC-HS384',
  'A256CBC-HS512',
  'A128GCM',
  'A192GCM',
  'A256GCM',
];

/** Registered, but with status "Prohibited" (WebCrypto SHA-1 entries). */
const PROHIBITED: readonly string[] = ['RS1', 'HS1'];

/** Every identifier a policy's `allowedAlgorithms` may name. */
export const ALL_ALGS: readonly string[] = [...JWS_ALGS, ...JWE_ALGS, ...JWE_ENCS];

/** Lower-cased identifier → registered spelling, to tell "wrong case" from "unknown". */
const BY_LOWER = new Map(ALL_ALGS.map((alg) => [alg.toLowerCase(), alg]));

/** What the registry says about one `alg` value in one kind of token. */
export type AlgStatus =
  | { ok: true }
  | { ok: false; reason: 'wrong-case'; registered: string }
  | { ok: false; reason: 'wrong-kind' | 'prohibited' | 'unknown' };

/**
 * Looks `alg` up for a JWS (`jwe: false`) or a JWE key-management header (`jwe: true`).
 * Registry names are case-sensitive (RFC 7515 §4.1.1), so `None` or `hs256` are not registered.
 */
export function checkAlgRegistered(alg: string, jwe: boolean): AlgStatus {
  const own = jwe ? JWE_ALGS : JWS_ALGS;
  if (own.includes(alg)) return { ok: true };
  if (PROHIBITED.includes(alg)) return { ok: false, reason: 'prohibited' };
  if (ALL_ALGS.includes(alg)) return { ok: false, reason: 'wrong-kind' };
  const registered = BY_LOWER.get(alg.toLowerCase());
  if (registered) return { ok: false, reason: 'wrong-case', registered };
  return { ok: false, reason: 'unknown' };
}

/** The registered spelling of `alg` ignoring case, if any (for "did you mean" hints). */
export function registeredSpelling(alg: string): string | undefined {
  return BY_LOWER.get(alg.toLowerCase());
}
