import { describeShape } from '../../probe/describe';
import type { ProbeOutcome, ProbeRun } from '../../probe/types';
import { probeText } from '../probe-report';
import type { ReportContext } from '../report-context';
import { el, type Html } from './markup';

/** Cases listed per run at most (a plan has 30, baseline and negative control included). */
const MAX_ROWS = 64;

/** One answer in a line, masked as the other reports mask it. */
function answer(o: ProbeOutcome | undefined, ctx: ReportContext, fp: string): string {
  if (!o) return 'not sent';
  return `${probeText(describeShape(o.shape, o.error), ctx, fp)} (${o.verdict})`;
}

function caseRow(o: ProbeOutcome, ctx: ReportContext, fp: string): Html {
  const text = (value: string) => probeText(value, ctx, fp);
  return el(
    'tr',
    { class: `verdict-${o.verdict}`, 'data-testid': 'probe-case' },
    el('td', null, el('code', null, text(o.caseId))),
    el('td', null, text(o.change)),
    el('td', null, text(describeShape(o.shape, o.error))),
    el('td', null, o.verdict === 'accepted' ? el('strong', null, 'accepted') : o.verdict),
    el('td', null, o.ruleId ? el('code', null, o.ruleId) : '—'),
  );
}

function runArticle(run: ProbeRun, ctx: ReportContext): Html {
  const fp = run.fingerprint;
  const text = (value: string) => probeText(value, ctx, fp);
  const head = el(
    'tr',
    null,
    ['Case', 'What was sent', 'Answer', 'Verdict', 'Finding if accepted'].map((h) =>
      el('th', { scope: 'col' }, h),
    ),
  );
  const outcomes = Array.isArray(run.outcomes) ? run.outcomes.slice(0, MAX_ROWS) : [];
  return el(
    'article',
    { class: 'probe-run', 'data-testid': 'probe-run' },
    el(
      'h3',
      null,
      `${text(run.method)} `,
      el('code', null, probeText(run.url, ctx, fp, run.slot)),
      ` (entry ${run.entry})`,
    ),
    el(
      'dl',
      null,
      el('dt', null, 'Token'),
      el('dd', null, el('code', null, fp), ` in ${run.slot.where} `, el('code', null, text(run.slot.name))),
      el('dt', null, 'Started'),
      el('dd', null, text(run.startedAt)),
      el('dt', null, 'Baseline (token as captured)'),
      el('dd', null, answer(run.baseline, ctx, fp)),
      el('dt', null, 'Negative control (no token)'),
      el('dd', null, answer(run.negativeControl, ctx, fp)),
      run.stopped ? [el('dt', null, 'Stopped'), el('dd', null, text(run.stopped))] : null,
    ),
    outcomes.length > 0
      ? el(
          'table',
          { class: 'findings', 'data-testid': 'probe-cases' },
          el('thead', null, head),
          el(
            'tbody',
            null,
            outcomes.map((o) => caseRow(o, ctx, fp)),
          ),
        )
      : null,
  );
}

/**
 * The "Probes" section of the audit report (a `jwt-lens probe` run): what the CLI sent, to where, and what
 * came back, per run: the request (URL masked), where the token sat, the baseline's and the negative
 * control's answers, then each tampered case with what it changed, the answer and the verdict. Never a
 * token or its signature: every text goes through `probeText`, whatever raw output was asked for.
 */
export function probesSection(runs: readonly ProbeRun[] | undefined, ctx: ReportContext): Html | null {
  if (!runs || runs.length === 0) return null;
  return el(
    'section',
    { id: 'probes', 'aria-label': 'Probes', 'data-testid': 'probes' },
    el('h2', null, 'Probes: what the server accepted'),
    el(
      'p',
      null,
      'Unlike the rest of this report, these results are active: the jwt-lens probe command replayed the captured request below to the origin that received it, once unchanged (baseline), once without the token (negative control), then once per tampered token, one request at a time, and judged each answer against both references on status and response shape. An accepted tampered token is a finding; a refused one is evidence that the control operates.',
    ),
    runs.map((run) => runArticle(run, ctx)),
  );
}
