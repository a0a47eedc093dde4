/**
 * Key material as the signature checks use it. Plain data (JSON-safe), so results can cross a worker
 * boundary or land in a report.
 */

/** Where a key came from: a key set seen in the capture, a file the auditor gave, or a published example. */
export type KeyOrigin = 'traffic' | 'user' | 'published';

/** Why a key set is taken to be an issuer's. */
export type IssuerBinding = 'discovery' | 'same-origin';

export interface KeySource {
  origin: KeyOrigin;
  /** The JWKS URL (traffic), the file name (user) or the standard and section (published). */
  where: string;
  /** HAR request the key set came back in (traffic only). */
  requestId?: string;
  /** The `issuer` of the discovery document whose `jwks_uri` is `where` (traffic only). */
  issuer?: string;
}

/** A public JWK reduced to the members that define the key (RFC 7517 §4, RFC 7518 §6, RFC 8037 §2). */
export interface PublicJwk {
  kty: 'RSA' | 'EC' | 'OKP';
  n?: string;
  e?: string;
  crv?: string;
  x?: string;
  y?: string;
}

/** A validated public key and what was declared about it. */
export interface KnownKey {
  jwk: PublicJwk;
  /** The JWK object exactly as it appeared (members in their original order), for alg-confusion serialisations. */
  original: Record<string, unknown>;
  kid?: string;
  /** Declared `alg`, `use` and `key_ops`, checked against each token's `alg`. */
  alg?: string;
  use?: string;
  keyOps?: string[];
  /** RFC 7638 SHA-256 thumbprint, base64url. */
  thumbprint: string;
  /** RSA modulus length in bits. */
  rsaBits?: number;
  source: KeySource;
  /** For published keys: which example it is ("RFC 7515 Appendix A.2 RSA key"). */
  label?: string;
}

/** What the signature checks found for one token. */
export type SignatureStatus = 'verified' | 'invalid' | 'unverifiable' | 'published-key' | 'alg-confusion';

/** A key as shown in results: enough to find it again, nothing secret. */
export interface KeyRef {
  kid?: string;
  thumbprint: string;
  origin: KeyOrigin;
  where: string;
  label?: string;
}

export interface SignatureCheck {
  fingerprint: string;
  status: SignatureStatus;
  /** The key that verified the signature (or made the MAC, for `alg-confusion`). */
  key?: KeyRef;
  /** How many (key, serialisation) candidates were tried. */
  tried: number;
}

/** Keys parsed from one source, and one line per thing that could not be used. */
export interface KeyParseResult {
  keys: KnownKey[];
  problems: string[];
}
