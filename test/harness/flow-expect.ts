import { SEVERITY_ORDER } from '../../src/core/audit/findings';
import type { JsonFinding, JsonReport, JsonToken } from '../../src/core/report/report-types';
import type { Severity } from '../../src/core/types';

/**
 * A local matcher for `test/corpus/flows/<name>.expect.json` (test/corpus/FORMAT.md) against a JSON
 * report, until the shared corpus scorer replaces it. Every unmet expectation becomes one line, so a
 * failing test says exactly which token, rule and list it was.
 */

/** Which tokens an expectation applies to; every field optional (FORMAT.md). */
export interface TokenSelector {
  purpose?: string;
  kind?: string;
  where?: string;
  name?: string;
  issuer?: string;
}

interface RuleLists {
  required?: string[];
  allowed?: string[];
  forbidden?: string[];
  /** Extension of FORMAT.md: the most severe a rule may fire at (e.g. loopback transport at low). */
  maxSeverity?: Record<string, Severity>;
}

export interface FlowExpectation extends RuleLists {
  select: TokenSelector;
  why?: string;
}

export interface FlowExpectFile {
  source: { title: string; url: string; licence: string; package?: string; version?: string };
  tokens: FlowExpectation[];
  exchange?: RuleLists;
  others?: 'forbid' | 'ignore';
}

function matches(token: JsonToken, select: TokenSelector): boolean {
  const sightingOk = token.sightings.some(
    (s) =>
      (select.where === undefined || s.where === select.where) &&
      (select.name === undefined || s.name.toLowerCase() === select.name.toLowerCase()),
  );
  return (
    (select.purpose === undefined || token.purpose === select.purpose) &&
    (select.kind === undefined || token.kind === select.kind) &&
    (select.issuer === undefined || (token.iss ?? '').startsWith(select.issuer)) &&
    sightingOk
  );
}

function describeSelector(select: TokenSelector): string {
  return Object.entries(select)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

/** The union of the lists of every expectation (forbidden wins over allowed, FORMAT.md). */
function mergeLists(lists: RuleLists[]): Required<RuleLists> {
  const merged = { required: [] as string[], allowed: [] as string[], forbidden: [] as string[] };
  const maxSeverity: Record<string, Severity> = {};
  for (const list of lists) {
    merged.required.push(...(list.required ?? []));
    merged.allowed.push(...(list.allowed ?? []));
    merged.forbidden.push(...(list.forbidden ?? []));
    Object.assign(maxSeverity, list.maxSeverity ?? {});
  }
  return { ...merged, maxSeverity };
}

const moreSevere = (a: Severity, b: Severity): boolean =>
  SEVERITY_ORDER.indexOf(a) < SEVERITY_ORDER.indexOf(b);

/** Checks one subject's findings (a token's, or the exchange findings) against merged lists. */
function checkFindings(label: string, findings: JsonFinding[], lists: Required<RuleLists>): string[] {
  const problems: string[] = [];
  const fired = new Set(findings.map((f) => f.ruleId));
  for (const rule of lists.required) {
    if (!fired.has(rule)) problems.push(`${label}: required ${rule} did not fire`);
  }
  const reported = new Set<string>();
  for (const finding of findings) {
    const what = `${finding.ruleId} (${finding.severity})`;
    const key = `${finding.ruleId} ${finding.severity}`;
    if (reported.has(key)) continue;
    reported.add(key);
    if (lists.forbidden.includes(finding.ruleId)) problems.push(`${label}: forbidden ${what} fired`);
    else if (!lists.required.includes(finding.ruleId) && !lists.allowed.includes(finding.ruleId))
      problems.push(`${label}: unexpected ${what} fired (not required or allowed)`);
    const max = lists.maxSeverity[finding.ruleId];
    if (max && moreSevere(finding.severity, max)) problems.push(`${label}: ${what} is above ${max}`);
  }
  return problems;
}

/** Every expectation of `expect` that `report` does not meet, one line each; `[]` when all are met. */
export function unmetExpectations(expect: FlowExpectFile, report: JsonReport): string[] {
  const problems: string[] = [];
  const applying = new Map<JsonToken, FlowExpectation[]>();
  expect.tokens.forEach((expectation, index) => {
    const selected = report.tokens.filter((t) => matches(t, expectation.select));
    if (selected.length === 0)
      problems.push(`selector #${index + 1} (${describeSelector(expectation.select)}) matched no token`);
    for (const token of selected) applying.set(token, [...(applying.get(token) ?? []), expectation]);
  });
  for (const token of report.tokens) {
    const findings = report.findings.filter((f) => f.fingerprint === token.fingerprint);
    const label = `${token.purpose} ${token.kind} token ${token.fingerprint.slice(0, 12)}`;
    const expectations = applying.get(token);
    if (expectations) problems.push(...checkFindings(label, findings, mergeLists(expectations)));
    else if (expect.others !== 'ignore')
      problems.push(...findings.map((f) => `${label} (no selector): ${f.ruleId} (${f.severity}) fired`));
  }
  const exchange = report.findings.filter((f) => f.fingerprint === '');
  problems.push(...checkFindings('exchange', exchange, mergeLists([expect.exchange ?? {}])));
  return problems;
}
