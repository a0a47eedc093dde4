import type { CaptureHit, Evidence } from '../types';
import type { TargetOwner } from './hmac-targets';
import type { HmacAlg } from './hmac-types';
import { maskSecret, secretText } from './mask-secret';
import type { PublishedSecret } from './published-secrets';

/** Where a recovered secret came from; decides the rule and the wording. */
export type SecretOrigin =
  | { kind: 'published'; entry: PublishedSecret }
  | { kind: 'built-in' }
  | { kind: 'capture' }
  | { kind: 'wordlist'; name: string }
  | { kind: 'digits' };

function originText(origin: SecretOrigin, length: number): string {
  switch (origin.kind) {
    case 'published':
      return origin.entry.source;
    case 'built-in':
      return 'the built-in list of weak and default secrets';
    case 'capture':
      return 'values seen in this capture (host names, issuer, audience, claims)';
    case 'wordlist':
      return `the wordlist ${origin.name}`;
    case 'digits':
      return `a brute force of ${length}-digit numbers`;
  }
}

/**
 * The finding for a cracked token: `key-publicly-known` when the secret is a published test value,
 * `hmac-weak-secret` otherwise. The secret is masked in `value`; the raw form stays in `raw` only.
 */
export function buildSecretHit(
  owner: TargetOwner,
  alg: HmacAlg,
  secret: Uint8Array,
  origin: SecretOrigin,
): CaptureHit {
  const raw = secretText(secret);
  const masked = maskSecret(raw);
  const where = originText(origin, secret.length);
  const whose = owner.nested ? `The nested token's ${alg} MAC` : `The ${alg} MAC`;
  const evidence: Evidence[] = [
    { label: 'secret', value: origin.kind === 'published' ? origin.entry.name : masked, raw },
    { label: 'found in', value: where },
    { label: 'secret length', value: `${secret.length} bytes` },
  ];
  if (origin.kind === 'published') {
    return {
      ruleId: 'key-publicly-known',
      fingerprint: owner.fingerprint,
      detail: `${whose} verifies with the ${origin.entry.name}, published in ${where}: anyone can mint tokens this service accepts.`,
      evidence,
    };
  }
  return {
    ruleId: 'hmac-weak-secret',
    fingerprint: owner.fingerprint,
    detail: `${whose} verifies with the secret "${masked}", found in ${where}: anyone holding one token can recover it offline and mint new ones.`,
    evidence,
  };
}
