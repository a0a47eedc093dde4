import type { ComplianceReport } from '../../core/compliance/types';
import type { ReportOptions, ToolInfo } from '../../core/report';
import { htmlReport, toFrameworkMarkdown, toJsonReport, toMarkdown, toSarif } from '../../core/report';
import type { AuditResult } from '../../core/types';

/**
 * `compliance-markdown`: the report by framework, as `scan --format md --group-by framework` writes it (a
 * status table per framework, then each failing control with its findings). `audit-html`: the
 * self-contained audit report of `scan --format html --compliance …`. Both need `ExportOptions.compliance`.
 */
export type ExportFormat = 'json' | 'sarif' | 'markdown' | 'compliance-markdown' | 'audit-html';

/** A file ready to download. */
export interface ExportFile {
  filename: string;
  mime: string;
  text: string;
}

export interface ExportOptions {
  includeRaw: boolean;
  tool: ToolInfo;
  /** When the report is written; names the file too. */
  at: Date;
  inputs?: readonly string[];
  problems?: readonly string[];
  /** The compliance statuses for `compliance-markdown` and `audit-html` (the Compliance view's report). */
  compliance?: ComplianceReport;
}

const EXTENSION: Record<ExportFormat, string> = {
  json: 'json',
  sarif: 'sarif',
  markdown: 'md',
  'compliance-markdown': 'md',
  'audit-html': 'html',
};
const MIME: Record<ExportFormat, string> = {
  json: 'application/json',
  sarif: 'application/sarif+json',
  markdown: 'text/markdown',
  'compliance-markdown': 'text/markdown',
  'audit-html': 'text/html',
};
/** The two Markdown exports share an extension, so the name tells them apart. */
const PREFIX: Record<ExportFormat, string> = {
  json: 'jwt-lens-report',
  sarif: 'jwt-lens-report',
  markdown: 'jwt-lens-report',
  'compliance-markdown': 'jwt-lens-compliance',
  'audit-html': 'jwt-lens-audit',
};

/**
 * The report file for an audit, byte for byte what the CLI writes for the same result and options
 * (`JSON.stringify(…, null, 2)` plus a newline for JSON and SARIF): same schema, same fingerprints,
 * redacted unless `includeRaw`.
 */
export function createExportFile(
  result: AuditResult,
  format: ExportFormat,
  options: ExportOptions,
): ExportFile {
  const report: ReportOptions = {
    includeRaw: options.includeRaw,
    tool: options.tool,
    generatedAt: options.at.toISOString(),
    inputs: options.inputs ?? [],
    problems: options.problems ?? [],
  };
  return {
    filename: exportFilename(format, options.at),
    mime: MIME[format],
    text: render(result, format, report, options.compliance),
  };
}

function render(
  result: AuditResult,
  format: ExportFormat,
  report: ReportOptions,
  compliance: ComplianceReport | undefined,
): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(toJsonReport(result, report), null, 2)}\n`;
    case 'sarif':
      return `${JSON.stringify(toSarif(result, report), null, 2)}\n`;
    case 'markdown':
      return toMarkdown(result, report);
    case 'compliance-markdown':
      return toFrameworkMarkdown(result, needStatuses(format, compliance), report);
    case 'audit-html':
      return htmlReport(result, needStatuses(format, compliance), report);
  }
}

/**
 * The statuses a compliance export is about. Missing, they are a failed assessment (or a caller that forgot
 * them): ExportBar reports a failed export rather than a compliance report with no statuses in it.
 */
function needStatuses(format: ExportFormat, compliance: ComplianceReport | undefined): ComplianceReport {
  if (!compliance) throw new Error(`${format} needs the compliance report`);
  return compliance;
}

/** `jwt-lens-report-2026-01-02T03-04-05Z.json`: sortable, and safe on every file system (no colons). */
export function exportFilename(format: ExportFormat, at: Date): string {
  return `${PREFIX[format]}-${fileStamp(at)}.${EXTENSION[format]}`;
}

/** `2026-01-02T03-04-05Z`: an ISO time without milliseconds or colons, for file names. */
export function fileStamp(at: Date): string {
  return at
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/:/g, '-');
}
