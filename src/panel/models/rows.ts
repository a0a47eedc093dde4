import { severityRank } from '../../core/audit';
import type { Finding, Severity, TokenRecord } from '../../core/types';
import { isDriftRule } from './drift';
import { haystackOf, hostsOf, type TokenRow, toTokenRowBase } from './token-row';

/** The list's filters. Empty strings mean "no filter". */
export interface Filters {
  /** Free text, matched case-insensitively against issuer, subject, where, hosts, fingerprint, token text. */
  text: string;
  /** Keep tokens with at least one finding this severe or worse; `''` keeps everything. */
  severity: Severity | '';
  host: string;
  rule: string;
  /** List order: as first seen, or most severe first (then most findings, then first seen). */
  order: ListOrder;
  /** Keep tokens with at least one drift finding (while comparing with a baseline). */
  drift: boolean;
}

export type ListOrder = 'seen' | 'severity';

export const EMPTY_FILTERS: Filters = {
  text: '',
  severity: '',
  host: '',
  rule: '',
  order: 'seen',
  drift: false,
};

/** Findings per token fingerprint, in the audit's order (most severe first). */
export type FindingIndex = ReadonlyMap<string, readonly Finding[]>;

/** Groups findings by the fingerprint of their token. */
export function groupFindings(findings: readonly Finding[]): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  for (const finding of findings) {
    const list = out.get(finding.fingerprint);
    if (list) list.push(finding);
    else out.set(finding.fingerprint, [finding]);
  }
  return out;
}

/** The most severe of the findings, `null` for none. */
function worst(findings: readonly Finding[]): Severity | null {
  let severity: Severity | null = null;
  for (const f of findings)
    if (severity === null || severityRank(f.severity) < severityRank(severity)) severity = f.severity;
  return severity;
}

/**
 * The row a token shows. Built only for rows on screen: with 10,000 tokens, building every row on every
 * update would cost more than the audit itself.
 */
export function rowOf(record: TokenRecord, index: FindingIndex): TokenRow {
  const findings = index.get(record.token.fingerprint) ?? [];
  return {
    ...toTokenRowBase(record),
    severity: worst(findings),
    findingCount: findings.length,
    ruleIds: [...new Set(findings.map((f) => f.ruleId))],
  };
}

/** Tokens with no finding sort after every severity. */
const NO_FINDING_RANK = Number.MAX_SAFE_INTEGER;

/**
 * Most severe first, then most findings; ties keep their order (Array.prototype.sort is stable), so equal
 * tokens stay in first-seen order. Returns a new array; `records` is left as it is.
 */
export function sortBySeverity(records: readonly TokenRecord[], index: FindingIndex): TokenRecord[] {
  const keyed = records.map((record) => {
    const findings = index.get(record.token.fingerprint) ?? [];
    const severity = worst(findings);
    return {
      record,
      rank: severity === null ? NO_FINDING_RANK : severityRank(severity),
      count: findings.length,
    };
  });
  keyed.sort((a, b) => a.rank - b.rank || b.count - a.count);
  return keyed.map((k) => k.record);
}

/** Filters, then orders: the records the list shows. */
export function listRecords(
  records: readonly TokenRecord[],
  index: FindingIndex,
  filters: Filters,
): TokenRecord[] {
  const kept = filterRecords(records, index, filters);
  return filters.order === 'severity' ? sortBySeverity(kept, index) : kept;
}

/** Applies the filters, keeping the audit's order; returns the input itself when no filter is set. */
export function filterRecords(
  records: readonly TokenRecord[],
  index: FindingIndex,
  filters: Filters,
): TokenRecord[] {
  const text = filters.text.trim().toLowerCase();
  const limit = filters.severity === '' ? null : severityRank(filters.severity);
  if (!text && limit === null && !filters.host && !filters.rule && !filters.drift)
    return records as TokenRecord[];
  return records.filter((record) => {
    if (text && !haystackOf(record).includes(text)) return false;
    if (filters.host && !hostsOf(record).includes(filters.host)) return false;
    const findings = index.get(record.token.fingerprint) ?? [];
    if (filters.rule && !findings.some((f) => f.ruleId === filters.rule)) return false;
    if (filters.drift && !findings.some((f) => isDriftRule(f.ruleId))) return false;
    return limit === null || findings.some((f) => severityRank(f.severity) <= limit);
  });
}

/** Distinct values for the host and rule filter menus, sorted. */
export function filterOptions(
  records: readonly TokenRecord[],
  findings: readonly Finding[],
): { hosts: string[]; rules: string[] } {
  // Plain loops: this runs on every publish, over every token and finding.
  const hosts = new Set<string>();
  for (const record of records) for (const host of hostsOf(record)) hosts.add(host);
  const rules = new Set<string>();
  for (const finding of findings) if (finding.fingerprint !== '') rules.add(finding.ruleId);
  return { hosts: [...hosts].sort(), rules: [...rules].sort() };
}
