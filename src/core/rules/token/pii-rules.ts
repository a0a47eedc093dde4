import type { Evidence, JsonObject, PiiDetectors, RuleHit, Severity, Sighting, TokenRule } from '../../types';
import { normalizeClaimName } from '../pii/claim-name';
import { findPiiValues, type PiiValueMatch } from '../pii/find-pii-values';
import { findSecrets, type SecretMatch } from '../pii/find-secrets';
import { maskValue } from '../pii/mask';
import { memoByName } from '../pii/name-memo';
import { findOidcClaims, oidcClaimName } from '../pii/oidc-claims';
import { type JsonLeaf, walkJson } from '../pii/walk-json';
import { evidenceText, listNames, NO_HITS, raiseSeverity, usableClaims, usableHeader } from './token-parts';

/** Evidence items per finding; a token with 500 e-mail addresses needs no 500 lines to make the point. */
const MAX_EVIDENCE = 10;
/** Where a token is written to logs, history or disk: personal data there is more exposed. */
const EXPOSED: ReadonlySet<Sighting['where']> = new Set([
  'query',
  'fragment',
  'path',
  'request-cookie',
  'set-cookie',
]);

function masked(label: string, value: unknown): Evidence {
  const raw = evidenceText(value);
  return { label, value: maskValue(raw), raw };
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}

/** `a: x; b: y (and 3 more)`: the first few described matches. */
function summarize(described: readonly string[]): string {
  const more = described.length > 5 ? ` (and ${described.length - 5} more)` : '';
  return `${described.slice(0, 5).join('; ')}${more}`;
}

/** `pii-oidc-claims`: OIDC End-User claims (OIDC Core §5.1) anywhere in the claims. */
export const checkPiiOidcClaims: TokenRule = ({ record, policy }) => {
  const claims = usableClaims(record.token);
  if (!claims || !policy.pii.oidcClaims) return NO_HITS;
  const found = findOidcClaims(claims);
  if (found.length === 0) return NO_HITS;
  const sensitivities = found.map((f) => f.sensitivity);
  let severity: Severity = sensitivities.includes('high')
    ? 'high'
    : sensitivities.includes('medium')
      ? 'medium'
      : 'low';
  const exposed = record.sightings.filter((s) => EXPOSED.has(s.where));
  if (exposed.length > 0) severity = raiseSeverity(severity);
  // An ID token carries the End-User's claims to the client by design (OIDC Core §5.4): info unless it is
  // exposed in a URL or a cookie; low for the sensitive ones, better served by the UserInfo endpoint.
  const byDesign = record.purpose === 'id' && exposed.length === 0;
  if (byDesign) severity = severity === 'high' ? 'low' : 'info';
  const names = unique(found.map((f) => f.claim));
  const where =
    exposed.length > 0
      ? ` The token travels in a ${unique(exposed.map((s) => (s.where.includes('cookie') ? 'cookie' : 'URL'))).join(' and ')}.`
      : byDesign
        ? ` ID tokens carry these claims to the client by design (OIDC Core §5.4)${severity === 'low' ? '; phone numbers, addresses and birth dates are better served by the UserInfo endpoint' : ''}; keep the token out of URLs, cookies and logs.`
        : '';
  return [
    {
      ruleId: 'pii-oidc-claims',
      severity,
      detail: `Personal data readable by anyone holding the token: ${listNames(names)}.${where}`,
      evidence: found.slice(0, MAX_EVIDENCE).map((f) => masked(f.path, f.value)),
    },
  ];
};

/** Leaves named like an OIDC claim: `pii-oidc-claims` reports those, so the value scan leaves them out. */
function isOidcNamed(leaf: JsonLeaf): boolean {
  return oidcClaimName(leaf.key) !== undefined;
}

/** Value matches in a header, with `header.` paths, and the detectors they were found with. */
interface HeaderMatches {
  detectors: PiiDetectors;
  found: PiiValueMatch[];
}

/**
 * Header matches per header object: tokens with the same header segment share one frozen header (see
 * `decodeHeader`), so each distinct header is scanned once, and an entry goes when its header does.
 */
const headerMatches = new WeakMap<JsonObject, HeaderMatches>();

function findInHeader(header: JsonObject, detectors: PiiDetectors): PiiValueMatch[] {
  const cached = headerMatches.get(header);
  if (cached?.detectors === detectors) return cached.found;
  const found = findPiiValues(walkJson(header).leaves, detectors).map((m) => ({
    ...m,
    path: `header.${m.path}`,
  }));
  headerMatches.set(header, { detectors, found });
  return found;
}

