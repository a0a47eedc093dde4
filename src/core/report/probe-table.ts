import { describeShape } from '../probe/describe';
import type { ProbeOutcome, ProbeRun } from '../probe/types';
import { probeText } from './probe-report';
import type { ReportContext } from './report-context';
import { sanitize } from './sanitize';

function verdictCounts(outcomes: readonly ProbeOutcome[]): string {
  const counts = { accepted: 0, rejected: 0, inconclusive: 0 };
  for (const o of outcomes) counts[o.verdict]++;
  return `${counts.accepted} accepted, ${counts.rejected} rejected, ${counts.inconclusive} inconclusive`;
}

/**
 * The probe runs as terminal lines: per run the request (masked), the baseline's and the negative
 * control's answers, then one line per case (verdict, case, answer). Control characters stripped.
 */
export function probeLines(runs: readonly ProbeRun[], ctx: ReportContext): string[] {
  const lines: string[] = [];
  for (const run of runs) {
    const fp = run.fingerprint;
    const text = (value: string) => sanitize(probeText(value, ctx, fp));
    const answer = (o: ProbeOutcome | undefined) => (o ? text(describeShape(o.shape, o.error)) : 'not sent');
    lines.push(
      `Probe of ${text(run.method)} ${sanitize(probeText(run.url, ctx, fp, run.slot))} (entry ${run.entry}, token ${fp} in ${run.slot.where} ${text(run.slot.name)})`,
      `  baseline: ${answer(run.baseline)}`,
      `  negative control (no token): ${answer(run.negativeControl)}`,
    );
    if (run.stopped) lines.push(`  stopped: ${run.stopped}`);
    if (run.outcomes.length > 0) lines.push(`  ${run.outcomes.length} cases: ${verdictCounts(run.outcomes)}`);
    for (const o of run.outcomes)
      lines.push(`  ${o.verdict.toUpperCase().padEnd(12)} ${text(o.caseId).padEnd(28)} ${answer(o)}`);
  }
  return lines;
}
