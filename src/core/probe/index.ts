/**
 * Probe planning and judgement (issue 15). CONTRACT STUBS: the probe helper replaces the bodies; the
 * signatures are the interface the CLI sender and the reports build on.
 */

import type { CaptureHit } from '../types';
import type {
  ProbeAssessment,
  ProbeCase,
  ProbeMaterial,
  ProbeRequest,
  ProbeRun,
  ProbeVerdict,
  ResponseShape,
  TokenSlot,
} from './types';

export type * from './types';

/**
 * Plans every case for one token in one request: baseline, negative control, then the tampered tokens
 * that apply to this token (ES only for psychic signatures, a key set for alg confusion, a secret for the
 * re-signed time cases). Never throws; a token that cannot be probed gives `{ error }`.
 */
export async function planProbes(
  request: ProbeRequest,
  slot: TokenSlot,
  token: string,
  material: ProbeMaterial,
): Promise<{ cases: ProbeCase[] } | { error: string }> {
  void request;
  void slot;
  void token;
  void material;
  return { cases: [] };
}

/** Reads the shape of a response (status, content type, length bucket, JSON keys). */
export function shapeOf(
  status: number,
  headers: readonly { name: string; value: string }[],
  body: string,
): ResponseShape {
  void headers;
  return { status, contentType: '', lengthBucket: body.length, jsonKeys: [] };
}

/** Judges one probe's answer against the baseline's and the negative control's. */
export function judgeProbe(
  baseline: ResponseShape,
  negative: ResponseShape,
  probe: ResponseShape,
): ProbeVerdict {
  void baseline;
  void negative;
  void probe;
  return 'inconclusive';
}

/** Findings and passes of a finished run. */
export function assessProbeRun(run: ProbeRun): ProbeAssessment {
  void run;
  const hits: CaptureHit[] = [];
  return { hits, passedRuleIds: [] };
}
