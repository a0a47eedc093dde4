import type { ComplianceReport } from '../compliance/types';
import type { ServerVerdict } from '../lifecycle/types';
import { ruleInfo } from '../rules/catalog';
import type { AuditResult, Finding, Severity, Sighting } from '../types';
import { formatReference } from './format-reference';
import { verdictFields, verdictsBySighting } from './lifecycle-report';
import { sarifProbes } from './probe-report';
import { createReportContext, numericDateToIso, type ReportContext } from './report-context';
import type { ReportOptions } from './report-types';

/** SARIF levels per severity: code-scanning dashboards know only error, warning and note. */
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

/** GitHub code scanning ranks results by this CVSS-like score (`properties["security-severity"]`). */
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '0.0',
};

/** Locations listed per result; a token replayed in thousands of requests needs only a sample. */
const MAX_LOCATIONS = 10;

type Json = Record<string, unknown>;

/**
 * The audit as a SARIF 2.1.0 log (one run), for code-scanning dashboards. Each finding is a result
 * whose `partialFingerprints.jwtFingerprint` is the token fingerprint, so dashboards track a token
 * across scans; request URLs become artifact locations, with token text masked unless `includeRaw`.
 */
export function toSarif(result: AuditResult, opts: ReportOptions): Json {
  const { log, results } = createSarifParts(result, opts);
  const [run] = log.runs as Json[];
  if (run) run.results = [...results()];
  return log;
}

/**
 * The SARIF log with an empty `results` list in its place, and its results built one at a time as
 * they are iterated: a writer can stream a log of any size (see `writeSarif`).
 */
export function createSarifParts(
  result: AuditResult,
  opts: ReportOptions,
): { log: Json; results: () => Iterable<Json> } {
  const ctx = createReportContext(result, opts.includeRaw);
  const ruleIds = [...new Set(result.findings.map((f) => f.ruleId))];
  const index = new Map(ruleIds.map((id, i) => [id, i]));
  const sightings = new Map<string, Sighting>();
  for (const record of result.tokens) for (const s of record.sightings) sightings.set(s.id, s);
  const verdicts = verdictsBySighting(result.lifecycle);
  const failing = failingControls(opts.compliance);
  const rules = ruleIds.map((id) =>
    toRule(
      id,
      result.findings.find((f) => f.ruleId === id),
    ),
  );
  const results = function* () {
    for (const f of result.findings)
      yield withControls(toResult(f, index.get(f.ruleId) ?? 0, { sightings, verdicts }, ctx), f, failing);
  };
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: opts.tool.name, version: opts.tool.version, rules } },
        results: [],
        columnKind: 'utf16CodeUnits',
        properties: {
          referenceTime: numericDateToIso(result.referenceTime),
          rawIncluded: opts.includeRaw,
          ignoredCount: result.ignoredCount,
          ...(opts.compliance ? { compliance: runCompliance(opts.compliance) } : {}),
          ...(opts.probes ? { probes: sarifProbes(opts.probes, ctx) } : {}),
        },
      },
    ],
  };
  return { log, results };
}

/** `asvs v5.0.0-12.2.1` for each failing control, keyed by the findings behind it. */
function failingControls(report: ComplianceReport | undefined): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const framework of report?.frameworks ?? []) {
    for (const control of framework.controls) {
      if (control.status !== 'fail') continue;
      for (const finding of control.findings) {
        const key = `${finding.ruleId}\u0000${finding.fingerprint}`;
        out.set(key, [...(out.get(key) ?? []), `${control.framework} ${control.control}`]);
      }
    }
  }
  return out;
}

/** A result's `properties.compliance`: the controls it makes fail, when statuses were asked for. */
function withControls(out: Json, finding: Finding, failing: Map<string, string[]>): Json {
  const controls = failing.get(`${finding.ruleId}\u0000${finding.fingerprint}`);
  if (controls) (out.properties as Json).compliance = [...new Set(controls)];
  return out;
}

/** The run's `properties.compliance`: scope, and per framework its summary and each control's status. */
function runCompliance(report: ComplianceReport): Json {
  return {
    policyDigest: report.scope.policyDigest,
    timeRange: report.scope.timeRange,
    frameworks: report.frameworks.map((f) => ({
      id: f.framework.id,
      version: f.framework.version,
      summary: f.summary,
      controls: Object.fromEntries(f.controls.map((c) => [c.control, c.status])),
    })),
  };
}

