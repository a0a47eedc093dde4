import type { ComplianceReport } from '../compliance/types';
import type { ServerVerdict } from '../lifecycle/types';
import type { AuditResult, ExchangeObservation, Finding, ParsedToken, Sighting, TokenRecord } from '../types';
import {
  type JsonVerdictFields,
  toJsonLifecycle,
  verdictFields,
  verdictsBySighting,
} from './lifecycle-report';
import { toJsonProbes } from './probe-report';
import { maskToken } from './redact';
import {
  countSeverities,
  createReportContext,
  numericDateToIso,
  type ReportContext,
  SEVERITIES,
  scrubTree,
  stringOrNull,
  summaryOf,
} from './report-context';
import type {
  JsonFinding,
  JsonNestedToken,
  JsonObservation,
  JsonReport,
  JsonSighting,
  JsonSummary,
  JsonToken,
  ReportOptions,
} from './report-types';

/** The lists of a report, in output order. */
export const JSON_REPORT_LISTS = ['tokens', 'findings', 'observations', 'problems'] as const;
type ListName = (typeof JSON_REPORT_LISTS)[number];

/**
 * A report split into its top-level fields and its lists, whose items are built one at a time as they
 * are iterated: a writer can stream a report of any size without holding it whole in memory.
 */
export interface JsonReportParts {
  head: Omit<JsonReport, ListName>;
  lists: { [K in ListName]: () => Iterable<JsonReport[K][number]> };
  /** Each list item already serialized: exactly `JSON.stringify` of the item `lists` gives, faster. */
  texts: { [K in ListName]: () => Iterable<string> };
}

/** Prepares the report's parts (redaction context included); nothing is built until iterated. */
export function createJsonReportParts(result: AuditResult, opts: ReportOptions): JsonReportParts {
  const ctx = createReportContext(result, opts.includeRaw);
  const findingsPerToken = new Map<string, number>();
  for (const f of result.findings) {
    findingsPerToken.set(f.fingerprint, (findingsPerToken.get(f.fingerprint) ?? 0) + 1);
  }
  const verdicts = verdictsBySighting(result.lifecycle);
  const head: JsonReportParts['head'] = {
    schemaVersion: 1,
    tool: { name: opts.tool.name, version: opts.tool.version },
    generatedAt: opts.generatedAt ?? new Date().toISOString(),
    referenceTime: numericDateToIso(result.referenceTime) ?? new Date(0).toISOString(),
    rawIncluded: opts.includeRaw,
    inputs: (opts.inputs ?? []).map((input) => ctx.scrub(input)),
    policy: scrubTree(result.policy, (text) => ctx.scrub(text)) as JsonReport['policy'],
    timeRange: result.timeRange ? { start: result.timeRange.start, end: result.timeRange.end } : null,
    summary: summarize(result),
    ignoredCount: result.ignoredCount,
    lifecycle: toJsonLifecycle(result.lifecycle, ctx),
  };
  if (opts.compliance) head.compliance = scrubCompliance(opts.compliance, ctx);
  if (opts.probes) head.probes = toJsonProbes(opts.probes, ctx);
  const lists: JsonReportParts['lists'] = {
    tokens: () => lazyMap(result.tokens, (record) => toJsonToken(record, ctx, findingsPerToken, verdicts)),
    findings: () => lazyMap(result.findings, (finding) => toJsonFinding(finding, ctx)),
    observations: () => lazyMap(result.observations, (o) => toJsonObservation(o, ctx)),
    problems: () => lazyMap(opts.problems ?? [], (problem) => ctx.scrub(problem)),
  };
  const findingText = createFindingSerializer(ctx);
  const texts: JsonReportParts['texts'] = {
    tokens: () => lazyMap(lists.tokens(), (item) => JSON.stringify(item)),
    findings: () => lazyMap(result.findings, findingText),
    observations: () => lazyMap(lists.observations(), (item) => JSON.stringify(item)),
    problems: () => lazyMap(lists.problems(), (item) => JSON.stringify(item)),
  };
  return { head, lists, texts };
}

