/**
 * Probe planning and judgement (issue 15): the tampered-token recipes and the verdict logic, pure. The
 * sender lives in `src/cli/probe` only; nothing here sends anything. A sender's loop:
 *
 * 1. `planProbes(request, slot, token, material)`: the cases, baseline and negative control first;
 * 2. send the baseline; `isAcceptedAnswer(shapeOf(…))` or stop with `baseline not accepted`;
 * 3. send the negative control; `judgeProbe(b, n, n) === 'rejected'` or stop with `endpoint does not
 *    require this token` (the endpoint answers the same without the token);
 * 4. send each tampered case and record `judgeProbe(b, n, shapeOf(…))`;
 * 5. `assessProbeRun(run)`: the hits go to the audit (`extraHits`), the run to `ReportOptions.probes`
 *    and `ComplianceOptions.probes`.
 */

export { assessProbeRun } from './assess';
export { describeShape, maskProbeUrl } from './describe';
export { isAcceptedAnswer, isLoginAnswer, judgeProbe, sameAnswer } from './judge';
export { MAX_PROBE_CASES, planProbes } from './plan';
export { PROBE_RULE, PROBE_RULE_IDS } from './rule-ids';
export { lengthBucket, shapeOf } from './shape';
export type * from './types';
