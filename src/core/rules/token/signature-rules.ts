import type { ParsedToken, RuleHit, TokenRule } from '../../types';
import { parseDerEcdsa } from './der-ecdsa';
import { algOf, NO_HITS, usableHeader } from './token-parts';

/**
 * Signature octets each alg must produce (RFC 7518 §3.2, §3.4; RFC 8037 §3.1; RFC 8812; RFC 9864; ML-DSA:
 * FIPS 204 Table 2 via RFC 9964, the sizes of jwt.io's default ML-DSA tokens too).
 */
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
    'ML-DSA-44': [2420],
    'ML-DSA-65': [3309],
    'ML-DSA-87': [4627],
  }),
);
const ECDSA = /^ES(256K?|384|512)$/;
const RSA = /^(RS|PS)(256|384|512)$/;

const NO_SIGNATURE = new Uint8Array(0);

/** The RSA signatures `rsa-key-too-short` judges: shorter than a 2048-bit modulus (RFC 7518 §3.3). */
const RSA_MIN_BYTES = 256;

/**
 * True when `bytes` can be the length of an RSA modulus, and so of a signature made with it (RFC 8017
 * §8.1.1, §8.2.1: the signature is exactly as long as the modulus). Keys are generated in whole multiples
 * of 64 bits from 512 bits up (512, 768, 1024, 1536, 2048, 3072, 4096: the sizes OpenSSL, WebCrypto, JCA
 * and cloud KMSs offer), so a short signature of another length (the 2-byte placeholder "foo", 12 bytes
 * of test junk, 255 bytes with a leading zero dropped by a non-conformant signer) is a broken signature,
 * not a short key.
 */
function plausibleRsaLength(bytes: number): boolean {
  return bytes >= 64 && bytes % 8 === 0;
}

/**
 * The alg of a well-formed, signed JWS (not `none`, not JWE), or `undefined`. Every token meets all four
 * signature rules, so this returns a string rather than an `{ alg, sig }` pair allocated four times over.
 */
function signedAlg(token: ParsedToken): string | undefined {
  const header = usableHeader(token);
  const alg = header && algOf(header);
  if (token.kind !== 'jws' || !alg || alg.toLowerCase() === 'none') return undefined;
  return alg;
}

function signatureOf(token: ParsedToken): Uint8Array {
  return token.signature ?? NO_SIGNATURE;
}

/** True when `bytes[from, to)` are all zero; a plain loop, since every ECDSA token is checked. */
function isZero(bytes: Uint8Array, from = 0, to = bytes.length): boolean {
  for (let i = from; i < to; i++) if (bytes[i] !== 0) return false;
  return true;
}

/** `sig-stripped`: a signing alg with an empty third segment (RFC 7515 §5.2; CVE-2020-28042). */
export const checkSigStripped: TokenRule = ({ record }) => {
  if (record.token.segments[2] !== '') return NO_HITS;
  const alg = signedAlg(record.token);
  if (!alg) return NO_HITS;
  return [{ ruleId: 'sig-stripped', detail: `alg is "${alg}" but the signature segment is empty.` }];
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
  const alg = signedAlg(record.token);
  const sig = signatureOf(record.token);
  if (!alg || !ECDSA.test(alg) || sig.length === 0) return NO_HITS;
  const zeros = zeroIntegers(sig, SIGNATURE_BYTES.get(alg)?.[0] ?? 0);
  if (zeros.length === 0) return NO_HITS;
  return [
    {
      ruleId: 'sig-ecdsa-zero',
      detail: `${alg} signature has ${zeros.join(' = ')} = 0: it "verifies" on libraries with CVE-2022-21449-class bugs.`,
    },
  ];
};

/** `sig-length-mismatch`: signature length wrong for the alg, or DER where JOSE wants raw R‖S. */
export const checkSigLength: TokenRule = ({ record }) => {
  const alg = signedAlg(record.token);
  const sig = signatureOf(record.token);
  if (alg && RSA.test(alg)) return rsaLengthHits(alg, sig.length);
  const expected = alg && SIGNATURE_BYTES.get(alg);
  if (!alg || !expected || sig.length === 0 || expected.includes(sig.length)) return NO_HITS;
  const want = expected.join(' or ');
  const der = ECDSA.test(alg) && parseDerEcdsa(sig) !== undefined;
  const hit: RuleHit = {
    ruleId: 'sig-length-mismatch',
    detail: der
      ? `${alg} signature is DER-encoded (${sig.length} bytes); JOSE requires raw R‖S of ${want} bytes (RFC 7518 §3.4).`
      : `${alg} signature is ${sig.length} bytes; ${alg} always produces ${want}.`,
  };
  return [hit];
};

/** `sig-length-mismatch` for RSA: a short signature no RSA modulus could produce (`plausibleRsaLength`). */
function rsaLengthHits(alg: string, bytes: number): RuleHit[] {
  if (bytes === 0 || bytes >= RSA_MIN_BYTES || plausibleRsaLength(bytes)) return NO_HITS;
  return [
    {
      ruleId: 'sig-length-mismatch',
      detail: `${alg} signature is ${bytes} bytes; an RSA signature is exactly as long as the key's modulus (RFC 8017 §8.2.1), and no RSA key has that size: the signature is broken or a placeholder.`,
    },
  ];
}

/**
 * `rsa-key-too-short`: an RSA signature is as long as the modulus, so < 256 bytes means < 2048 bits; only
 * for a length a modulus can have (`plausibleRsaLength`), else the signature is broken (`sig-length-mismatch`).
 */
export const checkRsaKeyTooShort: TokenRule = ({ record }) => {
  const alg = signedAlg(record.token);
  const sig = signatureOf(record.token);
  if (!alg || !RSA.test(alg) || sig.length >= RSA_MIN_BYTES || !plausibleRsaLength(sig.length))
    return NO_HITS;
  return [
    {
      ruleId: 'rsa-key-too-short',
      detail: `${alg} signature is ${sig.length} bytes, so the RSA key is about ${sig.length * 8} bits (2048 is the minimum).`,
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