/**
 * Builds the versioned JSON report (`schemaVersion: 1`, see `schema/report.schema.json`): the tokens with
 * each use's server verdict, the findings, and the token lifecycle (families, logouts). Redacted by
 * default: tokens appear as fingerprint and masked form, PII claim values masked, and any token text
 * inside URLs, names or details replaced by its masked form. `includeRaw` puts raw values back.
 */
export function toJsonReport(result: AuditResult, opts: ReportOptions): JsonReport {
  const { head, lists } = createJsonReportParts(result, opts);
  return {
    ...head,
    tokens: [...lists.tokens()],
    findings: [...lists.findings()],
    observations: [...lists.observations()],
    problems: [...lists.problems()],
  };
}

/** The compliance section: plain data already, with inputs scrubbed like the report's own. */
function scrubCompliance(report: ComplianceReport, ctx: ReportContext): ComplianceReport {
  return {
    scope: { ...report.scope, inputs: report.scope.inputs.map((input) => ctx.scrub(input)) },
    frameworks: report.frameworks.map((f) => ({
      framework: { ...f.framework },
      controls: f.controls.map((c) => ({ ...c, findings: c.findings.map((x) => ({ ...x })) })),
      summary: { ...f.summary },
    })),
  };
}

function* lazyMap<T, U>(items: Iterable<T>, map: (item: T) => U): Iterable<U> {
  for (const item of items) yield map(item);
}

function toJsonObservation(o: ExchangeObservation, ctx: ReportContext): JsonObservation {
  return {
    kind: o.kind,
    requestId: o.requestId,
    url: ctx.scrub(o.url),
    name: ctx.scrub(o.name),
    masked: ctx.scrub(o.masked),
    startedAt: o.startedAt,
  };
}

/** Counts per severity, the total and the highest severity present. */
export function summarize(result: AuditResult): JsonSummary {
  const counts = countSeverities(result.findings);
  const highest = SEVERITIES.find((severity) => counts[severity] > 0) ?? null;
  return { ...counts, findings: result.findings.length, tokens: result.tokens.length, highest };
}

function toJsonToken(
  record: TokenRecord,
  ctx: ReportContext,
  counts: Map<string, number>,
  verdicts: Map<string, ServerVerdict>,
): JsonToken {
  const { token } = record;
  const claims = ctx.claimsOf(token);
  const header = ctx.headerOf(token);
  // The summary fields come from the claims a verifier acts on: a nested JWT's inner layer.
  const { layer, claims: summary } = summaryOf(token, ctx, claims);
  const aud = summary?.aud;
  const out: JsonToken = {
    fingerprint: token.fingerprint,
    kind: token.kind,
    purpose: record.purpose,
    alg: stringOrNull(header, 'alg'),
    typ: stringOrNull(header, 'typ'),
    kid: stringOrNull(header, 'kid'),
    iss: stringOrNull(summary, 'iss'),
    sub: stringOrNull(summary, 'sub'),
    aud:
      typeof aud === 'string' || (Array.isArray(aud) && aud.every((a) => typeof a === 'string')) ? aud : null,
    exp: numericDateToIso(layer.claims?.exp),
    iat: numericDateToIso(layer.claims?.iat),
    nbf: numericDateToIso(layer.claims?.nbf),
    masked: maskToken(token.text),
    header,
    claims,
    nested: token.nested ? toNested(token.nested, ctx) : null,
    errors: token.errors.map((e) => ctx.scrub(e, token.fingerprint)),
    warnings: token.warnings.map((w) => ctx.scrub(w, token.fingerprint)),
    findingCount: counts.get(token.fingerprint) ?? 0,
    sightings: toJsonSightings(record, ctx, verdicts),
  };
  if (ctx.includeRaw) out.raw = token.text;
  return out;
}

function toNested(token: ParsedToken, ctx: ReportContext): JsonNestedToken {
  const header = ctx.headerOf(token);
  return {
    fingerprint: token.fingerprint,
    kind: token.kind,
    alg: stringOrNull(header, 'alg'),
    header,
    claims: ctx.claimsOf(token),
  };
}

/**
 * The token's sightings, each with its use's verdict. Uses share verdict objects (every 200 is the same
 * one), so each distinct verdict is scrubbed once per token, not once per sighting.
 */
