import type { ProbeRun } from '../probe/types';
import type { AuditResult, Severity } from '../types';
import { summarize } from './json-report';
import { probeLines } from './probe-table';
import { createReportContext, SEVERITIES } from './report-context';
import { sanitize } from './sanitize';

/** How the terminal table is drawn. */
export interface TableOptions {
  /** ANSI colours for severities (the CLI turns them off for pipes and `NO_COLOR`). */
  color: boolean;
  /** Terminal width in columns; the detail column takes what is left. */
  width: number;
  /** Show token text unmasked in details (the CLI's `--include-raw`). */
  includeRaw?: boolean;
  /** Probe runs (`jwt-lens probe`): listed before the findings, one line per case. */
  probes?: readonly ProbeRun[];
}

const ANSI: Record<Severity, string> = { critical: '1;31', high: '31', medium: '33', low: '36', info: '2' };
const MIN_DETAIL = 24;
const GAP = '  ';

/**
 * The findings as a plain-text table for a terminal (severity, rule, token fingerprint, detail),
 * one line per finding, followed by a summary line. Text from traffic is stripped of control
 * characters so a hostile token cannot drive the terminal with escape sequences.
 */
export function toTable(result: AuditResult, options: TableOptions): string {
  const summary = summarize(result);
  const tail = summaryLine(result);
  const none = `No findings in ${summary.tokens} token(s).\n${tail}\n`;
  if (summary.findings === 0 && !options.probes?.length) return none;
  const ctx = createReportContext(result, options.includeRaw === true);
  const probes = options.probes?.length ? `${probeLines(options.probes, ctx).join('\n')}\n\n` : '';
  if (summary.findings === 0) return `${probes}${none}`;
  const { scrub } = ctx;
  const ruleWidth = Math.min(28, Math.max(4, longestRule(result)));
  const fixed = 8 + ruleWidth + 16 + GAP.length * 3;
  const detailWidth = Math.max(MIN_DETAIL, options.width - fixed);
  const paint = (severity: Severity, text: string) =>
    options.color ? `\u001b[${ANSI[severity]}m${text}\u001b[0m` : text;
  const head = ['SEVERITY', pad('RULE', ruleWidth), pad('TOKEN', 16), 'DETAIL'].join(GAP);
  const rows = result.findings.map((f) =>
    [
      paint(f.severity, pad(f.severity.toUpperCase(), 8)),
      pad(clip(sanitize(f.ruleId), ruleWidth), ruleWidth),
      pad(f.fingerprint || '—', 16),
      clip(sanitize(scrub(f.detail, f.fingerprint)), detailWidth),
    ].join(GAP),
  );
  return `${probes}${[head, ...rows].join('\n')}\n\n${tail}\n`;
}

/** `12 findings in 7 tokens: 2 critical, 3 high, … (1 ignored by policy)`. */
export function summaryLine(result: AuditResult): string {
  const s = summarize(result);
  const parts = SEVERITIES.filter((severity) => s[severity] > 0).map(
    (severity) => `${s[severity]} ${severity}`,
  );
  const counts = parts.length ? `: ${parts.join(', ')}` : '';
  const ignored = result.ignoredCount ? ` (${result.ignoredCount} ignored by policy)` : '';
  return `${s.findings} finding${s.findings === 1 ? '' : 's'} in ${s.tokens} token${s.tokens === 1 ? '' : 's'}${counts}${ignored}`;
}

function longestRule(result: AuditResult): number {
  let longest = 0;
  for (const f of result.findings) longest = Math.max(longest, f.ruleId.length);
  return longest;
}

/** Cuts to `width` code points, marking the cut with an ellipsis. */
function clip(text: string, width: number): string {
  const chars = Array.from(text);
  return chars.length <= width ? text : `${chars.slice(0, width - 1).join('')}…`;
}

function pad(text: string, width: number): string {
  const length = Array.from(text).length;
  return length >= width ? text : text + ' '.repeat(width - length);
}
