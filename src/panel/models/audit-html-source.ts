/*
 * STAND-IN (issue 14, helper G) — the lead replaces this whole file with helper F's renderer:
 *   export { htmlReport } from '../../core/report/html';
 * once `src/core/report/html.ts` is merged. Until then it writes a minimal, self-contained page (scope and a
 * status table per framework, every value escaped) so "Export audit report (HTML)" downloads a real file.
 */
import type { ComplianceReport, FrameworkResult } from '../../core/compliance/types';
import type { ReportOptions } from '../../core/report';
import type { AuditResult } from '../../core/types';

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);

function frameworkSection({ framework, controls }: FrameworkResult): string {
  const rows = controls.map(
    (c) =>
      `<tr><td>${escapeHtml(c.control)}</td><td>${escapeHtml(c.title)}</td><td>${escapeHtml(c.status)}</td>` +
      `<td>${escapeHtml(c.evidence)}</td></tr>`,
  );
  return (
    `<h2>${escapeHtml(`${framework.name} ${framework.version}`.trim())}</h2>\n` +
    `<table><tr><th>Control</th><th>Title</th><th>Status</th><th>Evidence</th></tr>${rows.join('')}</table>`
  );
}

/** STAND-IN for helper F's `htmlReport(result, compliance, options)`: a string, no script, no resource. */
export function htmlReport(
  result: AuditResult,
  compliance: ComplianceReport,
  options: ReportOptions,
): string {
  const { scope } = compliance;
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><title>JWT Lens audit report</title></head><body>',
    '<h1>JWT Lens audit report</h1>',
    `<p>${escapeHtml(`${options.tool.name} ${options.tool.version} · ${options.generatedAt ?? ''}`)}</p>`,
    `<p>${scope.tokens} tokens, ${scope.sightings} sightings, ${scope.requests} requests, ` +
      `${result.findings.length} findings.</p>`,
    ...compliance.frameworks.map(frameworkSection),
    '</body></html>',
    '',
  ].join('\n');
}
