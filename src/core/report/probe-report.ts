import { assessProbeRun } from '../probe/assess';
import { maskProbeUrl } from '../probe/describe';
import type { ProbeOutcome, ProbeRun, ResponseShape, TokenSlot } from '../probe/types';
import type { ReportContext } from './report-context';
import type { JsonProbeOutcome, JsonProbeRun, JsonResponseShape } from './report-types';

/** Cases listed per run at most: a plan has 30. */
const MAX_OUTCOMES = 64;

/**
 * Free text of a run (a URL, a sender's error, a Location) as every report shows it: token text masked
 * by the report's scrubber, and, whatever raw output was asked for, the probed token's signature never:
 * every JWT in it masked, the slot's query parameter masked, OAuth flow parameters masked.
 */
export function probeText(text: unknown, ctx: ReportContext, fingerprint: string, slot?: TokenSlot): string {
  return typeof text === 'string' ? maskProbeUrl(ctx.scrub(text, fingerprint), slot) : '';
}

function toJsonShape(shape: ResponseShape, ctx: ReportContext, fp: string): JsonResponseShape {
  const out: JsonResponseShape = {
    status: shape.status,
    contentType: probeText(shape.contentType, ctx, fp),
    lengthBucket: shape.lengthBucket,
    jsonKeys: (Array.isArray(shape.jsonKeys) ? shape.jsonKeys : []).map((key) => probeText(key, ctx, fp)),
  };
  if (shape.location !== undefined) out.location = probeText(shape.location, ctx, fp);
  return out;
}

function toJsonOutcome(o: ProbeOutcome, ctx: ReportContext, fp: string): JsonProbeOutcome {
  const out: JsonProbeOutcome = {
    caseId: probeText(o.caseId, ctx, fp),
    kind: o.kind,
    change: probeText(o.change, ctx, fp),
    verdict: o.verdict,
  };
  if (o.ruleId !== undefined) out.ruleId = o.ruleId;
  if (o.shape) out.shape = toJsonShape(o.shape, ctx, fp);
  if (o.error !== undefined) out.error = probeText(o.error, ctx, fp);
  if (typeof o.durationMs === 'number' && Number.isFinite(o.durationMs) && o.durationMs >= 0)
    out.durationMs = Math.round(o.durationMs);
  return out;
}

/**
 * The report's `probes` section: each run with what was sent (method, masked URL, slot, each case's
 * change) and what came back (each answer's shape and verdict), and the rules it passed. Claims and
 * token texts are not needed and never written.
 */
export function toJsonProbes(runs: readonly ProbeRun[], ctx: ReportContext): JsonProbeRun[] {
  return runs.map((run) => {
    const fp = run.fingerprint;
    const slot = { where: run.slot.where, name: probeText(run.slot.name, ctx, fp) };
    const out: JsonProbeRun = {
      entry: run.entry,
      method: probeText(run.method, ctx, fp),
      url: probeText(run.url, ctx, fp, run.slot),
      fingerprint: fp,
      slot,
      startedAt: run.startedAt,
      outcomes: run.outcomes.slice(0, MAX_OUTCOMES).map((o) => toJsonOutcome(o, ctx, fp)),
      passedRuleIds: assessProbeRun(run).passedRuleIds,
    };
    if (run.baseline) out.baseline = toJsonOutcome(run.baseline, ctx, fp);
    if (run.negativeControl) out.negativeControl = toJsonOutcome(run.negativeControl, ctx, fp);
    if (run.stopped) out.stopped = run.stopped;
    return out;
  });
}

/**
 * The SARIF run's `properties.probes`: per run, the request (masked), the token, why it stopped, the
 * count of each verdict and the rules it passed. The accepted cases are results already (findings).
 */
export function sarifProbes(runs: readonly ProbeRun[], ctx: ReportContext): Record<string, unknown>[] {
  return toJsonProbes(runs, ctx).map((run) => {
    const counts = { accepted: 0, rejected: 0, inconclusive: 0 };
    for (const o of run.outcomes) counts[o.verdict]++;
    return {
      entry: run.entry,
      request: `${run.method} ${run.url}`,
      fingerprint: run.fingerprint,
      slot: `${run.slot.where} ${run.slot.name}`,
      ...(run.stopped ? { stopped: run.stopped } : {}),
      verdicts: counts,
      passedRuleIds: run.passedRuleIds,
    };
  });
}
