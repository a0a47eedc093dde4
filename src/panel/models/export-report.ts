import type { ReportOptions, ToolInfo } from '../../core/report';
import { toJsonReport, toMarkdown, toSarif } from '../../core/report';
import type { AuditResult } from '../../core/types';

export type ExportFormat = 'json' | 'sarif' | 'markdown';

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
}

const EXTENSION: Record<ExportFormat, string> = { json: 'json', sarif: 'sarif', markdown: 'md' };
const MIME: Record<ExportFormat, string> = {
  json: 'application/json',
  sarif: 'application/sarif+json',
  markdown: 'text/markdown',
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
  const text =
    format === 'json'
      ? `${JSON.stringify(toJsonReport(result, report), null, 2)}\n`
      : format === 'sarif'
        ? `${JSON.stringify(toSarif(result, report), null, 2)}\n`
        : toMarkdown(result, report);
  return { filename: exportFilename(format, options.at), mime: MIME[format], text };
}

/** `jwt-lens-report-2026-01-02T03-04-05Z.json`: sortable, and safe on every file system (no colons). */
export function exportFilename(format: ExportFormat, at: Date): string {
  const stamp = at
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/:/g, '-');
  return `jwt-lens-report-${stamp}.${EXTENSION[format]}`;
}
