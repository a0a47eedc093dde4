import type { AuditResult, Finding, Sighting, TokenRecord } from '../types';
import { formatReference } from './format-reference';
import { summarize } from './json-report';
import { lifecycleSection } from './lifecycle-markdown';
import { code, escapeText } from './markdown-text';
import { probeSection } from './probe-markdown';
import {
  createReportContext,
  numericDateToIso,
  type ReportContext,
  SEVERITIES,
  stringOrNull,
  summaryOf,
} from './report-context';
import type { ReportOptions } from './report-types';

export { code, escapeText } from './markdown-text';

/** Requests listed under a finding; the JSON report has them all. */
const MAX_SEEN_IN = 3;

/**
 * A ticket-ready Markdown report: a summary table, the findings grouped by severity with why,
 * evidence and references, the token families of the session, and a table of tokens. Everything taken
 * from traffic is escaped (a hostile claim cannot inject Markdown or HTML) and redacted unless `includeRaw`.
 */
export function toMarkdown(result: AuditResult, opts: ReportOptions): string {
  const ctx = createReportContext(result, opts.includeRaw);
  const sightings = new Map<string, Sighting>();
  for (const record of result.tokens) for (const s of record.sightings) sightings.set(s.id, s);
  const masked = new Map(result.tokens.map((r) => [r.token.fingerprint, ctx.show(r.token.text)]));
  const lines = [...reportHeader('JWT Lens report', result, opts, ctx), ...summaryTable(result), ''];
  lines.push('## Findings', '');
  if (result.findings.length === 0) lines.push('No findings.', '');
  for (const severity of SEVERITIES) {
    const group = result.findings.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    lines.push(`### ${capitalize(severity)} (${group.length})`, '');
    for (const finding of group) lines.push(...findingBlock(finding, ctx, sightings, masked));
  }
  lines.push(...probeSection(opts.probes, ctx));
  lines.push(...lifecycleSection(result));
  lines.push('## Tokens', '', ...tokenTable(result.tokens, ctx, result.findings));
  return `${lines.join('\n').trimEnd()}\n`;
}

/** Title, facts (when, what, which reference time) and redaction notice: how every Markdown report opens. */
export function reportHeader(
  title: string,
  result: AuditResult,
  opts: ReportOptions,
  ctx: ReportContext,
): string[] {
  const facts = [
    `Generated ${opts.generatedAt ?? new Date().toISOString()} by ${opts.tool.name} ${opts.tool.version}`,
    `reference time ${numericDateToIso(result.referenceTime) ?? 'unknown'}`,
  ];
  if (result.timeRange) facts.push(`traffic ${result.timeRange.start} – ${result.timeRange.end}`);
  if (opts.inputs?.length) facts.push(`input ${opts.inputs.map((i) => code(ctx.scrub(i))).join(', ')}`);
  const privacy = opts.includeRaw
    ? '**Contains raw tokens and personal data: do not share.**'
    : 'Tokens are masked (signature dropped) and personal values redacted.';
  return [`# ${title}`, '', `${facts.map(escapeText).join(' · ')}`, '', privacy, ''];
}

function summaryTable(result: AuditResult): string[] {
  const summary = summarize(result);
  const rows = SEVERITIES.map((s) => `| ${capitalize(s)} | ${summary[s]} |`);
  return [
    '## Summary',
    '',
    '| Severity | Findings |',
    '| --- | ---: |',
    ...rows,
    `| **Total** | **${summary.findings}** |`,
    '',
    `${summary.tokens} distinct token(s); ${result.ignoredCount} finding(s) ignored by policy.`,
  ];
}

function findingBlock(
  finding: Finding,
  ctx: ReportContext,
  sightings: Map<string, Sighting>,
  masked: Map<string, string>,
): string[] {
  const lines = [`#### ${code(finding.ruleId)} ${escapeText(finding.title)}`, ''];
  if (finding.fingerprint) {
    lines.push(`- **Token:** ${code(finding.fingerprint)} ${code(masked.get(finding.fingerprint) ?? '')}`);
  }
  lines.push(`- **Detail:** ${escapeText(ctx.scrub(finding.detail, finding.fingerprint))}`);
  if (finding.why) lines.push(`- **Why it matters:** ${escapeText(finding.why)}`);
  for (const e of finding.evidence) {
    const value = ctx.includeRaw ? (e.raw ?? e.value) : ctx.scrub(e.value, finding.fingerprint);
    lines.push(`- **Evidence:** ${escapeText(ctx.scrub(e.label, finding.fingerprint))}: ${code(value)}`);
  }
  if (finding.references.length) {
    lines.push(
      `- **References:** ${finding.references.map((r) => escapeText(formatReference(r))).join(', ')}`,
    );
  }
  const seen = finding.sightingIds
    .map((id) => sightings.get(id))
    .filter((s): s is Sighting => s !== undefined);
  for (const s of seen.slice(0, MAX_SEEN_IN))
    lines.push(`- **Seen in:** ${describeSighting(s, ctx, finding.fingerprint)}`);
  if (seen.length > MAX_SEEN_IN) lines.push(`- …and ${seen.length - MAX_SEEN_IN} more request(s)`);
  lines.push('');
  return lines;
}

/** `GET `url` → 200 (request-header `Authorization`)`, scrubbed of the token and its personal values. */
export function describeSighting(s: Sighting, ctx: ReportContext, fp: string): string {
  const where = `${s.where} ${code(ctx.scrub(s.name, fp))}`;
  if (!s.url) return where;
  return `${escapeText(s.method)} ${code(ctx.scrub(s.url, fp))} → ${s.status || 'no response'} (${where})`;
}

function tokenTable(
  tokens: readonly TokenRecord[],
  ctx: ReportContext,
  findings: readonly Finding[],
): string[] {
  if (tokens.length === 0) return ['No tokens found.'];
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.fingerprint, (counts.get(f.fingerprint) ?? 0) + 1);
  const rows = tokens.map((record) => {
    const { token } = record;
    const { layer, claims } = summaryOf(token, ctx);
    const cells = [
      code(token.fingerprint),
      token.kind,
      code(stringOrNull(ctx.headerOf(token), 'alg') ?? '—'),
      record.purpose,
      escapeText(stringOrNull(claims, 'iss') ?? '—'),
      escapeText(stringOrNull(claims, 'sub') ?? '—'),
      numericDateToIso(layer.claims?.exp) ?? '—',
      String(counts.get(token.fingerprint) ?? 0),
      String(record.sightings.length),
    ];
    return `| ${cells.join(' | ')} |`;
  });
  return [
    '| Fingerprint | Kind | Alg | Purpose | Issuer | Subject | Expires | Findings | Sightings |',
    '| --- | --- | --- | --- | --- | --- | --- | ---: | ---: |',
    ...rows,
  ];
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
