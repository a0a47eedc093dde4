import { findPiiValues } from '../../rules/pii/find-pii-values';
import { findSecrets } from '../../rules/pii/find-secrets';
import { findOidcClaims } from '../../rules/pii/oidc-claims';
import { walkJson } from '../../rules/pii/walk-json';
import type { JsonObject, Policy, Severity, TokenRecord } from '../../types';
import { own } from '../order';
import { claimsOf, isLearnableClaimName, MAX_VALUES } from '../token-facts';
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

/** What a new claim holds, by the same detectors the PII and secret rules use. */
type Sensitivity = 'oidc' | 'value' | 'secret' | 'maybe-secret' | undefined;

/** Runs the policy's PII and secret detectors over one claim (name and value). */
function sensitivityOf(name: string, value: unknown, policy: Policy): Sensitivity {
  const single: JsonObject = Object.create(null);
  single[name] = value;
  const leaves = walkJson(single).leaves;
  if (policy.pii.secrets) {
    const secrets = findSecrets(leaves);
    if (secrets.some((s) => s.confidence === 'certain')) return 'secret';
    if (secrets.length > 0) return 'maybe-secret';
  }
  if (policy.pii.oidcClaims && findOidcClaims(single).length > 0) return 'oidc';
  if (findPiiValues(leaves, policy.pii).length > 0) return 'value';
  return undefined;
}

const LABEL: Record<Exclude<Sensitivity, undefined>, string> = {
  oidc: 'personal data',
  value: 'personal data',
  secret: 'a secret',
  'maybe-secret': 'possibly a secret',
};

/**
 * High when a new claim carries personal data or a secret (ASVS 14.2.6: tokens hold the minimum; a
 * release that adds `email` to an access token leaks it to every API the token reaches), low otherwise.
 * An ID token carries the End-User's OIDC claims by design (OIDC Core §5.4; `pii-oidc-claims` rates them
 * info there): a new one of those is low, while value-pattern PII and secrets stay high.
 */
function severityOf(kinds: readonly Sensitivity[], record: TokenRecord): Severity {
  if (kinds.includes('secret') || kinds.includes('value')) return 'high';
  if (kinds.includes('oidc')) return record.purpose === 'id' ? 'low' : 'high';
  return 'low';
}

/** `drift-claim-added`: claims the token carries that no token of its profile carried. */
export const checkClaimAdded = perToken(({ record, profile }, ctx) => {
  const claims = claimsOf(record);
  if (!claims) return undefined;
  const known = keysOf(profile.claims);
  // No claims learned (opaque or JWE tokens), or as many as a baseline keeps: nothing to tell new from.
  if (known.length === 0 || known.length >= MAX_VALUES) return undefined;
  const added = Object.keys(claims).filter(
    (name) => isLearnableClaimName(name) && own(profile.claims, name) === undefined,
  );
  if (added.length === 0) return undefined;
  const kinds = added.map((name) => sensitivityOf(name, claims[name], ctx.policy));
  const shown = added.map((name, i) => {
    const kind = kinds[i];
    return kind ? `${clip(name)} (${LABEL[kind]})` : clip(name);
  });
  return driftHit(
    'drift-claim-added',
    record,
    `New claim${added.length > 1 ? 's' : ''} in ${profileName(profile)}: ${listed(shown)}.`,
    [expected(`claims: ${listed(known)}`), ...shown.slice(0, MAX_LISTED).map((s) => seen(`new claim ${s}`))],
    { severity: severityOf(kinds, record) },
  );
});
