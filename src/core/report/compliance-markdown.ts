import { RULE_CATALOG } from '../rules/catalog';
import type { AuditResult, Finding, RuleInfo, Severity, Sighting } from '../types';
import { groupByStandard, type RequirementGroup, type StandardGroup } from './group-by-standard';
import { summarize } from './json-report';
import { capitalize, code, describeSighting, escapeText, reportHeader } from './markdown';
import { createReportContext, type ReportContext, SEVERITIES } from './report-context';
import type { ReportOptions } from './report-types';

/** Findings of one rule listed under one requirement; the count is always exact, the JSON report has them all. */
const MAX_FINDINGS_PER_RULE = 25;
/** Requests listed under a finding, as in the Markdown report. */
const MAX_SEEN_IN = 3;

const PREAMBLE = [
  'Findings are filed under every requirement they cite, so a finding citing several appears under each.',
  'A requirement with no finding is one the listed rules check and found nothing against in this capture:',
  'absence of a finding is not proof of compliance.',
].join(' ');

/** What each requirement's section needs to describe a finding without a second pass over the result. */
export interface Lookup {
  ctx: ReportContext;
  sightings: Map<string, Sighting>;
  masked: Map<string, string>;
}

/**
 * The compliance view: the same findings as `toMarkdown`, filed by standard and requirement (RFC 8725
 * §3.1, OWASP ASVS 5.0 9.1.1, CWE-347…) so an auditor can attach each requirement's section as
 * evidence. Opens with which requirements have findings; every requirement the catalog cites is
 * listed with the rules that check it. Redacted exactly like the Markdown report unless `includeRaw`.
 */
export function toComplianceMarkdown(
  result: AuditResult,
  opts: ReportOptions,
  catalog: readonly RuleInfo[] = RULE_CATALOG,
): string {
  const lookup = createLookup(result, opts);
  const { ctx } = lookup;
  const standards = groupByStandard(result.findings, catalog);
  const lines = [...reportHeader('JWT Lens compliance report', result, opts, ctx), PREAMBLE, ''];
  lines.push(...summarySection(result, standards));
  for (const standard of standards) lines.push(...standardSection(standard, lookup));
  const unmapped = result.findings.filter((f) => f.references.length === 0);
  if (unmapped.length > 0) {
    lines.push('## Findings citing no standard', '');
    for (const group of byRule(unmapped)) lines.push(...ruleBlock(group, lookup));
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** Redaction context, sightings by id and masked tokens: what a finding's Markdown needs. */
export function createLookup(result: AuditResult, opts: ReportOptions): Lookup {
  const ctx = createReportContext(result, opts.includeRaw);
  const sightings = new Map<string, Sighting>();
  for (const record of result.tokens) for (const s of record.sightings) sightings.set(s.id, s);
  const masked = new Map(result.tokens.map((r) => [r.token.fingerprint, ctx.show(r.token.text)]));
  return { ctx, sightings, masked };
}

function summarySection(result: AuditResult, standards: readonly StandardGroup[]): string[] {
  const summary = summarize(result);
  const rows = standards.map((s) => {
    const hit = s.requirements.filter((r) => r.findings.length > 0);
    const findings = new Set(hit.flatMap((r) => r.findings)).size;
    const ids = hit.map((r) => escapeText(r.reference.id)).join(', ') || '—';
    return `| ${escapeText(s.standard)} | ${s.requirements.length} | ${hit.length} | ${findings} | ${ids} |`;
  });
  return [
    '## Summary',
    '',
    `${summary.findings} finding(s) on ${summary.tokens} distinct token(s); ${result.ignoredCount} finding(s) ignored by policy.`,
    '',
    '| Standard | Requirements cited by rules | With findings | Findings | Requirements with findings |',
    '| --- | ---: | ---: | ---: | --- |',
    ...rows,
    '',
  ];
}

function standardSection(standard: StandardGroup, lookup: Lookup): string[] {
  const lines = [`## ${escapeText(standard.standard)}: ${escapeText(standard.title)}`, ''];
  lines.push('| Requirement | Findings | Highest | Checked by |', '| --- | ---: | --- | --- |');
  for (const requirement of standard.requirements) {
    const highest = highestSeverity(requirement.findings);
    const rules = requirement.ruleIds.map(code).join(', ') || '—';
    lines.push(
      `| ${escapeText(requirement.label)} | ${requirement.findings.length} | ${highest ? capitalize(highest) : '—'} | ${rules} |`,
    );
  }
  lines.push('');
  for (const requirement of standard.requirements) {
    if (requirement.findings.length > 0) lines.push(...requirementSection(requirement, lookup));
  }
  return lines;
}

function requirementSection(requirement: RequirementGroup, lookup: Lookup): string[] {
  const lines = [`### ${escapeText(requirement.label)}`, ''];
  for (const group of byRule(requirement.findings)) lines.push(...ruleBlock(group, lookup));
  return lines;
}

/** Findings of one rule together, rules in order of their most severe finding (the result is sorted so). */
export function byRule(findings: readonly Finding[]): Finding[][] {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) {
    const key = `${finding.severity}\u0000${finding.ruleId}`;
    const group = groups.get(key);
    if (group) group.push(finding);
    else groups.set(key, [finding]);
  }
  return [...groups.values()];
}

export function ruleBlock(group: readonly Finding[], lookup: Lookup): string[] {
  const first = group[0];
  if (!first) return [];
  const head = `**${capitalize(first.severity)}** · ${code(first.ruleId)} · ${escapeText(first.title)}`;
  const lines = [`${head} (${group.length} finding${group.length === 1 ? '' : 's'})`, ''];
  for (const finding of group.slice(0, MAX_FINDINGS_PER_RULE)) lines.push(...findingItem(finding, lookup));
  if (group.length > MAX_FINDINGS_PER_RULE) {
    lines.push(`- …and ${group.length - MAX_FINDINGS_PER_RULE} more (the JSON report lists every finding)`);
  }
  lines.push('');
  return lines;
}

function findingItem(finding: Finding, { ctx, sightings, masked }: Lookup): string[] {
  const fp = finding.fingerprint;
  const subject = fp ? `Token ${code(fp)} ${code(masked.get(fp) ?? '')}` : 'Exchange (no token)';
  const lines = [`- ${subject}: ${escapeText(ctx.scrub(finding.detail, fp))}`];
  const seen = finding.sightingIds
    .map((id) => sightings.get(id))
    .filter((s): s is Sighting => s !== undefined);
  for (const s of seen.slice(0, MAX_SEEN_IN)) lines.push(`  - Seen in: ${describeSighting(s, ctx, fp)}`);
  if (seen.length > MAX_SEEN_IN) lines.push(`  - …and ${seen.length - MAX_SEEN_IN} more request(s)`);
  for (const e of finding.evidence) {
    const value = ctx.includeRaw ? (e.raw ?? e.value) : ctx.scrub(e.value, fp);
    lines.push(`  - Evidence: ${escapeText(ctx.scrub(e.label, fp))}: ${code(value)}`);
  }
  return lines;
}

function highestSeverity(findings: readonly Finding[]): Severity | undefined {
  return SEVERITIES.find((severity) => findings.some((f) => f.severity === severity));
}
