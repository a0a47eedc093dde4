import type { ParsedToken, RuleHit, TokenRule } from '../../types';
import { parseDerEcdsa } from './der-ecdsa';
import { algOf, usableHeader } from './token-parts';

/** Signature octets each alg must produce (RFC 7518 §3.2, §3.4; RFC 8037 §3.1; RFC 8812; RFC 9864). */
const SIGNATURE_BYTES: ReadonlyMap<string, readonly number[]> = new Map(
  Object.entries({
    HS256: [32],
    HS384: [48],
    HS512: [64],
    ES256: [64],
    ES256K: [64],
    ES384: [96],
    ES512: [132],
    EdDSA: [64, 114],
    Ed25519: [64],
    Ed448: [114],
  }),
);
const ECDSA = /^ES(256K?|384|512)$/;
const RSA = /^(RS|PS)(256|384|512)$/;

/** The alg and signature of a well-formed, signed JWS (not `none`, not JWE). */
function signed(token: ParsedToken): { alg: string; sig: Uint8Array } | undefined {
  const header = usableHeader(token);
  const alg = header && algOf(header);
  if (token.kind !== 'jws' || !alg || alg.toLowerCase() === 'none') return undefined;
  return { alg, sig: token.signature ?? new Uint8Array(0) };
}

/** True when `bytes[from, to)` are all zero; a plain loop, since every ECDSA token is checked. */
function isZero(bytes: Uint8Array, from = 0, to = bytes.length): boolean {
  for (let i = from; i < to; i++) if (bytes[i] !== 0) return false;
  return true;
}

/** `sig-stripped`: a signing alg with an empty third segment (RFC 7515 §5.2; CVE-2020-28042). */
export const checkSigStripped: TokenRule = ({ record }) => {
  const s = signed(record.token);
  if (!s || record.token.segments[2] !== '') return [];
  return [{ ruleId: 'sig-stripped', detail: `alg is "${s.alg}" but the signature segment is empty.` }];
};

/** Which of r and s are zero, from raw R‖S or from DER; empty when neither is. */
function zeroIntegers(sig: Uint8Array, rawLength: number): string[] {
  if (sig.length === rawLength && rawLength > 0) {
    const half = rawLength / 2;
    return [isZero(sig, 0, half) ? 'r' : '', isZero(sig, half) ? 's' : ''].filter(Boolean);
  }
  const der = parseDerEcdsa(sig);
  if (!der) return [];
  return [isZero(der.r) ? 'r' : '', isZero(der.s) ? 's' : ''].filter(Boolean);
}

/** `sig-ecdsa-zero`: ECDSA r = 0 and/or s = 0, the "psychic signature" (CVE-2022-21449). */
export const checkSigEcdsaZero: TokenRule = ({ record }) => {
  const s = signed(record.token);
  if (!s || !ECDSA.test(s.alg) || s.sig.length === 0) return [];
  const zeros = zeroIntegers(s.sig, SIGNATURE_BYTES.get(s.alg)?.[0] ?? 0);
  if (zeros.length === 0) return [];
  return [
    {
      ruleId: 'sig-ecdsa-zero',
      detail: `${s.alg} signature has ${zeros.join(' = ')} = 0: it "verifies" on libraries with CVE-2022-21449-class bugs.`,
    },
  ];
};

/** `sig-length-mismatch`: signature length wrong for the alg, or DER where JOSE wants raw R‖S. */
export const checkSigLength: TokenRule = ({ record }) => {
  const s = signed(record.token);
  const expected = s && SIGNATURE_BYTES.get(s.alg);
  if (!s || !expected || s.sig.length === 0 || expected.includes(s.sig.length)) return [];
  const want = expected.join(' or ');
  const der = ECDSA.test(s.alg) && parseDerEcdsa(s.sig) !== undefined;
  const hit: RuleHit = {
    ruleId: 'sig-length-mismatch',
    detail: der
      ? `${s.alg} signature is DER-encoded (${s.sig.length} bytes); JOSE requires raw R‖S of ${want} bytes (RFC 7518 §3.4).`
      : `${s.alg} signature is ${s.sig.length} bytes; ${s.alg} always produces ${want}.`,
  };
  return [hit];
};

/** `rsa-key-too-short`: an RSA signature is as long as the modulus, so < 256 bytes means < 2048 bits. */
export const checkRsaKeyTooShort: TokenRule = ({ record }) => {
  const s = signed(record.token);
  if (!s || !RSA.test(s.alg) || s.sig.length === 0 || s.sig.length >= 256) return [];
  return [
    {
      ruleId: 'rsa-key-too-short',
      detail: `${s.alg} signature is ${s.sig.length} bytes, so the RSA key is about ${s.sig.length * 8} bits (2048 is the minimum).`,
    },
  ];
};

/** Rules about the signature's shape (no key needed). */
export const SIGNATURE_RULES: readonly TokenRule[] = [
  checkSigStripped,
  checkSigEcdsaZero,
  checkSigLength,
  checkRsaKeyTooShort,
];
