import type { Baseline } from '../core/baseline/types';
import { FRAMEWORK_IDS } from '../core/compliance/frameworks';
import { toComplianceMarkdown } from '../core/report/compliance-markdown';
import { toFrameworkMarkdown } from '../core/report/framework-markdown';
import { htmlReport } from '../core/report/html';
import { toMarkdown } from '../core/report/markdown';
import type { ReportOptions } from '../core/report/report-types';
import { writeSarif } from '../core/report/write-sarif';
import type { AuditResult } from '../core/types';
import { assessFrameworks } from './compliance-assess';
import type { Layout } from './render';

type Writer = (
  result: AuditResult,
  report: ReportOptions,
  emit: (chunk: string) => void,
  baseline?: Baseline,
) => void;

/**
 * The report formats a run loads only when asked for (render.ts imports this module on demand): a scan
 * writing JSON or a table never parses the SARIF, Markdown and HTML writers.
 */
export const LAZY_WRITERS: Partial<Record<Layout, Writer>> = {
  sarif: writeSarif,
  md: (result, report, emit) => emit(toMarkdown(result, report)),
  // The self-contained audit report; its status tables only when frameworks were chosen.
  html: (result, report, emit) => emit(htmlReport(result, report.compliance, report)),
  'md-by-standard': (result, report, emit) => emit(toComplianceMarkdown(result, report)),
  'md-by-framework': (result, report, emit, baseline) => {
    const compliance =
      report.compliance ?? assessFrameworks(result, FRAMEWORK_IDS, report.inputs ?? [], baseline);
    emit(toFrameworkMarkdown(result, compliance, report));
  },
};
