/**
 * Probe planning and judgement (issue 15): the tampered-token recipes and the verdict logic, pure. The
 * sender lives in `src/cli/probe` only; nothing here sends anything.
 */

export { assessProbeRun } from './assess';
export { describeShape, maskProbeUrl } from './describe';
export { isAcceptedAnswer, isLoginAnswer, judgeProbe, sameAnswer } from './judge';
export { MAX_PROBE_CASES, planProbes } from './plan';
export { PROBE_RULE, PROBE_RULE_IDS } from './rule-ids';
export { lengthBucket, shapeOf } from './shape';
export type * from './types';
