import type { Finding } from '../types';
import { severityRank } from './findings';

/**
 * Rule ids seen so far, in `localeCompare` order, and each one's rank (ids that compare equal share one).
 * A capture has tens of thousands of findings but a few dozen rule ids from a fixed catalog: collating
 * each id once, then comparing integers, gives the order a `localeCompare` comparator would.
 */
const collated: string[] = [];
const ranks = new Map<string, number>();

function rankOf(ruleId: string): number {
  let rank = ranks.get(ruleId);
  if (rank === undefined) {
    // Rare (a new id): re-rank all ids; a bound keeps hostile input from growing the table.
    if (collated.length >= 4096) collated.length = 0;
    collated.push(ruleId);
    collated.sort((a, b) => a.localeCompare(b));
    ranks.clear();
    let next = 0;
    for (let i = 0; i < collated.length; i++) {
      const id = collated[i] as string;
      if (i > 0 && (collated[i - 1] as string).localeCompare(id) !== 0) next++;
      ranks.set(id, next);
    }
    rank = ranks.get(ruleId) ?? 0;
  }
  return rank;
}

/**
 * Findings most severe first, then in order of their token's first sighting (`orders[i]` for
 * `findings[i]`: -1 for exchange findings with no token), then by rule id; ties keep their input order
 * (the sort is stable). The sort keys are computed once per finding, not once per comparison.
 */
export function sortFindings(findings: readonly Finding[], orders: readonly number[]): Finding[] {
  const n = findings.length;
  const severity = new Int32Array(n);
  const rule = new Int32Array(n);
  const indices = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const finding = findings[i] as Finding;
    severity[i] = severityRank(finding.severity);
    rule[i] = rankOf(finding.ruleId);
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
