import { sha256 } from '../../crypto/sha256';
import { sha512Family } from '../../secrets/sha512';
import { encodeBase64Url } from '../../token/base64url';

/** Base64url length of half a SHA-512 digest (32 bytes): how an Ed25519 `EdDSA` hash claim is told apart. */
const HALF_SHA512_LENGTH = 43;

/**
 * The hash an ID token's `at_hash`/`c_hash` is made with: the one of its JWS `alg` (OIDC Core §3.1.3.6,
 * §3.3.2.11), 256/384/512 for HS/RS/PS/ES; SHA-512 for Ed25519 (OpenID connect issue 1125, the OpenID
 * Connect Token Hash Algorithms guide). `EdDSA` names no curve: Ed25519's SHA-512 when the claim has its
 * length, else unknown (Ed448 uses SHAKE256, which JWT Lens does not compute). `undefined`: cannot tell.
 */
function hashBits(alg: string, claim: string): 256 | 384 | 512 | undefined {
  const match = /^(?:HS|RS|PS|ES)(256|384|512)$/.exec(alg);
  if (match) return Number(match[1]) as 256 | 384 | 512;
  if (alg === 'ES256K') return 256;
  if (alg === 'Ed25519') return 512;
  if (alg === 'EdDSA' && claim.length === HALF_SHA512_LENGTH) return 512;
  return undefined;
}

const ENCODER = new TextEncoder();

/**
 * The expected `at_hash`/`c_hash` of `value` for an ID token signed with `alg`: base64url of the
 * left-most half of the hash of its ASCII octets. `undefined` when the hash of `alg` is not known.
 */
export function oidcHalfHash(value: string, alg: string, claim: string): string | undefined {
  const bits = hashBits(alg, claim);
  if (bits === undefined) return undefined;
  const bytes = ENCODER.encode(value);
  const digest = bits === 256 ? sha256(bytes) : sha512Family(bytes, bits === 384 ? 48 : 64);
  return encodeBase64Url(digest.subarray(0, digest.length / 2));
}
