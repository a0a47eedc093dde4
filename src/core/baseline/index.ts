/**
 * Baselines and drift (issue 16): learn what a team's tokens normally look like (`learnBaseline`), write
 * and read it as a reviewable file (`serializeBaseline`, `parseBaseline`), and report drift from it
 * (`driftHits`). `profileKeyOf` is the profile a token belongs to, for learning and drift alike.
 */

import type { AuditResult, CaptureHit, Policy } from '../types';
import { runDriftRules } from './drift';
import type { Baseline } from './types';

export { captureDigest } from './capture-digest';
export { BASELINE_VERSION, checkBaseline } from './check-baseline';
export { baselineControlKey, baselineControls } from './control-key';
export { alreadyLearned, type LearnMeta, learnBaseline } from './learn';
export { mergeBaselines } from './merge';
export { parseBaseline } from './parse';
export { carrierName, type ProfileKey, placeOf, profileKeyOf } from './profile-key';
export { serializeBaseline } from './serialize';
export type * from './types';

/**
 * Drift findings (`drift-*` rule ids) of an audit result against a baseline, for `Auditor.addHits`: each
 * says what the baseline expected beside what was seen (`expected` / `seen` evidence). Never throws.
 */
export function driftHits(result: AuditResult, baseline: Baseline, policy: Policy): CaptureHit[] {
  return runDriftRules(result, baseline, policy);
}
