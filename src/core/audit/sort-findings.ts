import type { Finding } from '../types';
import { severityRank } from './findings';

/**
 * Rule ids seen so far, in `localeCompare` order, and each one's rank (ids that compare equal share one).
 * A capture has tens of thousands of findings but a few dozen rule ids from a fixed catalog: collating
 * each id once, then comparing integers, gives the order a `localeCompare` comparator would.
 */
const collated: string[] = [];
const ranks = new Map<string, number>();

/** Ranks every rule id of `findings`, re-collating once if some id is new (rare: the catalog is fixed). */
function rankRuleIds(findings: readonly Finding[]): Map<string, number> {
  // A bound, in case ids ever come from outside the catalog.
  if (collated.length > 4096) {
    collated.length = 0;
    ranks.clear();
  }
  let added = false;
  for (const finding of findings) {
    if (ranks.has(finding.ruleId) || collated.includes(finding.ruleId)) continue;
    collated.push(finding.ruleId);
    added = true;
  }
  if (!added) return ranks;
  collated.sort((a, b) => a.localeCompare(b));
  ranks.clear();
  let next = 0;
  for (let i = 0; i < collated.length; i++) {
    const id = collated[i] as string;
    if (i > 0 && (collated[i - 1] as string).localeCompare(id) !== 0) next++;
    ranks.set(id, next);
  }
  return ranks;
}

/**
 * Findings most severe first, then in order of their token's first sighting (`orders[i]` for
 * `findings[i]`: -1 for exchange findings with no token), then by rule id; ties keep their input order
 * (the sort is stable). The sort keys are computed once per finding, not once per comparison.
 */
export function sortFindings(findings: readonly Finding[], orders: readonly number[]): Finding[] {
  const n = findings.length;
  const rankOf = rankRuleIds(findings);
  const severity = new Int32Array(n);
  const rule = new Int32Array(n);
  const indices = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const finding = findings[i] as Finding;
    severity[i] = severityRank(finding.severity);
    rule[i] = rankOf.get(finding.ruleId) ?? 0;
    indices[i] = i;
  }
  indices.sort(
    (a, b) =>
      (severity[a] as number) - (severity[b] as number) ||
      (orders[a] as number) - (orders[b] as number) ||
      (rule[a] as number) - (rule[b] as number),
  );
  return indices.map((i) => findings[i] as Finding);
}
