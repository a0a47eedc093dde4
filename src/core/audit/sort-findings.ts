import type { Finding } from '../types';
import { SEVERITY_ORDER, severityRank } from './findings';

/** Severities a finding can have. */
const SEVERITY_COUNT = SEVERITY_ORDER.length;

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
 * (the sort is stable). Each finding's keys and its index are packed into one number, so a native
 * numeric sort of a Float64Array does the work: no comparator call per comparison, and the index as the
 * last key makes the order stable. Audits too large to pack exactly fall back to a comparator sort.
 */
export function sortFindings(findings: readonly Finding[], orders: readonly number[]): Finding[] {
  const n = findings.length;
  const rankOf = rankRuleIds(findings);
  // Key ranges: severity rank -1 (unknown) … 4, order -1 … max, rule rank 0 … max, index 0 … n - 1.
  let maxOrder = -1;
  for (let i = 0; i < n; i++) maxOrder = Math.max(maxOrder, orders[i] ?? -1);
  const severities = SEVERITY_COUNT + 1;
  const orderSpan = maxOrder + 2;
  const ruleSpan = rankOf.size + 1;
  if (severities * orderSpan * ruleSpan * Math.max(n, 1) > Number.MAX_SAFE_INTEGER) {
    return sortByComparator(findings, orders, rankOf);
  }
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const finding = findings[i] as Finding;
    const severity = severityRank(finding.severity) + 1;
    const order = (orders[i] ?? -1) + 1;
    const rule = rankOf.get(finding.ruleId) ?? 0;
    keys[i] = ((severity * orderSpan + order) * ruleSpan + rule) * n + i;
  }
  keys.sort();
  const out = new Array<Finding>(n);
  // `%` on doubles is exact, and every key is below 2^53, so the index comes back exactly.
  for (let i = 0; i < n; i++) out[i] = findings[(keys[i] as number) % n] as Finding;
  return out;
}

/** The same order by a comparator over precomputed keys, for audits too large to pack into one number. */
function sortByComparator(
  findings: readonly Finding[],
  orders: readonly number[],
  rankOf: ReadonlyMap<string, number>,
): Finding[] {
  const n = findings.length;
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
