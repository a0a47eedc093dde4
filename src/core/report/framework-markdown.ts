import type { ComplianceReport, ControlResult, ControlStatus, FrameworkResult } from '../compliance/types';
import type { AuditResult, Finding } from '../types';
import { byRule, createLookup, type Lookup, ruleBlock } from './compliance-markdown';
import { code, escapeText, reportHeader } from './markdown';
import type { ReportOptions } from './report-types';

/** Hosts named in the scope section; the JSON report lists them all. */
const MAX_HOSTS = 12;

const STATUS_LABEL: Record<ControlStatus, string> = {
  pass: 'Pass',
  fail: '**Fail**',
  'not-observed': 'Not observed',
  partial: 'Partial',
  'out-of-scope': 'Out of scope',
};

const PREAMBLE = [
  '**Pass**: the mapped checks looked at the traffic described and found nothing against the control.',
  '**Fail**: a finding of a rule that shows the control violated (after the policy’s ignores and overrides).',
  '**Not observed**: nothing in this capture the checks could look at.',
  '**Partial**: a passive capture can only partly evidence the control; the note says what an assessor still needs.',
  '**Out of scope**: excluded by the policy (with its reason).',
  'A passive capture sees what the client sent and what came back: not server configuration, key storage,',
  'logging or procedures, and not requests the capture did not record.',
].join(' ');

/**
 * The compliance view by framework (`--format md --group-by framework`): scope, then per framework a status
 * table of its controls and each failing control with its findings, redacted like the other reports.
 */
export function toFrameworkMarkdown(
  result: AuditResult,
  compliance: ComplianceReport,
  opts: ReportOptions,
): string {
  const lookup = createLookup(result, opts);
  const lines = [
    ...reportHeader('JWT Lens compliance report by framework', result, opts, lookup.ctx),
    PREAMBLE,
    '',
  ];
  lines.push(...scopeSection(compliance, lookup));
  for (const framework of compliance.frameworks)
    lines.push(...frameworkSection(framework, result.findings, lookup));
  return `${lines.join('\n').trimEnd()}\n`;
}

function scopeSection({ scope }: ComplianceReport, { ctx }: Lookup): string[] {
  const hosts = scope.hosts.slice(0, MAX_HOSTS).map(code).join(', ');
  const more = scope.hosts.length > MAX_HOSTS ? ` and ${scope.hosts.length - MAX_HOSTS} more` : '';
  const range = scope.timeRange ? `${scope.timeRange.start} – ${scope.timeRange.end} (UTC)` : 'unknown';
  return [
    '## Scope',
    '',
    `- Inputs: ${scope.inputs.map((i) => code(ctx.scrub(i))).join(', ') || 'none named'}`,
    `- Traffic: ${escapeText(range)}`,
    `- Hosts (${scope.hosts.length}): ${hosts || 'none'}${more}`,
    `- Population: ${scope.tokens} distinct token(s), ${scope.sightings} sighting(s), ${scope.requests} request(s)`,
    `- Tool: ${escapeText(`${scope.tool.name} ${scope.tool.version}`)}; policy SHA-256 ${code(scope.policyDigest)}`,
    '',
  ];
}

function frameworkSection(result: FrameworkResult, all: readonly Finding[], lookup: Lookup): string[] {
  const { framework, summary } = result;
  const counts = (Object.keys(STATUS_LABEL) as ControlStatus[])
    .filter((s) => summary[s] > 0)
    .map((s) => `${summary[s]} ${s}`)
    .join(' · ');
  const lines = [
    `## ${escapeText(`${framework.name} ${framework.version}`)}`,
    '',
    `${escapeText(framework.source)}. ${counts}.`,
    '',
    '| Control | Title | Status | Evidence | Rules |',
    '| --- | --- | --- | --- | --- |',
    ...result.controls.map(controlRow),
    '',
  ];
  for (const control of result.controls) {
    if (control.status === 'fail') lines.push(...failingControl(control, all, lookup));
  }
  return lines;
}

function controlRow(c: ControlResult): string {
  const evidence =
    c.note && c.status !== 'out-of-scope' ? `${c.evidence} Still needed: ${c.note}` : c.evidence;
  const rules = c.ruleIds.map(code).join(', ');
  return `| ${escapeText(c.control)} | ${escapeText(c.title)} | ${STATUS_LABEL[c.status]} | ${escapeText(evidence)} | ${rules} |`;
}

function failingControl(control: ControlResult, all: readonly Finding[], lookup: Lookup): string[] {
  // In the result's order (most severe first), which `byRule` expects.
  const keys = new Set(control.findings.map(keyOf));
  const findings = all.filter((f) => keys.has(keyOf(f)));
  const lines = [
    `### ${escapeText(`${control.control} ${control.title}`)}: fail`,
    '',
    escapeText(control.evidence),
    '',
  ];
  for (const group of byRule(findings)) lines.push(...ruleBlock(group, lookup));
  return lines;
}

function keyOf(finding: { ruleId: string; fingerprint: string }): string {
  return `${finding.ruleId}\u0000${finding.fingerprint}`;
}
