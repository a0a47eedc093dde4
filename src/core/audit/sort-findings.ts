import type { Finding } from '../types';
import { severityRank } from './findings';

/**
 * Ranks of `ids` in `localeCompare` order; ids that compare equal share a rank. A capture has a few dozen
 * distinct rule ids but tens of thousands of findings: collating each id once, then comparing integers,
 * gives the exact order a `localeCompare` comparator would, without an ICU call per comparison.
 */
function collationRanks(ids: ReadonlySet<string>): Map<string, number> {
  const sorted = [...ids].sort((a, b) => a.localeCompare(b));
  const ranks = new Map<string, number>();
  let rank = 0;
  for (let i = 0; i < sorted.length; i++) {
    const id = sorted[i] as string;
    if (i > 0 && (sorted[i - 1] as string).localeCompare(id) !== 0) rank++;
    ranks.set(id, rank);
  }
  return ranks;
}

/**
 * Findings most severe first, then in order of their token's first sighting (`orderOf`: -1 for exchange
 * findings with no token), then by rule id; ties keep their input order (the sort is stable). The sort
 * keys are computed once per finding, not once per comparison.
 */
export function sortFindings(findings: readonly Finding[], orderOf: (fingerprint: string) => number): Finding[] {
  const n = findings.length;
  const ids = new Set<string>();
  for (const finding of findings) ids.add(finding.ruleId);
  const ranks = collationRanks(ids);
  const severity = new Int32Array(n);
  const order = new Float64Array(n);
  const rule = new Int32Array(n);
  const indices = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const finding = findings[i] as Finding;
    severity[i] = severityRank(finding.severity);
    order[i] = orderOf(finding.fingerprint);
    rule[i] = ranks.get(finding.ruleId) ?? 0;
    indices[i] = i;
  }
  indices.sort(
    (a, b) =>
      (severity[a] as number) - (severity[b] as number) ||
      (order[a] as number) - (order[b] as number) ||
      (rule[a] as number) - (rule[b] as number),
  );
  return indices.map((i) => findings[i] as Finding);
}
