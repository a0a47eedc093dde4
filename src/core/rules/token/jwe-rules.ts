import type { TokenRule } from '../../types';
import { NO_HITS, show, usableHeader } from './token-parts';

/** RFC 7518 §4.8.1.2: at least 1000 iterations. Above this, decrypting is a denial-of-service lever. */
const MIN_P2C = 1000;
const MAX_P2C = 10_000_000;

/** `jwe-rsa1_5`: RSAES-PKCS1-v1_5 key transport, open to Bleichenbacher-style oracles (RFC 8725 §3.2). */
export const checkJweRsa15: TokenRule = ({ record }) => {
  const header = usableHeader(record.token);
  if (!header || record.token.kind !== 'jwe' || header.alg !== 'RSA1_5') return NO_HITS;
  return [
    {
      ruleId: 'jwe-rsa1_5',
      detail: 'JWE key management is "RSA1_5" (RSAES-PKCS1-v1_5); use RSA-OAEP-256 or ECDH-ES.',
    },
  ];
};

/**
 * `jwe-compression`: `zip` in a JWE (compress-then-encrypt leaks length). `zip` is a JWE parameter
 * (RFC 7516 §4.1.3) that RFC 7515 does not define: in a JWS it is `hdr-nonstandard`, not compression.
 */
export const checkJweCompression: TokenRule = ({ record }) => {
  const header = usableHeader(record.token);
  if (!header || record.token.kind !== 'jwe' || !Object.hasOwn(header, 'zip')) return NO_HITS;
  return [
    {
      ruleId: 'jwe-compression',
      detail: `JWE payload is compressed before encryption (zip ${show(header.zip)}).`,
    },
  ];
};

/** `jwe-pbes2`: password-based key wrap, especially with too few or absurdly many iterations. */
export const checkJwePbes2: TokenRule = ({ record }) => {
  const header = usableHeader(record.token);
  const alg = header?.alg;
  if (!header || record.token.kind !== 'jwe' || typeof alg !== 'string' || !alg.startsWith('PBES2-'))
    return NO_HITS;
  const p2c = header.p2c;
  let count = `p2c is ${show(p2c)}`;
  if (typeof p2c !== 'number' || !Number.isInteger(p2c) || p2c < 1) count += ' (not a positive integer)';
  else if (p2c < MIN_P2C) count += ` (below the ${MIN_P2C} RFC 7518 recommends)`;
  else if (p2c > MAX_P2C) count += ' (so high that decrypting is a denial-of-service risk)';
  return [{ ruleId: 'jwe-pbes2', detail: `JWE key is derived from a password ("${alg}"); ${count}.` }];
};

/** `jwe-opaque`: an encrypted token; its claims cannot be audited passively. */
export const checkJweOpaque: TokenRule = ({ record }) => {
  const header = usableHeader(record.token);
  if (!header || record.token.kind !== 'jwe') return NO_HITS;
  const cty = header.cty;
  const nested = typeof cty === 'string' && /^(application\/)?jwt$/i.test(cty);
  const detail = nested
    ? 'Encrypted token with a nested JWT (cty JWT): the inner signature must be verified after decryption.'
    : `Encrypted token (${show(header.alg)} / ${show(header.enc)}): its claims cannot be audited without the key.`;
  return [{ ruleId: 'jwe-opaque', detail }];
};

/** Rules about JWE headers. */
export const JWE_RULES: readonly TokenRule[] = [
  checkJweRsa15,
  checkJweCompression,
  checkJwePbes2,
  checkJweOpaque,
];
