import { ruleInfo } from '../rules/catalog';
import type { CaptureHit, Evidence, Finding, Policy, RuleHit, Severity, TokenRecord } from '../types';

/** Severities, most severe first; the index is the rank used for sorting and `--fail-on`. */
export const SEVERITY_ORDER: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

/** Rank of a severity: 0 for critical … 4 for info. */
export function severityRank(severity: Severity): number {
  return SEVERITY_ORDER.indexOf(severity);
}

/**
 * The evidence of a finding whose hit gave none: one frozen empty list for all of them, instead of a
 * fresh `[]` kept alive by each of a large audit's findings.
 */
const NO_EVIDENCE: Evidence[] = Object.freeze([]) as unknown as Evidence[];

/**
 * Turns a rule hit into a finding: catalog facts, policy severity override, default sightings (the
 * record's, or `recordSightingIds` when the caller already listed them for all of a token's findings).
 */
export function toFinding(
  hit: RuleHit,
  fingerprint: string,
  record: TokenRecord | undefined,
  policy: Policy,
  recordSightingIds?: string[],
): Finding {
  const info = ruleInfo(hit.ruleId);
  return {
    ruleId: hit.ruleId,
    severity: policy.severityOverrides[hit.ruleId] ?? hit.severity ?? info?.severity ?? 'info',
    title: info?.title ?? hit.ruleId,
    why: info?.why ?? '',
    detail: hit.detail,
    evidence: hit.evidence ?? NO_EVIDENCE,
    references: info?.references ?? [],
    fingerprint,
    sightingIds: hit.sightingIds?.length
      ? hit.sightingIds
      : (recordSightingIds ?? record?.sightings.map((s) => s.id) ?? []),
  };
}

/** True when the policy's ignore list silences this finding. */
export function isIgnored(finding: Finding, record: TokenRecord | undefined, policy: Policy): boolean {
  if (policy.ignore.length === 0) return false;
  const iss = record?.token.claims?.iss;
  return policy.ignore.some(
    (entry) =>
      entry.ruleId === finding.ruleId &&
      (entry.fingerprint === undefined || entry.fingerprint === finding.fingerprint) &&
      (entry.issuer === undefined || entry.issuer === iss),
  );
}

/** The more severe of two findings saying the same thing (the first on a tie), with the sightings of both. */
export function mergePair(seen: Finding, finding: Finding): Finding {
  const keep = severityRank(finding.severity) < severityRank(seen.severity) ? finding : seen;
  const other = keep === seen ? finding : seen;
  return { ...keep, sightingIds: [...new Set([...keep.sightingIds, ...other.sightingIds])] };
}

/**
 * Merges findings that say the same thing twice: the same rule on the same token (a token rule and a
 * capture rule may both report `alg-confusion-indicator`), or, for exchange findings with no token, the
 * same detail. The more severe one wins; sightings are joined; the merged finding keeps the first one's
 * place. Positions are grouped per token (or detail) and searched linearly, since a token has only a few
 * findings: cheaper than building a composite string key for each of 100,000 findings.
 */
export function mergeFindings(findings: readonly Finding[]): Finding[] {
  const out: Finding[] = [];
  const byScope = new Map<string, number[]>();
  for (const finding of findings) {
    // Fingerprints are hex, so a NUL-led detail cannot collide with one.
    const scope = finding.fingerprint || `\u0000${finding.detail}`;
    let slots = byScope.get(scope);
    if (!slots) {
      slots = [];
      byScope.set(scope, slots);
    }
    let at = -1;
    for (const slot of slots) if ((out[slot] as Finding).ruleId === finding.ruleId) at = slot;
    if (at < 0) {
      slots.push(out.length);
      out.push(finding);
    } else out[at] = mergePair(out[at] as Finding, finding);
  }
  return out;
}

/** Groups capture-wide hits by the token they concern. */
export function groupByFingerprint(hits: readonly CaptureHit[]): Map<string, CaptureHit[]> {
  const groups = new Map<string, CaptureHit[]>();
  for (const hit of hits) {
    const list = groups.get(hit.fingerprint);
    if (list) list.push(hit);
    else groups.set(hit.fingerprint, [hit]);
  }
  return groups;
}
