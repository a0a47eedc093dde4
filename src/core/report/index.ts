export { toComplianceMarkdown } from './compliance-markdown';
export { formatReference } from './format-reference';
export { toFrameworkMarkdown } from './framework-markdown';
export type { RequirementGroup, Standard, StandardGroup } from './group-by-standard';
export { groupByStandard } from './group-by-standard';
export { htmlReport } from './html';
export { reportDigest } from './html/digest';
export { summarize, toJsonReport } from './json-report';
export { toMarkdown } from './markdown';
export { isPiiClaimName, isPiiValue, maskClaims } from './mask-claims';
export type { Scrubber } from './redact';
export { createScrubber, maskFlowParams, maskToken, maskValue } from './redact';
export type { ReportContext } from './report-context';
export { createReportContext } from './report-context';
export type {
  JsonAuthorization,
  JsonEvidence,
  JsonFamily,
  JsonFinding,
  JsonLifecycle,
  JsonLifecycleEvent,
  JsonNestedToken,
  JsonObservation,
  JsonProbeOutcome,
  JsonProbeRun,
  JsonReport,
  JsonResponseShape,
  JsonSighting,
  JsonSummary,
  JsonToken,
  JsonUseCounts,
  ReportOptions,
  SeverityCounts,
  ToolInfo,
} from './report-types';
export { sanitize } from './sanitize';
export { toSarif } from './sarif';
export type { TableOptions } from './table';
export { summaryLine, toTable } from './table';
export { writeJsonReport } from './write-json-report';
