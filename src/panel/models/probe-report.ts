import type { ProbeVerdict } from '../../core/probe';
import { SEVERITIES } from '../../core/report/report-context';
import type { Finding, Reference, Severity } from '../../core/types';
import { isRecord, stringOrEmpty } from './guards';

/**
 * Reads the `probes` section of a JWT Lens JSON report (what `jwt-lens probe --format json` writes: the
 * `scan` report plus `probes`, each a JsonProbeRun of src/core/report/report-types.ts, URL masked, with the
 * rules it passed) and its `probe-*` findings, for the token detail. The one place that knows the report's probe shape: adjust it here.
 * The file is untrusted: every value is checked, lists and strings are bounded, nothing throws.
 */

/** Probe runs read from one report at most. */
export const MAX_PROBE_RUNS = 100;
/** Cases read per run at most (the CLI sends at most 30 requests per run). */
export const MAX_PROBE_OUTCOMES = 60;
/** Probe findings read from one report at most. */
export const MAX_PROBE_FINDINGS = 1000;
/** Longest string kept from the report (details, URLs, changes). */
const MAX_TEXT = 2000;

/** One case of a run, as shown: what changed, the verdict, and the answer's status. */
export interface ProbeOutcomeView {
  caseId: string;
  kind: string;
  change: string;
  ruleId?: string;
  verdict: ProbeVerdict;
  /** HTTP status of the answer, when one came. */
  status?: number;
  contentType?: string;
  error?: string;
}

/** One probe run on one request (URL already masked by the report). */
export interface ProbeRunView {
  entry: number;
  method: string;
  url: string;
  fingerprint: string;
  /** Where the token sat: `request-header Authorization`. */
  slot: string;
  startedAt: string;
  baseline?: ProbeOutcomeView;
  negativeControl?: ProbeOutcomeView;
  outcomes: ProbeOutcomeView[];
  stopped?: string;
  /** The `probe-*` rules whose probes all were refused (the report's `passedRuleIds`): the control operates. */
  passed: string[];
}

/** A token's probe results: its runs and the findings they raised. */
export interface TokenProbeResults {
  runs: ProbeRunView[];
  findings: Finding[];
}

/** A probe report read: results by token fingerprint. */
export interface ProbeReportRead {
  byToken: Map<string, TokenProbeResults>;
  runCount: number;
  findingCount: number;
}

const str = (value: unknown): string => stringOrEmpty(value).slice(0, MAX_TEXT);
const VERDICTS: readonly string[] = ['accepted', 'rejected', 'inconclusive'];

/** True for a JWT Lens JSON report (any kind); `isProbeReport` tells whether it has the probes section. */
export function isJwtLensReport(json: unknown): json is Record<string, unknown> {
  return isRecord(json) && json.schemaVersion === 1 && isRecord(json.tool) && Array.isArray(json.findings);
}

function outcomeOf(value: unknown): ProbeOutcomeView | undefined {
  if (!isRecord(value)) return undefined;
  const verdict = VERDICTS.includes(value.verdict as string)
    ? (value.verdict as ProbeVerdict)
    : 'inconclusive';
  const out: ProbeOutcomeView = {
    caseId: str(value.caseId),
    kind: str(value.kind),
    change: str(value.change),
    verdict,
  };
  const ruleId = str(value.ruleId);
  if (ruleId) out.ruleId = ruleId;
  const shape = isRecord(value.shape) ? value.shape : undefined;
  if (shape && typeof shape.status === 'number' && Number.isInteger(shape.status)) out.status = shape.status;
  if (shape && str(shape.contentType)) out.contentType = str(shape.contentType);
  const error = str(value.error);
  if (error) out.error = error;
  return out;
}

/** The report's `passedRuleIds`: probe rule ids only, bounded. */
function passedOf(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.slice(0, MAX_PROBE_OUTCOMES).flatMap((id) => {
    const text = str(id);
    return text.startsWith('probe-') ? [text] : [];
  });
}

function runOf(value: unknown): ProbeRunView | undefined {
  if (!isRecord(value)) return undefined;
  const fingerprint = str(value.fingerprint);
  if (!fingerprint) return undefined;
  const slot = isRecord(value.slot) ? `${str(value.slot.where)} ${str(value.slot.name)}`.trim() : '';
  const outcomes = Array.isArray(value.outcomes) ? value.outcomes.slice(0, MAX_PROBE_OUTCOMES) : [];
  const run: ProbeRunView = {
    entry: typeof value.entry === 'number' && Number.isInteger(value.entry) ? value.entry : -1,
    method: str(value.method),
    url: str(value.url),
    fingerprint,
    slot,
    startedAt: str(value.startedAt),
    outcomes: outcomes.flatMap((o) => outcomeOf(o) ?? []),
    passed: passedOf(value.passedRuleIds),
  };
  const baseline = outcomeOf(value.baseline);
  if (baseline) run.baseline = baseline;
  const negative = outcomeOf(value.negativeControl);
  if (negative) run.negativeControl = negative;
  const stopped = str(value.stopped);
  if (stopped) run.stopped = stopped;
  return run;
}

function findingOf(value: unknown): Finding | undefined {
  if (!isRecord(value)) return undefined;
  const ruleId = str(value.ruleId);
  const fingerprint = str(value.fingerprint);
  if (!ruleId.startsWith('probe-') || !fingerprint) return undefined;
  const severity = SEVERITIES.includes(value.severity as Severity) ? (value.severity as Severity) : 'info';
  const evidence = Array.isArray(value.evidence) ? value.evidence.slice(0, 50) : [];
  const references = Array.isArray(value.references) ? value.references.slice(0, 50) : [];
  return {
    ruleId,
    severity,
    title: str(value.title) || ruleId,
    why: str(value.why),
    detail: str(value.detail),
    evidence: evidence.flatMap((e) =>
      isRecord(e) && typeof e.label === 'string' ? [{ label: str(e.label), value: str(e.value) }] : [],
    ),
    references: references.flatMap((r) =>
      isRecord(r) && typeof r.standard === 'string' && typeof r.id === 'string'
        ? [{ standard: str(r.standard), id: str(r.id) } as Reference]
        : [],
    ),
    fingerprint,
    sightingIds: [],
  };
}

function resultsFor(map: Map<string, TokenProbeResults>, fingerprint: string): TokenProbeResults {
  let results = map.get(fingerprint);
  if (!results) {
    results = { runs: [], findings: [] };
    map.set(fingerprint, results);
  }
  return results;
}

/**
 * Reads a probe report. `undefined` when the document is not a JWT Lens report at all (it may be a HAR);
 * `{ error }` for a JWT Lens report that has no readable `probes` section.
 */
export function readProbeReport(json: unknown): ProbeReportRead | { error: string } | undefined {
  if (!isJwtLensReport(json)) return undefined;
  if (!Array.isArray(json.probes)) {
    return {
      error: 'a JWT Lens report without probe results: import a HAR, or the JSON report of `jwt-lens probe`',
    };
  }
  const byToken = new Map<string, TokenProbeResults>();
  let runCount = 0;
  for (const value of json.probes.slice(0, MAX_PROBE_RUNS)) {
    const run = runOf(value);
    if (!run) continue;
    resultsFor(byToken, run.fingerprint).runs.push(run);
    runCount++;
  }
  let findingCount = 0;
  for (const value of (json.findings as unknown[]).slice(0, MAX_PROBE_FINDINGS)) {
    const finding = findingOf(value);
    if (!finding) continue;
    resultsFor(byToken, finding.fingerprint).findings.push(finding);
    findingCount++;
  }
  return { byToken, runCount, findingCount };
}