function toJsonSightings(
  record: TokenRecord,
  ctx: ReportContext,
  verdicts: Map<string, ServerVerdict>,
): JsonSighting[] {
  const { fingerprint } = record.token;
  const scrub = (text: string) => ctx.scrub(text, fingerprint);
  const fieldsByVerdict = new Map<ServerVerdict, JsonVerdictFields>();
  return record.sightings.map((s) => {
    const verdict = verdicts.get(s.id);
    if (!verdict) return toJsonSighting(s, ctx, fingerprint, undefined);
    let fields = fieldsByVerdict.get(verdict);
    if (!fields) {
      fields = verdictFields(verdict, scrub);
      fieldsByVerdict.set(verdict, fields);
    }
    return toJsonSighting(s, ctx, fingerprint, fields);
  });
}

function toJsonSighting(
  sighting: Sighting,
  ctx: ReportContext,
  fingerprint: string,
  fields: JsonVerdictFields | undefined,
): JsonSighting {
  const out: JsonSighting = {
    id: sighting.id,
    where: sighting.where,
    name: ctx.scrub(sighting.name, fingerprint),
    url: ctx.scrub(sighting.url, fingerprint),
    method: sighting.method,
    status: sighting.status,
    startedAt: sighting.startedAt,
  };
  return fields ? Object.assign(out, fields) : out;
}

/** A finding's evidence as reported: scrubbed, with raw values only when the report includes them. */
function jsonEvidence(finding: Finding, ctx: ReportContext): JsonFinding['evidence'] {
  return finding.evidence.map((e) => {
    const value = {
      label: ctx.scrub(e.label, finding.fingerprint),
      value: ctx.scrub(e.value, finding.fingerprint),
    };
    return ctx.includeRaw && e.raw !== undefined ? { ...value, raw: e.raw } : value;
  });
}

function jsonReferences(references: Finding['references']): JsonFinding['references'] {
  return references.map((r) => ({ standard: r.standard, id: r.id }));
}

function toJsonFinding(finding: Finding, ctx: ReportContext): JsonFinding {
  return {
    ruleId: finding.ruleId,
    severity: finding.severity,
    title: finding.title,
    why: finding.why,
    detail: ctx.scrub(finding.detail, finding.fingerprint),
    evidence: jsonEvidence(finding, ctx),
    references: jsonReferences(finding.references),
    fingerprint: finding.fingerprint,
    sightingIds: [...finding.sightingIds],
  };
}

/**
 * Serializes findings to exactly the text `JSON.stringify(toJsonFinding(finding, ctx))` gives. A report
 * repeats each rule's title, explanation and references in every finding of that rule (three quarters of
 * a large report's bytes): their JSON is made once per rule and reused, and the rest is concatenated.
 */
function createFindingSerializer(ctx: ReportContext): (finding: Finding) => string {
  /** `"title":…,"why":…,` for each distinct why, and the references JSON for each references list. */
  const middles = new Map<string, { title: string; text: string }>();
  const references = new Map<readonly Finding['references'][number][], string>();
  const middleOf = (finding: Finding): string => {
    let middle = middles.get(finding.why);
    if (middle === undefined || middle.title !== finding.title) {
      middle = {
        title: finding.title,
        text: `"title":${JSON.stringify(finding.title)},"why":${JSON.stringify(finding.why)}`,
      };
      if (middles.size >= 4096) middles.clear();
      middles.set(finding.why, middle);
    }
    return middle.text;
  };
  const referencesOf = (list: Finding['references']): string => {
    let text = references.get(list);
    if (text === undefined) {
      text = JSON.stringify(jsonReferences(list));
      if (references.size >= 4096) references.clear();
      references.set(list, text);
    }
    return text;
  };
  return (finding) => {
    const fp = finding.fingerprint;
    const evidence = finding.evidence.length === 0 ? '[]' : JSON.stringify(jsonEvidence(finding, ctx));
    return (
      `{"ruleId":${JSON.stringify(finding.ruleId)},"severity":${JSON.stringify(finding.severity)},` +
      `${middleOf(finding)},"detail":${JSON.stringify(ctx.scrub(finding.detail, fp))},` +
      `"evidence":${evidence},"references":${referencesOf(finding.references)},` +
      `"fingerprint":${JSON.stringify(fp)},"sightingIds":${JSON.stringify(finding.sightingIds)}}`
    );
  };
}
