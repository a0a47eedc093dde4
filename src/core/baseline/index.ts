/**
 * Baselines and drift (issue 16). CONTRACT STUBS: the baseline helpers replace the bodies; the signatures
 * are the interface the CLI, the panel and the drift rules build on.
 */

import type { AuditResult, CaptureHit, Policy } from '../types';
import { runDriftRules } from './drift';
import type { Baseline, BaselineParse } from './types';

export { baselineControlKey, baselineControls } from './control-key';
export type * from './types';

/** Learns a baseline from an audit result; with `prior`, merges what the result adds (`baseline --update`). */
export function learnBaseline(
  result: AuditResult,
  meta: { inputs: readonly string[]; tool: { name: string; version: string } },
  prior?: Baseline,
): Baseline {
  void result;
  void prior;
  return {
    baselineVersion: 1,
    generatedBy: { ...meta.tool },
    learnedFrom: { inputs: [...meta.inputs], tokens: 0, requests: 0 },
    profiles: [],
  };
}

/** The file text: stable order, one fact per line, byte-identical for the same input. */
export function serializeBaseline(baseline: Baseline): string {
  return `${JSON.stringify(baseline, null, 2)}\n`;
}

/** Parses and validates a baseline file's text; `source` names it in the error line. */
export function parseBaseline(text: string, source: string): BaselineParse {
  void text;
  return { error: `${source}: not implemented` };
}

/**
 * Drift findings (`drift-*` rule ids) of an audit result against a baseline, for `Auditor.addHits`: each
 * says what the baseline expected beside what was seen (`expected` / `seen` evidence). Never throws.
 */
export function driftHits(result: AuditResult, baseline: Baseline, policy: Policy): CaptureHit[] {
  return runDriftRules(result, baseline, policy);
}
