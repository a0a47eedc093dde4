import { describeShape } from '../probe/describe';
import type { ProbeOutcome, ProbeRun } from '../probe/types';
import { code, escapeText } from './markdown-text';
import { probeText } from './probe-report';
import type { ReportContext } from './report-context';

/**
 * The "Probes" section of the Markdown report: per run, the request replayed (URL masked), where the
 * token sat, the baseline's and the negative control's answers, then one row per tampered case with what
 * it changed, the answer and the verdict. Empty when the report is not a probe's.
 */
export function probeSection(runs: readonly ProbeRun[] | undefined, ctx: ReportContext): string[] {
  if (!runs || runs.length === 0) return [];
  const lines = ['## Probes', ''];
  for (const run of runs) lines.push(...runBlock(run, ctx));
  return lines;
}

function answer(o: ProbeOutcome | undefined, ctx: ReportContext, fp: string): string {
  if (!o) return 'not sent';
  return `${probeText(describeShape(o.shape, o.error), ctx, fp)} (${o.verdict})`;
}

function runBlock(run: ProbeRun, ctx: ReportContext): string[] {
  const fp = run.fingerprint;
  const text = (value: string) => probeText(value, ctx, fp);
  const lines = [
    `### ${escapeText(text(run.method))} ${code(probeText(run.url, ctx, fp, run.slot))} (entry ${run.entry})`,
    '',
    `- **Token:** ${code(fp)} in ${escapeText(run.slot.where)} ${code(text(run.slot.name))}`,
    `- **Started:** ${escapeText(run.startedAt)}`,
    `- **Baseline (token as captured):** ${escapeText(answer(run.baseline, ctx, fp))}`,
    `- **Negative control (no token):** ${escapeText(answer(run.negativeControl, ctx, fp))}`,
  ];
  if (run.stopped) lines.push(`- **Stopped:** ${escapeText(run.stopped)}`);
  if (run.outcomes.length === 0) return [...lines, ''];
  lines.push(
    '',
    '| Case | Change | Answer | Verdict | Finding if accepted |',
    '| --- | --- | --- | --- | --- |',
  );
  for (const o of run.outcomes) {
    const cells = [
      code(text(o.caseId)),
      escapeText(text(o.change)),
      escapeText(text(describeShape(o.shape, o.error))),
      o.verdict === 'accepted' ? '**accepted**' : o.verdict,
      o.ruleId ? code(o.ruleId) : '—',
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return [...lines, ''];
}
