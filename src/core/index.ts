/**
 * JWT Lens engine: the whole public API. Pure TypeScript (plus jose), no browser, DOM or Node APIs,
 * so the DevTools panel, a Web Worker, the CLI and the tests share it unchanged.
 */

export type { Auditor, AuditorLimits, AuditorOptions, AuditorStats } from './audit';
/** Incremental and one-shot audits of captured sightings. */
export { auditCapture, createAuditor, guessPurpose, SEVERITY_ORDER, severityRank } from './audit';
export type { LearnMeta, ProfileKey } from './baseline';
/** Baselines (issue 16): learn what the tokens normally look like, write and read the file, report drift. */
export {
  alreadyLearned,
  driftHits,
  learnBaseline,
  parseBaseline,
  profileKeyOf,
  serializeBaseline,
} from './baseline';
export type * from './baseline/types';
/** Token capture from HAR 1.2 files and live DevTools entries. */
export {
  captureEntry,
  captureHar,
  captureHarChunks,
  createHarStream,
  type HarChunksOptions,
  type HarReadResult,
  type HarStream,
  type HarStreamHandlers,
  parseJsonBytes,
  parseUrlParts,
} from './capture';
export type { ComplianceOptions, RuleMapping } from './compliance';
/** Compliance evidence (issue 14): control catalogue, rule → control mappings, statuses per control. */
export {
  assessCompliance,
  CONTROL_MAPPINGS,
  CONTROLS,
  FRAMEWORK_IDS,
  FRAMEWORKS,
  isFrameworkId,
  policyDigest,
  UNMAPPED_RULES,
} from './compliance';
export type * from './compliance/types';
export type { TextDigest } from './crypto/fingerprint';
/** Fingerprints: first 16 hex digits of SHA-256 over the token text. */
export { fingerprintOf, setTextDigest } from './crypto/fingerprint';
export { sha256, toHex } from './crypto/sha256';
export type { PolicyResolution } from './policy';
/** Policy defaults and validation. */
export { DEFAULT_DRIFT_POLICY, DEFAULT_POLICY, resolvePolicy } from './policy';
/**
 * The probe (issue 15): tampered-token plans, response shapes and verdicts, findings and passes of a run.
 * Pure: only the CLI sends the planned requests.
 */
export {
  assessProbeRun,
  isAcceptedAnswer,
  judgeProbe,
  MAX_PROBE_CASES,
  PROBE_RULE_IDS,
  planProbes,
  shapeOf,
} from './probe';
export type * from './probe/types';
export type { JsonReport, ReportOptions, StandardGroup, TableOptions, ToolInfo } from './report';
/**
 * Reports: JSON (schemaVersion 1), SARIF 2.1.0, Markdown (by severity or standard), table, and the
 * self-contained HTML audit report with its digest; redacted by default.
 */
export {
  createScrubber,
  groupByStandard,
  htmlReport,
  maskToken,
  maskValue,
  reportDigest,
  summarize,
  summaryLine,
  toComplianceMarkdown,
  toFrameworkMarkdown,
  toJsonReport,
  toMarkdown,
  toSarif,
  toTable,
} from './report';
/** The rule catalog: ids, titles, severities, references. */
export { RULE_CATALOG, RULE_IDS, ruleInfo } from './rules/catalog';
export type { FoundToken } from './token';
/** Parsing and finding tokens in untrusted text. Never throws. */
export { decodeBase64Url, encodeBase64Url, findTokens, MAX_TOKEN_BYTES, parseToken } from './token';
export type * from './types';
