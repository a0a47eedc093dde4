import type { JsonObject, RuleHit, TokenRule } from '../../types';
import { checkAlgRegistered, JWE_ENCS, ML_DSA_ALGS } from './alg-registry';
import { algOf, NO_HITS, show, usableHeader } from './token-parts';

const HMAC = /^HS(256|384|512)$/;
const RSA_PKCS1 = /^RS(256|384|512)$/;
/** Words in a `kid` that say the key is asymmetric: `rsa-2024`, `ec-p256`, `rs256-key`, `signing-pub`. */
const ASYMMETRIC_KID =
  /(^|[^a-z])(rsa|ecdsa|ec|p-?256|p-?384|p-?521|rs\d{3}|ps\d{3}|es\d{3}|ed25519|ed448|pub(lic)?)([^a-z]|$)/i;

/** `alg-none`: an unsecured JWS, in any letter case (RFC 7518 §3.6, RFC 8725 §3.1). */
export const checkAlgNone: TokenRule = ({ record }) => {
  const header = usableHeader(record.token);
  const alg = header && algOf(header);
  if (record.token.kind === 'jwe' || alg?.toLowerCase() !== 'none') return NO_HITS;
  return [{ ruleId: 'alg-none', detail: `alg is ${show(alg)}: the token carries no signature at all.` }];
};

function unregisteredReason(alg: unknown, jwe: boolean): string | undefined {
  if (typeof alg !== 'string') return `alg is ${show(alg)}, not a string`;
  const status = checkAlgRegistered(alg, jwe);
  if (status.ok) return undefined;
  const kind = jwe ? 'JWE key-management' : 'JWS';
  if (status.reason === 'wrong-case') {
    return `alg ${show(alg)} is not registered; the registered name is "${status.registered}" (alg is case-sensitive)`;
  }
  if (status.reason === 'prohibited') return `alg ${show(alg)} is registered with status "Prohibited"`;
  if (status.reason === 'wrong-kind') return `alg ${show(alg)} is registered, but not as a ${kind} algorithm`;
  return `alg ${show(alg)} is not in the IANA JOSE algorithm registry`;
}

/** `alg-unregistered`: null, non-string, unknown or wrong-case `alg` (and, for JWE, `enc`). */
export const checkAlgUnregistered: TokenRule = ({ record }) => {
  const header = usableHeader(record.token);
  if (!header) return NO_HITS;
  const jwe = record.token.kind === 'jwe';
  const reasons = [unregisteredReason(header.alg, jwe)];
  if (jwe && typeof header.enc === 'string' && !JWE_ENCS.includes(header.enc)) {
    reasons.push(`enc ${show(header.enc)} is not a registered content-encryption algorithm`);
  }
  const found = reasons.filter((r) => r !== undefined);
  return found.length > 0 ? [{ ruleId: 'alg-unregistered', detail: `${found.join('; ')}.` }] : NO_HITS;
};

/** `alg-deprecated-polymorphic`: `EdDSA`, deprecated by RFC 9864 for `Ed25519` / `Ed448`. */
export const checkAlgPolymorphic: TokenRule = ({ record }) => {
  const header = usableHeader(record.token);
  if (header?.alg !== 'EdDSA') return NO_HITS;
  return [
    {
      ruleId: 'alg-deprecated-polymorphic',
      detail:
        'alg is "EdDSA", which RFC 9864 deprecates in favour of the fully specified "Ed25519" or "Ed448".',
    },
  ];
};

/**
 * `alg-post-quantum`: ML-DSA (FIPS 204), registered for JOSE by RFC 9964. Not a weakness: context, since
 * few verifiers and key sets support it yet and JWT Lens does not check these signatures.
 */
export const checkAlgPostQuantum: TokenRule = ({ record }) => {
  const header = usableHeader(record.token);
  const alg = header && algOf(header);
  if (record.token.kind === 'jwe' || !alg || !ML_DSA_ALGS.includes(alg)) return NO_HITS;
  return [
    {
      ruleId: 'alg-post-quantum',
      detail: `alg is "${alg}", the post-quantum ML-DSA signature (FIPS 204) registered for JOSE by RFC 9964 (2026): verifiers need explicit support for it, and JWT Lens does not check its signature.`,
    },
  ];
};

/** `alg-rsa-pkcs1v15`: RS256/384/512 (RSASSA-PKCS1-v1_5, disallowed by ASVS 5.0 Appendix C). */
export const checkAlgRsaPkcs1: TokenRule = ({ record }) => {
  const header = usableHeader(record.token);
  const alg = header && algOf(header);
  if (record.token.kind === 'jwe' || !alg || !RSA_PKCS1.test(alg)) return NO_HITS;
  return [
    {
      ruleId: 'alg-rsa-pkcs1v15',
      detail: `alg is "${alg}" (RSASSA-PKCS1-v1_5); prefer PS${alg.slice(2)}, ES256 or Ed25519.`,
    },
  ];
};

/** `hmac-symmetric`: HS256/384/512, a shared secret every verifier could also mint with. */
export const checkHmacSymmetric: TokenRule = ({ record }) => {
  const header = usableHeader(record.token);
  const alg = header && algOf(header);
  if (record.token.kind === 'jwe' || !alg || !HMAC.test(alg)) return NO_HITS;
  return [
    {
      ruleId: 'hmac-symmetric',
      detail: `alg is "${alg}": anyone who can verify this token can also mint one.`,
    },
  ];
};

function asymmetricMaterial(header: JsonObject): string[] {
  const found = ['jwk', 'jku', 'x5u', 'x5c']
    .filter((k) => Object.hasOwn(header, k))
    .map((k) => `"${k}" header`);
  const kid = header.kid;
  if (typeof kid === 'string' && ASYMMETRIC_KID.test(kid))
    found.push(`kid ${show(kid)} names an RSA/EC/public key`);
  return found;
}

/**
 * `alg-confusion-indicator`, token part: an HS* token that points at asymmetric key material. The
 * per-issuer half (HS and RS/ES tokens from one `iss`) is a capture rule in `rules/context`.
 */
export const checkAlgConfusionHeader: TokenRule = ({ record }) => {
  const header = usableHeader(record.token);
  const alg = header && algOf(header);
  if (!header || record.token.kind === 'jwe' || !alg || !HMAC.test(alg)) return NO_HITS;
  const found = asymmetricMaterial(header);
  if (found.length === 0) return NO_HITS;
  const hit: RuleHit = {
    ruleId: 'alg-confusion-indicator',
    detail: `alg is "${alg}" (HMAC) but the header references asymmetric key material: ${found.join(', ')}.`,
  };
  return [hit];
};

/** Rules about `alg`. */
export const ALG_RULES: readonly TokenRule[] = [
  checkAlgNone,
  checkAlgUnregistered,
  checkAlgPolymorphic,
  checkAlgPostQuantum,
  checkAlgRsaPkcs1,
  checkHmacSymmetric,
  checkAlgConfusionHeader,
];
