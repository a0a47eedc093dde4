import { decodeBase64Url } from '../token/base64url';
import {
  contentOf,
  type DerElement,
  encodeElement,
  encodeUnsigned,
  encodingOf,
  oidToString,
  readChildren,
  readElement,
  TAG,
} from './der';

/** rsaEncryption (RFC 8017 Appendix A.1): the algorithm of every RSA SubjectPublicKeyInfo libraries write. */
const RSA_ENCRYPTION_OID = new Uint8Array([0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01]);
const DER_NULL = new Uint8Array([0x05, 0x00]);

/** JWS `alg` to import an SPKI with, by algorithm OID and (EC) curve OID; `null` marks known but unsupported. */
const ALG_BY_OID = new Map<string, string | null>([
  ['1.2.840.113549.1.1.1', 'RS256'],
  ['1.2.840.113549.1.1.10', null],
  ['1.2.840.10045.2.1/1.2.840.10045.3.1.7', 'ES256'],
  ['1.2.840.10045.2.1/1.3.132.0.34', 'ES384'],
  ['1.2.840.10045.2.1/1.3.132.0.35', 'ES512'],
  ['1.2.840.10045.2.1/1.3.132.0.10', null],
  ['1.3.101.112', 'Ed25519'],
  ['1.3.101.113', null],
  ['1.3.101.110', null],
  ['1.3.101.111', null],
]);

function sequence(bytes: Uint8Array, element: DerElement | undefined): DerElement[] | null {
  return element && element.tag === TAG.sequence ? readChildren(bytes, element) : null;
}

/** The whole-buffer SEQUENCE at the start of `der`, or `null`. */
function topSequence(der: Uint8Array): DerElement[] | null {
  const top = readElement(der, 0);
  return top && top.end === der.length ? sequence(der, top) : null;
}

/** `1.2.840.10045.2.1/1.2.840.10045.3.1.7`: the algorithm OID, and the curve OID for EC keys. */
function algorithmOf(spki: Uint8Array): string | null {
  const [algorithm] = topSequence(spki) ?? [];
  const [oid, params] = sequence(spki, algorithm) ?? [];
  if (!oid || oid.tag !== TAG.oid) return null;
  const name = oidToString(contentOf(spki, oid));
  return params?.tag === TAG.oid ? `${name}/${oidToString(contentOf(spki, params))}` : name;
}

/**
 * The `alg` to import a SubjectPublicKeyInfo with, or why it cannot be: not an SPKI, or a key type WebCrypto
 * and jose cannot verify with (RSASSA-PSS-only keys, secp256k1, Ed448, X25519/X448).
 */
export function spkiImportAlg(spki: Uint8Array): { alg: string } | { problem: string } {
  const algorithm = algorithmOf(spki);
  if (algorithm === null) return { problem: 'is not a SubjectPublicKeyInfo structure' };
  const alg = ALG_BY_OID.get(algorithm);
  if (alg === undefined) return { problem: `has key algorithm ${algorithm}, which is not supported` };
  if (alg === null) return { problem: `has key algorithm ${algorithm}, which this tool cannot verify with` };
  return { alg };
}

/** The SubjectPublicKeyInfo inside an X.509 certificate (RFC 5280 §4.1), or `null`. */
export function spkiOfCertificate(cert: Uint8Array): Uint8Array | null {
  const [tbs] = topSequence(cert) ?? [];
  const fields = sequence(cert, tbs);
  if (!fields) return null;
  // version is the optional [0] EXPLICIT field; then serial, signature, issuer, validity, subject, SPKI.
  const spki = fields[fields[0]?.tag === 0xa0 ? 6 : 5];
  return spki && spki.tag === TAG.sequence ? encodingOf(cert, spki) : null;
}

/** Wraps a PKCS#1 RSAPublicKey (RFC 8017 Appendix A.1.1) in a SubjectPublicKeyInfo, or `null` if it is not one. */
export function spkiFromPkcs1(pkcs1: Uint8Array): Uint8Array | null {
  const parts = topSequence(pkcs1);
  if (parts?.length !== 2 || parts.some((p) => p.tag !== TAG.integer)) return null;
  const algorithm = encodeElement(TAG.sequence, RSA_ENCRYPTION_OID, DER_NULL);
  return encodeElement(TAG.sequence, algorithm, encodeElement(TAG.bitString, new Uint8Array([0]), pkcs1));
}

/** PKCS#1 RSAPublicKey DER from a JWK's `n` and `e`, as `BEGIN RSA PUBLIC KEY` holds it; `null` if they do not decode. */
export function pkcs1FromJwk(n: string | undefined, e: string | undefined): Uint8Array | null {
  const modulus = decodeBase64Url(n ?? '');
  const exponent = decodeBase64Url(e ?? '');
  if (!modulus.ok || !exponent.ok) return null;
  return encodeElement(TAG.sequence, encodeUnsigned(modulus.bytes), encodeUnsigned(exponent.bytes));
}
