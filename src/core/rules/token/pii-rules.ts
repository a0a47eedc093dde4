import type { Evidence, RuleHit, Severity, Sighting, TokenRule } from '../../types';
import { normalizeClaimName } from '../pii/claim-name';
import { findPiiValues } from '../pii/find-pii-values';
import { findSecrets } from '../pii/find-secrets';
import { maskValue } from '../pii/mask';
import { findOidcClaims, oidcClaimName } from '../pii/oidc-claims';
import { walkJson } from '../pii/walk-json';
import { evidenceText, listNames, raiseSeverity, usableClaims, usableHeader } from './token-parts';

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
  if (!claims || !policy.pii.oidcClaims) return [];
  const found = findOidcClaims(claims);
  if (found.length === 0) return [];
  const sensitivities = found.map((f) => f.sensitivity);
  let severity: Severity = sensitivities.includes('high')
    ? 'high'
    : sensitivities.includes('medium')
      ? 'medium'
      : 'low';
  const exposed = record.sightings.filter((s) => EXPOSED.has(s.where));
  if (exposed.length > 0) severity = raiseSeverity(severity);
  const names = unique(found.map((f) => f.claim));
  const where =
    exposed.length > 0
      ? ` The token travels in a ${unique(exposed.map((s) => (s.where.includes('cookie') ? 'cookie' : 'URL'))).join(' and ')}.`
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

/** `pii-value-pattern`: personal data found by value (pattern + checksum) in header or claims. */
export const checkPiiValuePattern: TokenRule = ({ record, policy }) => {
  const header = usableHeader(record.token);
  if (!header) return [];
  const claims = usableClaims(record.token);
  const skipNamed = policy.pii.oidcClaims;
  const inClaims = claims
    ? findPiiValues(
        walkJson(claims).leaves,
        policy.pii,
        (leaf) => skipNamed && oidcClaimName(leaf.key) !== undefined,
      )
    : [];
  const inHeader = findPiiValues(walkJson(header).leaves, policy.pii).map((m) => ({
    ...m,
    path: `header.${m.path}`,
  }));
  const found = [...inHeader, ...inClaims];
  if (found.length === 0) return [];
  const described = unique(found.map((f) => `${f.path}: ${f.kind}`));
  const hit: RuleHit = {
    ruleId: 'pii-value-pattern',
    detail: `Personal data found by value: ${summarize(described)}.`,
    evidence: found.slice(0, MAX_EVIDENCE).map((f) => masked(`${f.path}: ${f.kind}`, f.value)),
  };
  return [hit];
};

/** `secret-in-payload`: passwords, hashes, client secrets, API or private keys inside the claims. */
export const checkSecretInPayload: TokenRule = ({ record, policy }) => {
  const claims = usableClaims(record.token);
  if (!claims || !policy.pii.secrets) return [];
  const found = findSecrets(walkJson(claims).leaves);
  if (found.length === 0) return [];
  const described = unique(found.map((f) => `${f.path}: ${f.kind}`));
  return [
    {
      ruleId: 'secret-in-payload',
      detail: `Secret-like claims readable by anyone holding the token: ${summarize(described)}.`,
      evidence: found.slice(0, MAX_EVIDENCE).map((f) => masked(f.path, f.value)),
    },
  ];
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

/** `authz-claims-visible`: roles, scopes, groups or admin flags the client can read (info, for review). */
export const checkAuthzClaimsVisible: TokenRule = ({ record }) => {
  const claims = usableClaims(record.token);
  if (!claims) return [];
  const keys = Object.keys(claims).filter((k) => AUTHZ_NAMES.has(normalizeClaimName(k)));
  if (keys.length === 0) return [];
  const evidence = keys.slice(0, MAX_EVIDENCE).map((k) => {
    const raw = evidenceText(claims[k]);
    return { label: k, value: raw.length > 80 ? `${raw.slice(0, 79)}…` : raw, raw };
  });
  return [
    {
      ruleId: 'authz-claims-visible',
      detail: `Authorization claims visible to the client: ${listNames(keys.slice(0, 8))}.`,
      evidence,
    },
  ];
};

/** Rules about personal data, secrets and authorization data in the token. */
export const PII_RULES: readonly TokenRule[] = [
  checkPiiOidcClaims,
  checkPiiValuePattern,
  checkSecretInPayload,
  checkAuthzClaimsVisible,
];
