import { isPresented, isSuccess } from '../rules/context/sighting-facts';
import type { CaptureHit, Evidence, Sighting, TokenRecord } from '../types';
import { declaredConflicts, whyKeyCannotVerify } from './alg-compat';
import type { KeyRef, KnownKey } from './types';

/** RFC 7518 §3.3 and §3.5: RSA keys of 2048 bits or larger MUST be used. */
export const MIN_RSA_BITS = 2048;

/** `kid "abc" (thumbprint …)` — how a key is named in details. */
export function nameKey(key: KnownKey): string {
  const kid = key.kid !== undefined ? `kid "${key.kid.slice(0, 60)}" ` : '';
  return `${kid}(thumbprint ${key.thumbprint})`.trim();
}

/** `from https://idp.example/jwks.json`, `from keys.pem (given with --jwks)`, `the RFC 7515 … key`. */
export function keyOrigin(key: KnownKey): string {
  if (key.source.origin === 'published')
    return `the ${key.label ?? 'published example key'} (${key.source.where})`;
  if (key.source.origin === 'user') return `from ${key.source.where} (supplied by the auditor)`;
  const issuer = key.source.issuer ? `, the key set of issuer ${key.source.issuer}` : '';
  return `from ${key.source.where}${issuer}`;
}

export function keyRef(key: KnownKey): KeyRef {
  const ref: KeyRef = { thumbprint: key.thumbprint, origin: key.source.origin, where: key.source.where };
  if (key.kid !== undefined) ref.kid = key.kid;
  if (key.label !== undefined) ref.label = key.label;
  return ref;
}

export function keyEvidence(key: KnownKey): Evidence[] {
  const evidence: Evidence[] = [{ label: 'key thumbprint', value: key.thumbprint }];
  if (key.kid !== undefined) evidence.push({ label: 'kid', value: key.kid });
  evidence.push({ label: 'key source', value: key.label ?? key.source.where });
  return evidence;
}

/** Requests that presented the token and were answered 2xx. */
export function acceptedBy(record: TokenRecord): Sighting[] {
  return record.sightings.filter((s) => isPresented(s) && isSuccess(s.status));
}

/** `rsa-key-too-short` for an RSA key in a key set; `fingerprint` is `''` when no token relates to the key. */
export function rsaTooShortHit(key: KnownKey, fingerprint: string): CaptureHit {
  return {
    ruleId: 'rsa-key-too-short',
    fingerprint,
    detail: `RSA key ${nameKey(key)} ${keyOrigin(key)} has a ${key.rsaBits}-bit modulus; RFC 7518 requires at least ${MIN_RSA_BITS} bits`,
    evidence: [...keyEvidence(key), { label: 'modulus bits', value: String(key.rsaBits) }],
  };
}

/** `key-alg-mismatch` when the key's type, curve or declarations exclude verifying `alg`; `null` when it fits. */
export function keyAlgMismatchHit(
  key: KnownKey,
  alg: string,
  record: TokenRecord,
  role: string,
): CaptureHit | null {
  const reasons = [whyKeyCannotVerify(key.jwk, alg), ...declaredConflicts(key, alg)].filter(
    (reason): reason is string => reason !== null,
  );
  if (reasons.length === 0) return null;
  return {
    ruleId: 'key-alg-mismatch',
    fingerprint: record.token.fingerprint,
    detail: `the key ${role}, ${nameKey(key)} ${keyOrigin(key)}, does not fit ${alg}: ${reasons.join('; ')}`,
    evidence: [{ label: 'alg', value: alg }, ...keyEvidence(key)],
  };
}
