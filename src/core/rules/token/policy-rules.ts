import type { HostExpectation, RuleHit, Sighting, TokenRule } from '../../types';
import { hostOf } from './related-host';
import { algOf, audiencesOf, has, listNames, NO_HITS, show, usableClaims, usableHeader } from './token-parts';

/** `alg-not-allowed`: an `alg` outside the policy's allowlist (RFC 8725 §3.1, ASVS 9.1.2). */
export const checkAlgNotAllowed: TokenRule = ({ record, policy }) => {
  const header = usableHeader(record.token);
  const allowed = policy.allowedAlgorithms;
  if (!header || allowed === null) return NO_HITS;
  const alg = algOf(header);
  if (alg !== undefined && allowed.includes(alg)) return NO_HITS;
  const list = allowed.length > 0 ? listNames(allowed.map((a) => `"${a}"`)) : 'nothing';
  return [
    {
      ruleId: 'alg-not-allowed',
      detail: `alg ${show(header.alg)} is not allowed by the policy (allowed: ${list}).`,
    },
  ];
};

/** `*.example.com` matches any host ending in `.example.com` (one or more labels); others match exactly. */
export function matchesHost(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase();
  const h = host.toLowerCase();
  return p.startsWith('*.') ? h.endsWith(p.slice(1)) && h.length > p.length - 1 : h === p;
}

interface Applicable {
  expectation: HostExpectation;
  sightings: Sighting[];
  host: string;
}

/** Expectations that apply to some sighting's request host, with those sightings. */
function applicable(expectations: readonly HostExpectation[], sightings: readonly Sighting[]): Applicable[] {
  const out: Applicable[] = [];
  for (const expectation of expectations) {
    const hosts = sightings.map((s) => hostOf(s.url));
    const matching = sightings.filter((_, i) => {
      const host = hosts[i];
      return host !== undefined && matchesHost(expectation.host, host);
    });
    if (matching.length > 0)
      out.push({ expectation, sightings: matching, host: hostOf(matching[0]?.url ?? '') ?? '' });
  }
  return out;
}

/** One hit per expectation whose list does not contain the token's value(s). */
function createExpectationRule(
  ruleId: string,
  field: 'issuers' | 'audiences',
  claim: 'iss' | 'aud',
): TokenRule {
  const rule: TokenRule = ({ record, policy }) => {
    const claims = usableClaims(record.token);
    if (!claims || policy.expectations.length === 0) return NO_HITS;
    const values =
      claim === 'iss' ? (typeof claims.iss === 'string' ? [claims.iss] : []) : audiencesOf(claims.aud);
    const hits: RuleHit[] = [];
    for (const { expectation, sightings, host } of applicable(policy.expectations, record.sightings)) {
      const expected = expectation[field];
      if (!expected || values.some((v) => expected.includes(v))) continue;
      const seen = has(claims, claim) ? `${claim} ${show(claims[claim])}` : `no ${claim}`;
      hits.push({
        ruleId,
        detail: `Sent to ${host} (policy "${expectation.host}") with ${seen}; expected ${listNames(expected.map((e) => show(e)))}.`,
        sightingIds: sightings.map((s) => s.id),
      });
    }
    return hits;
  };
  Object.defineProperty(rule, 'name', { value: `check-${ruleId}` });
  return rule;
}

export const checkIssUnexpected = createExpectationRule('iss-unexpected', 'issuers', 'iss');
export const checkAudUnexpected = createExpectationRule('aud-unexpected', 'audiences', 'aud');

/** `claim-required-missing`: claims the policy requires (`requiredClaims`, top-level names). */
export const checkRequiredClaims: TokenRule = ({ record, policy }) => {
  const claims = usableClaims(record.token);
  if (!claims || policy.requiredClaims.length === 0) return NO_HITS;
  const absent = policy.requiredClaims.filter((c) => !has(claims, c) || claims[c] === null);
  if (absent.length === 0) return NO_HITS;
  return [
    {
      ruleId: 'claim-required-missing',
      detail: `Claims required by the policy are missing: ${listNames(absent.map((c) => `"${c}"`))}.`,
    },
  ];
};

/** Rules driven by the user's policy. */
export const POLICY_RULES: readonly TokenRule[] = [
  checkAlgNotAllowed,
  checkIssUnexpected,
  checkAudUnexpected,
  checkRequiredClaims,
];
