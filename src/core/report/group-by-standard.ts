import type { Finding, Reference, RuleInfo } from '../types';
import { formatReference } from './format-reference';

export type Standard = Reference['standard'];

/**
 * Standards in the order an auditor files them: the JWT best practices, the verification standards and
 * weakness ids audits map to, then the specifications and advisories the catalog also cites. A `Record`
 * keyed by every standard, so adding one to `Reference` without a title here fails to compile.
 */
const STANDARD_TITLES: Record<Standard, string> = {
  'RFC 8725': 'JSON Web Token Best Current Practices',
  'OWASP ASVS 5.0': 'OWASP Application Security Verification Standard 5.0',
  CWE: 'Common Weakness Enumeration',
  'NIST SP 800-63B-4': 'NIST Digital Identity Guidelines: Authentication and Authenticator Management',
  'RFC 7519': 'JSON Web Token (JWT)',
  'RFC 7515': 'JSON Web Signature (JWS)',
  'RFC 7516': 'JSON Web Encryption (JWE)',
  'RFC 7518': 'JSON Web Algorithms (JWA)',
  'RFC 9068': 'JWT Profile for OAuth 2.0 Access Tokens',
  'RFC 6749': 'The OAuth 2.0 Authorization Framework',
  'RFC 6750': 'OAuth 2.0 Bearer Token Usage',
  'RFC 7009': 'OAuth 2.0 Token Revocation',
  'RFC 9700': 'Best Current Practice for OAuth 2.0 Security',
  'RFC 9449': 'OAuth 2.0 Demonstrating Proof of Possession (DPoP)',
  'RFC 6265': 'HTTP State Management Mechanism (cookies)',
  'RFC 7797': 'JWS Unencoded Payload Option',
  'RFC 8037': 'CFRG Elliptic Curve Signatures in JOSE',
  'RFC 9864': 'Fully-Specified Algorithms for JOSE and COSE',
  'RFC 9964': 'ML-DSA for JOSE and COSE',
  'OIDC Core': 'OpenID Connect Core 1.0',
  'OIDC Back-Channel Logout 1.0': 'OpenID Connect Back-Channel Logout 1.0',
  'OWASP API Top 10 2023': 'OWASP API Security Top 10 (2023)',
  'OWASP JWT Cheat Sheet': 'OWASP JSON Web Token Cheat Sheet',
  CVE: 'Known vulnerabilities (CVE)',
};

const STANDARD_ORDER = Object.keys(STANDARD_TITLES) as Standard[];

/** One requirement of a standard, the findings that cite it and the rules that can. */
export interface RequirementGroup {
  reference: Reference;
  /** `RFC 8725 §3.1`, `CWE-347`: as every other report writes it. */
  label: string;
  /** Findings citing it, in the result's order (most severe first). */
  findings: Finding[];
  /** Catalog rules that cite it: what JWT Lens checks for this requirement. */
  ruleIds: string[];
}

export interface StandardGroup {
  standard: Standard;
  title: string;
  requirements: RequirementGroup[];
}

/**
 * Findings filed under every requirement they reference, requirements under their standard. The catalog
 * adds requirements no finding cites (with their rules), so the view also shows what was checked and
 * found clean. A finding with several references appears under each one: that is what makes each
 * requirement's section complete evidence on its own.
 */
export function groupByStandard(findings: readonly Finding[], catalog: readonly RuleInfo[]): StandardGroup[] {
  const requirements = new Map<string, RequirementGroup>();
  const entry = (reference: Reference) => {
    const key = `${reference.standard}\u0000${reference.id}`;
    let group = requirements.get(key);
    if (!group) {
      group = { reference, label: formatReference(reference), findings: [], ruleIds: [] };
      requirements.set(key, group);
    }
    return group;
  };
  for (const rule of catalog)
    for (const reference of rule.references) addOnce(entry(reference).ruleIds, rule.id);
  for (const finding of findings)
    for (const reference of uniqueReferences(finding.references)) entry(reference).findings.push(finding);
  const byStandard = new Map<Standard, RequirementGroup[]>();
  for (const group of requirements.values()) {
    const list = byStandard.get(group.reference.standard) ?? [];
    list.push(group);
    byStandard.set(group.reference.standard, list);
  }
  return STANDARD_ORDER.filter((standard) => byStandard.has(standard)).map((standard) => ({
    standard,
    title: STANDARD_TITLES[standard],
    requirements: (byStandard.get(standard) ?? []).sort((a, b) => compareIds(a.reference.id, b.reference.id)),
  }));
}

/** A catalog entry may cite a requirement twice (two sections of one RFC map to one id): count it once. */
function uniqueReferences(references: readonly Reference[]): Reference[] {
  const seen = new Set<string>();
  return references.filter((r) => {
    const key = `${r.standard}\u0000${r.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function addOnce(list: string[], item: string): void {
  if (!list.includes(item)) list.push(item);
}

/**
 * Requirement ids in reading order: numbers compared as numbers (`§3.2` before `§3.10`, `9.2.1` before
 * `10.1.1`, `CWE-20` before `CWE-347`), everything else as text. Deterministic, unlike locale collation.
 */
export function compareIds(a: string, b: string): number {
  const left = a.match(/\d+|\D+/g) ?? [];
  const right = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const x = left[i] ?? '';
    const y = right[i] ?? '';
    if (x === y) continue;
    const bothNumbers = /^\d/.test(x) && /^\d/.test(y);
    if (bothNumbers && Number(x) !== Number(y)) return Number(x) - Number(y);
    return x < y ? -1 : 1;
  }
  return left.length - right.length;
}
