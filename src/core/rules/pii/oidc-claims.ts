import { memoByName } from './name-memo';
import { namesWorkload } from './vendor-claims';
import { walkJson } from './walk-json';

/** How sensitive an OIDC standard End-User claim is (OIDC Core §5.1; RULES.md §4). */
export type PiiSensitivity = 'high' | 'medium' | 'low';

/** OIDC Core §5.1 End-User claims: postal address, birth date and phone number weigh most. */
export const OIDC_PII_CLAIMS: Readonly<Record<string, PiiSensitivity>> = {
  name: 'medium',
  given_name: 'medium',
  family_name: 'medium',
  middle_name: 'medium',
  nickname: 'medium',
  preferred_username: 'medium',
  profile: 'medium',
  picture: 'medium',
  website: 'medium',
  email: 'medium',
  gender: 'medium',
  birthdate: 'high',
  address: 'high',
  phone_number: 'high',
  zoneinfo: 'low',
  locale: 'low',
};

/** One OIDC personal-data claim found in a claims tree. */
export interface OidcClaimMatch {
  path: string;
  /** The OIDC claim name it matched. */
  claim: string;
  sensitivity: PiiSensitivity;
  value: unknown;
}

/** `null`: not an OIDC claim. Memoised: the PII rules ask it of every member and leaf. */
const oidcClaimOf = memoByName((key: string): string | null => {
  const cut = key.lastIndexOf('/');
  const tail = cut >= 0 ? key.slice(cut + 1) : key;
  return Object.hasOwn(OIDC_PII_CLAIMS, tail) ? tail : null;
});

/** The OIDC claim a member name stands for; namespaced names (`https://app/email`) count too. */
export function oidcClaimName(key: string): string | undefined {
  return oidcClaimOf(key) ?? undefined;
}

function isEmpty(value: unknown): boolean {
  if (value === null || value === '' || value === false) return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && Object.keys(value as object).length === 0;
}

/**
 * OIDC End-User claims anywhere in `claims` (top level, nested, namespaced), skipping empty values and
 * nested members an issuer documents as naming a workload (`kubernetes.io.pod.name`).
 */
export function findOidcClaims(claims: object): OidcClaimMatch[] {
  const found: OidcClaimMatch[] = [];
  for (const member of walkJson(claims).members) {
    const claim = oidcClaimName(member.key);
    if (!claim || isEmpty(member.value)) continue;
    if (member.path !== member.key && namesWorkload(member.path)) continue;
    found.push({
      path: member.path,
      claim,
      sensitivity: OIDC_PII_CLAIMS[claim] ?? 'medium',
      value: member.value,
    });
  }
  return found;
}
