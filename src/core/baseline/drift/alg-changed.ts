import type { Severity } from '../../types';
import { own } from '../order';
import { headerValue, MAX_VALUES } from '../token-facts';
import type { TokenProfile } from '../types';
import {
  clip,
  driftHit,
  expected,
  keysOf,
  listed,
  MAX_LISTED,
  perToken,
  profileName,
  seen,
} from './drift-parts';

const HMAC = /^HS\d+$/;
/** Public-key signature algorithms (RFC 7518 §3.1, RFC 8037, RFC 9864, ES256K, ML-DSA drafts). */
const ASYMMETRIC = /^(?:RS|PS|ES)\d+K?$|^(?:EdDSA|Ed25519|Ed448)$|^ML-DSA-\d+$/;

/**
 * High when the change weakens the signature (RFC 8725 §3.1, §3.2): to `none` from anything, or from
 * public-key signatures only to an HMAC (every verifier holding the secret can then mint tokens, and an
 * HS token from an RS issuer is the algorithm-confusion pattern). Any other change (HS → RS, RS256 →
 * PS256, ES256 → ES384, a new JWE key management) is low: verifiers must be configured for it and it
 * deserves a look, but it is not a weakness in itself.
 */
function severityOf(alg: string, profile: TokenProfile, jws: boolean): Severity {
  if (!jws) return 'low';
  if (alg.toLowerCase() === 'none') return 'high';
  const before = keysOf(profile.algorithms);
  const allAsymmetric = before.length > 0 && before.every((a) => ASYMMETRIC.test(a));
  return allAsymmetric && HMAC.test(alg) ? 'high' : 'low';
}

/** `drift-alg-changed`: a token signed (or encrypted) with an algorithm its profile never used. */
export const checkAlgChanged = perToken(({ record, profile }) => {
  if (record.token.kind === 'opaque') return undefined;
  const alg = headerValue(record, 'alg');
  if (alg === undefined || own(profile.algorithms, alg)) return undefined;
  const before = keysOf(profile.algorithms);
  if (before.length === 0 || before.length >= MAX_VALUES) return undefined;
  const severity = severityOf(alg, profile, record.token.kind !== 'jwe');
  const spans = before.map((a) => {
    const span = own(profile.algorithms, a);
    return span
      ? `${clip(a)} (first seen ${clip(span.firstSeen)}, last seen ${clip(span.lastSeen)})`
      : clip(a);
  });
  const weakens = severity === 'high' ? ': a weaker signature' : '';
  return driftHit(
    'drift-alg-changed',
    record,
    `The ${profileName(profile)} used ${listed(before)} in the baseline; this one uses ${clip(alg)}${weakens}.`,
    [...spans.slice(0, MAX_LISTED).map((s) => expected(`alg ${s}`)), seen(`alg ${clip(alg)}`)],
    { severity },
  );
});
