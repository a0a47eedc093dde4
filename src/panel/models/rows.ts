import { severityRank } from '../../core/audit';
import type { AuditResult, Finding, Severity } from '../../core/types';
import { type TokenRow, toTokenRowBase } from './token-row';

/** The list's filters. Empty strings mean "no filter". */
export interface Filters {
  /** Free text, matched case-insensitively against issuer, subject, where, hosts, fingerprint, token text. */
  text: string;
  /** Keep tokens with at least one finding this severe or worse; `''` keeps everything. */
  severity: Severity | '';
  host: string;
  rule: string;
}

export const EMPTY_FILTERS: Filters = { text: '', severity: '', host: '', rule: '' };

/** One row per token, in the audit's order (first sighting first), findings joined by fingerprint. */
export function buildRows(result: AuditResult): TokenRow[] {
  const byFingerprint = groupFindings(result.findings);
  return result.tokens.map((record) => {
    const base = toTokenRowBase(record);
    const findings = byFingerprint.get(base.fingerprint) ?? [];
    let severity: Severity | null = null;
    for (const f of findings) {
      if (severity === null || severityRank(f.severity) < severityRank(severity)) severity = f.severity;
    }
    return {
      ...base,
      severity,
      findingCount: findings.length,
      ruleIds: [...new Set(findings.map((f) => f.ruleId))],
    };
  });
}

/** Findings per token fingerprint. */
export function groupFindings(findings: readonly Finding[]): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  for (const finding of findings) {
    const list = out.get(finding.fingerprint);
    if (list) list.push(finding);
    else out.set(finding.fingerprint, [finding]);
  }
  return out;
}

/** Applies the filters; pure, so the model derives it with `computed`. */
export function filterRows(rows: readonly TokenRow[], filters: Filters): TokenRow[] {
  const text = filters.text.trim().toLowerCase();
  const limit = filters.severity === '' ? null : severityRank(filters.severity);
  if (!text && limit === null && !filters.host && !filters.rule) return rows as TokenRow[];
  return rows.filter(
    (row) =>
      (!text || row.haystack.includes(text)) &&
      (limit === null || (row.severity !== null && severityRank(row.severity) <= limit)) &&
      (!filters.host || row.hosts.includes(filters.host)) &&
      (!filters.rule || row.ruleIds.includes(filters.rule)),
  );
}

/** Distinct values for the host and rule filter menus, sorted. */
export function filterOptions(rows: readonly TokenRow[]): { hosts: string[]; rules: string[] } {
  const hosts = new Set<string>();
  const rules = new Set<string>();
  for (const row of rows) {
    for (const host of row.hosts) hosts.add(host);
    for (const rule of row.ruleIds) rules.add(rule);
  }
  return { hosts: [...hosts].sort(), rules: [...rules].sort() };
}