function toRule(id: string, sample: Finding | undefined): Json {
  const info = ruleInfo(id);
  const severity = info?.severity ?? sample?.severity ?? 'info';
  const why = info?.why || sample?.why || id;
  const references = info?.references ?? sample?.references ?? [];
  return {
    id,
    name: id.replace(/(^|-)([a-z0-9])/g, (_m, _dash: string, c: string) => c.toUpperCase()),
    shortDescription: { text: info?.title ?? sample?.title ?? id },
    fullDescription: { text: why },
    help: { text: `${why}\n\nReferences: ${references.map(formatReference).join(', ') || 'none'}` },
    defaultConfiguration: { level: LEVEL[severity] },
    properties: {
      tags: ['security', ...references.map(formatReference)],
      'security-severity': SECURITY_SEVERITY[severity],
    },
  };
}

/** The requests a result can point at, and what the server did with each use of a token. */
interface SightingIndex {
  sightings: Map<string, Sighting>;
  verdicts: Map<string, ServerVerdict>;
}

function toResult(finding: Finding, ruleIndex: number, index: SightingIndex, ctx: ReportContext): Json {
  const fp = finding.fingerprint;
  const out: Json = {
    ruleId: finding.ruleId,
    ruleIndex,
    level: LEVEL[finding.severity],
    message: { text: ctx.scrub(`${finding.title}: ${finding.detail}`, finding.fingerprint) },
    properties: {
      severity: finding.severity,
      'security-severity': SECURITY_SEVERITY[finding.severity],
      evidence: finding.evidence.map(
        (e) => `${ctx.scrub(e.label, fp)}: ${ctx.includeRaw ? (e.raw ?? e.value) : ctx.scrub(e.value, fp)}`,
      ),
      sightingCount: finding.sightingIds.length,
    },
  };
  const locations = finding.sightingIds
    .map((id) => index.sightings.get(id))
    .filter((s): s is Sighting => s !== undefined)
    .slice(0, MAX_LOCATIONS)
    .map((s) => toLocation(s, ctx, fp, index.verdicts.get(s.id)));
  if (locations.length > 0) out.locations = locations;
  if (finding.fingerprint) {
    out.partialFingerprints = { jwtFingerprint: finding.fingerprint };
    out.logicalLocations = [{ name: finding.fingerprint, kind: 'token' }];
  }
  return out;
}

/**
 * An HTTP request becomes its URL (with the server's verdict on a use of the token, as its message and
 * in its properties); a line of a token list becomes file and line.
 */
function toLocation(sighting: Sighting, ctx: ReportContext, fp: string, verdict?: ServerVerdict): Json {
  const colon = sighting.name.lastIndexOf(':');
  const line = Number(sighting.name.slice(colon + 1));
  if (sighting.where === 'input' && colon > 0 && Number.isInteger(line) && line > 0) {
    const file = sighting.name.slice(0, colon);
    return {
      physicalLocation: {
        artifactLocation: { uri: toUri(file === '-' ? 'stdin' : file) },
        region: { startLine: line },
      },
    };
  }
  const uri = toUri(ctx.scrub(sighting.url || sighting.name, fp));
  const text = `${sighting.method} ${sighting.where} ${ctx.scrub(sighting.name, fp)}`.trim();
  const location: Json = { physicalLocation: { artifactLocation: { uri } }, message: { text } };
  if (!verdict) return location;
  const fields = verdictFields(verdict, (value) => ctx.scrub(value, fp));
  return {
    ...location,
    message: { text: `${text}: ${fields.verdict} (${fields.verdictReason})` },
    properties: fields,
  };
}

/** SARIF wants a URI reference: percent-encode what a masked URL or a file path may add (`…`, spaces). */
function toUri(text: string): string {
  return text.replace(/[^\x21-\x7e]|[<>"\\^`{|}]/gu, (c) => {
    // A lone surrogate (hostile URL text) cannot be encoded; U+FFFD stands in for it.
    const code = c.codePointAt(0) ?? 0;
    return code >= 0xd800 && code <= 0xdfff ? '%EF%BF%BD' : encodeURIComponent(c);
  });
}
