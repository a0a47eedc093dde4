import {
  maskProbeUrl,
  type ProbeCase,
  type ProbeOutcome,
  type ProbeRun,
  type TokenSlot,
} from '../../core/probe';

/**
 * `--dry-run`: one line per request the probe would send, numbered, with the method, the masked URL and
 * what changes; cases past the request limit are listed as not sent.
 */
export function dryRunLines(
  entry: number,
  slot: TokenSlot,
  cases: readonly ProbeCase[],
  maxRequests: number,
): string[] {
  const lines = [
    `Dry run: entry ${entry}: ${cases.length} request(s) would be sent, one at a time; nothing was sent.`,
  ];
  for (const [index, c] of cases.entries()) {
    const limit = index >= maxRequests ? ' (over the limit of requests per run: not sent)' : '';
    lines.push(
      `  ${index + 1}. ${c.request.method} ${maskProbeUrl(c.request.url, slot)}  [${c.id}] ${c.change}${limit}`,
    );
  }
  return lines;
}

/** The probe run as lines under the table report: what was sent and the verdict of each. */
export function runLines(run: ProbeRun): string[] {
  const lines = [
    `Probe of entry ${run.entry}: ${run.method} ${maskProbeUrl(run.url, run.slot)} (token ${run.fingerprint}, ${run.slot.where} ${run.slot.name})`,
  ];
  const all = [run.baseline, run.negativeControl, ...run.outcomes].filter((o) => o !== undefined);
  for (const outcome of all) lines.push(`  ${outcomeLine(outcome)}`);
  if (run.stopped) lines.push(`  stopped: ${run.stopped}`);
  return lines;
}

/** `alg-none:nOnE  401 rejected  alg set to "nOnE", signature removed`, or the error instead of a status. */
export function outcomeLine(outcome: ProbeOutcome): string {
  const answer = outcome.shape
    ? `${outcome.shape.status} ${outcome.verdict}`
    : `no answer (${outcome.error ?? 'not sent'})`;
  return `${outcome.caseId.padEnd(28)} ${answer.padEnd(18)} ${outcome.change}`;
}
