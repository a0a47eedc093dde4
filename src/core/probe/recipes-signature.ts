import { encodeBase64Url } from '../token/base64url';
import { encodeSegment, type ProbeToken, type Tampered, withMembers } from './token-parts';

/** Spellings of `none` that got past libraries comparing case-sensitively (RFC 8725 §2.1, CVE-2015-9235 family). */
export const NONE_SPELLINGS = ['none', 'None', 'NONE', 'nOnE'] as const;

/** ECDSA signature sizes (RFC 7518 §3.4): R ‖ S, each the curve's byte length. */
const ECDSA_BYTES: Record<string, number> = { ES256: 64, ES384: 96, ES512: 132 };

/** `alg` set to each spelling of none, signature removed: `header.payload.` (RFC 7519 §6.1). */
function algNone(t: ProbeToken): Tampered[] {
  return NONE_SPELLINGS.map((alg) => ({
    id: `alg-none:${alg}`,
    kind: 'alg-none',
    change: `alg set to "${alg}", signature removed`,
    token: `${encodeSegment(withMembers(t.header, { alg }))}.${t.payloadSegment}.`,
  }));
}

/** The same bytes with one byte of the signature changed (its middle byte, lowest bit flipped). */
function corrupted(signature: Uint8Array): Uint8Array {
  const out = new Uint8Array(signature);
  const at = out.length >> 1;
  out[at] = (out[at] ?? 0) ^ 0x01;
  return out;
}

/** A claim changed with the original signature kept: `iat` one second earlier, else a claim added. */
function claimTampered(t: ProbeToken): Tampered {
  const iat = t.claims.iat;
  const moved = typeof iat === 'number' && Number.isFinite(iat);
  const claims = withMembers(t.claims, moved ? { iat: iat - 1 } : { jwt_lens_probe: true });
  return {
    id: 'claim-tampered',
    kind: 'claim-tampered',
    change: moved
      ? 'claim "iat" moved one second earlier, original signature kept'
      : 'claim "jwt_lens_probe" added, original signature kept',
    token: `${t.headerSegment}.${encodeSegment(claims)}.${encodeBase64Url(t.signature)}`,
  };
}

/**
 * The recipes that keep the token's own header and payload (or change one claim) and break only the
 * signature: what any verifier must refuse.
 */
export function signatureRecipes(t: ProbeToken): Tampered[] {
  const input = `${t.headerSegment}.${t.payloadSegment}`;
  const out: Tampered[] = [
    ...algNone(t),
    {
      id: 'signature-stripped',
      kind: 'signature-stripped',
      change: `signature removed, alg "${t.alg}" kept`,
      token: `${input}.`,
    },
    {
      id: 'signature-corrupted',
      kind: 'signature-corrupted',
      change: 'one byte of the signature changed',
      token: `${input}.${encodeBase64Url(corrupted(t.signature))}`,
    },
    claimTampered(t),
  ];
  const size = ECDSA_BYTES[t.alg];
  if (size !== undefined)
    out.push({
      id: 'psychic-signature',
      kind: 'psychic-signature',
      change: `signature replaced by ${size} zero bytes (r = s = 0, CVE-2022-21449)`,
      token: `${input}.${encodeBase64Url(new Uint8Array(size))}`,
    });
  return out;
}
