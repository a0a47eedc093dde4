import type { ProbeCase, ProbeOutcome, ProbeRequest, ProbeRun, ResponseShape } from '../../core/probe';
import { isAcceptedAnswer, judgeProbe, sameAnswer, shapeOf } from '../../core/probe';
import type { SendResult } from './send';
import { originRefusal, refusalOf, type TargetPolicy } from './target';

/** What running the cases needs besides them. */
export interface CaseRunner {
  /** The request of the HAR entry: every case must go to its origin. */
  original: ProbeRequest;
  policy: TargetPolicy;
  /** Requests sent at most, baseline and negative control included. */
  maxRequests: number;
  /** Sends one request; the runner awaits each before the next, so at most one is in flight. */
  send(request: ProbeRequest): Promise<SendResult>;
  /** Told of each outcome as it comes (progress on a terminal). */
  onOutcome?(outcome: ProbeOutcome, sent: number): void;
}

/** The run's results, and the problem that kept any probe from running (`entry N: <problem>` for the user). */
export type CaseResults = Pick<ProbeRun, 'baseline' | 'negativeControl' | 'outcomes' | 'stopped'> & {
  problem?: string;
};

/**
 * Sends the baseline, then the negative control, then each tampered case, one at a time, and judges
 * each tampered answer against both. Stops before the tampered cases when the baseline is not accepted or
 * the request without the token is not rejected (nothing could be proved), and at `maxRequests`. A case
 * that would leave the original origin or break the target rules is refused, not sent.
 */
export async function runCases(cases: readonly ProbeCase[], runner: CaseRunner): Promise<CaseResults> {
  const baselineCase = cases.find((c) => c.kind === 'baseline');
  const negativeCase = cases.find((c) => c.kind === 'negative-control');
  if (!baselineCase || !negativeCase) return { outcomes: [], problem: 'nothing to probe for this token' };
  let sent = 0;
  const send = async (c: ProbeCase): Promise<Answered> => {
    const refused = refusalOf(c.request, runner.policy) ?? originRefusal(runner.original, c.request);
    const answer = refused ? { error: refused, durationMs: 0 } : await runner.send(c.request);
    if (!refused) sent++;
    return answered(c, answer);
  };
  const baseline = await send(baselineCase);
  runner.onOutcome?.(baseline.outcome, sent);
  if (!baseline.shape)
    return { baseline: baseline.outcome, outcomes: [], problem: `baseline: ${baseline.outcome.error}` };
  const accepted = isAcceptedAnswer(baseline.shape);
  baseline.outcome.verdict = accepted ? 'accepted' : 'rejected';
  if (!accepted) return { baseline: baseline.outcome, outcomes: [], stopped: 'baseline not accepted' };
  const negative = await send(negativeCase);
  runner.onOutcome?.(negative.outcome, sent);
  const results: CaseResults = {
    baseline: baseline.outcome,
    negativeControl: negative.outcome,
    outcomes: [],
  };
  if (!negative.shape) return { ...results, problem: `negative control: ${negative.outcome.error}` };
  const required = !sameAnswer(baseline.shape, negative.shape);
  negative.outcome.verdict = required ? 'rejected' : 'accepted';
  if (!required) return { ...results, stopped: 'endpoint does not require this token' };
  for (const c of cases) {
    if (c === baselineCase || c === negativeCase) continue;
    if (sent >= runner.maxRequests) return { ...results, stopped: 'request limit reached' };
    const { outcome, shape } = await send(c);
    if (shape) outcome.verdict = judgeProbe(baseline.shape, negative.shape, shape);
    results.outcomes.push(outcome);
    runner.onOutcome?.(outcome, sent);
  }
  return results;
}

interface Answered {
  outcome: ProbeOutcome;
  shape?: ResponseShape;
}

function answered(c: ProbeCase, answer: SendResult): Answered {
  const outcome: ProbeOutcome = { caseId: c.id, kind: c.kind, change: c.change, verdict: 'inconclusive' };
  if (c.ruleId !== undefined) outcome.ruleId = c.ruleId;
  outcome.durationMs = Math.round(answer.durationMs);
  if ('error' in answer) {
    outcome.error = answer.error;
    return { outcome };
  }
  const shape = shapeOf(answer.status, answer.headers, answer.body);
  outcome.shape = shape;
  return { outcome, shape };
}