/** `pii-value-pattern`: personal data found by value (pattern + checksum) in header or claims. */
export const checkPiiValuePattern: TokenRule = ({ record, policy }) => {
  const header = usableHeader(record.token);
  if (!header) return NO_HITS;
  const claims = usableClaims(record.token);
  const inClaims = claims
    ? findPiiValues(walkJson(claims).leaves, policy.pii, policy.pii.oidcClaims ? isOidcNamed : undefined)
    : [];
  const inHeader = findInHeader(header, policy.pii);
  if (inHeader.length === 0 && inClaims.length === 0) return NO_HITS;
  const found = [...inHeader, ...inClaims];
  const described = unique(found.map((f) => `${f.path}: ${f.kind}`));
  const hit: RuleHit = {
    ruleId: 'pii-value-pattern',
    detail: `Personal data found by value: ${summarize(described)}.`,
    evidence: found.slice(0, MAX_EVIDENCE).map((f) => masked(`${f.path}: ${f.kind}`, f.value)),
  };
  return [hit];
};

/** `path: kind`, saying for a possible match what else it may be. */
function describeSecret(match: SecretMatch): string {
  const doubt =
    match.confidence === 'possible' ? ' (a key or bearer credential, or an opaque identifier)' : '';
  return `${match.path}: ${match.kind}${doubt}`;
}

/**
 * `secret-in-payload`: passwords, hashes, client secrets, API or private keys inside the claims. High when
 * a match is certain (shape, or a credential name holding a credential-like value); medium when every
 * match only may be a secret (a random-looking value under a key- or token-like name: ASVS 14.2.6 asks
 * to minimise such data, but an opaque identifier looks the same, so it is not rated as a leaked key).
 */
export const checkSecretInPayload: TokenRule = ({ record, policy }) => {
  const claims = usableClaims(record.token);
  if (!claims || !policy.pii.secrets) return NO_HITS;
  const found = findSecrets(walkJson(claims).leaves);
  if (found.length === 0) return NO_HITS;
  const certain = found.some((f) => f.confidence === 'certain');
  const described = unique(found.map(describeSecret));
  const hit: RuleHit = {
    ruleId: 'secret-in-payload',
    detail: certain
      ? `Secret-like claims readable by anyone holding the token: ${summarize(described)}.`
      : `Claims that may hold a secret, readable by anyone holding the token: ${summarize(described)}.`,
    evidence: found.slice(0, MAX_EVIDENCE).map((f) => masked(f.path, f.value)),
  };
  if (!certain) hit.severity = 'medium';
  return [hit];
};

/** Authorization claims by normalised name (namespaced ones like `https://app/roles` included). */
const AUTHZ_NAMES = new Set([
  'admin',
  'isadmin',
  'superuser',
  'issuperuser',
  'role',
  'roles',
  'scope',
  'scp',
  'groups',
  'group',
  'authorities',
  'permissions',
  'perms',
  'entitlements',
  'realmaccess',
  'resourceaccess',
  'wids',
  'privileges',
]);

/** Memo of authorization-name checks per claim name (bounded: names are untrusted). */
const isAuthzName = memoByName((key: string): boolean => AUTHZ_NAMES.has(normalizeClaimName(key)));

/** `authz-claims-visible`: roles, scopes, groups or admin flags the client can read (info, for review). */
export const checkAuthzClaimsVisible: TokenRule = ({ record }) => {
  const claims = usableClaims(record.token);
  if (!claims) return NO_HITS;
  let keys: string[] | undefined;
  // for-in allocates no key list; with `hasOwn` it sees Object.keys' keys, in the same order.
  for (const k in claims) {
    if (!Object.hasOwn(claims, k) || !isAuthzName(k)) continue;
    keys ??= [];
    keys.push(k);
  }
  if (keys === undefined) return NO_HITS;
  const evidence = keys.slice(0, MAX_EVIDENCE).map((k) => {
    const raw = evidenceText(claims[k]);
    return { label: k, value: raw.length > 80 ? `${raw.slice(0, 79)}…` : raw, raw };
  });
  return [{ ruleId: 'authz-claims-visible', detail: authzDetail(keys), evidence }];
};

/** Details by claim-name list: tokens of one issuer name the same claims, so most audits need a few. */
const AUTHZ_DETAILS = new Map<string, string>();

function authzDetail(keys: readonly string[]): string {
  // Names are untrusted: the id must tell one name from any list (a name may contain `","` or NULs).
  const id = keys.length === 1 ? `1${keys[0]}` : `2${JSON.stringify(keys)}`;
  let detail = AUTHZ_DETAILS.get(id);
  if (detail === undefined) {
    detail = `Authorization claims visible to the client: ${listNames(keys.slice(0, 8))}.`;
    if (AUTHZ_DETAILS.size >= 1024) AUTHZ_DETAILS.clear();
    AUTHZ_DETAILS.set(id, detail);
  }
  return detail;
}

/** Rules about personal data, secrets and authorization data in the token. */
export const PII_RULES: readonly TokenRule[] = [
  checkPiiOidcClaims,
  checkPiiValuePattern,
  checkSecretInPayload,
  checkAuthzClaimsVisible,
];
