import { ruleInfo } from '../../core/rules/catalog';
import type { CaptureHit, Evidence } from '../../core/types';

/** A drift finding's rule: one the catalog puts on the baseline layer (`drift-*`). */
export function isDriftRule(ruleId: string): boolean {
  return ruleInfo(ruleId)?.scope === 'baseline';
}

/** A drift hit (by its rule), for `TokensModel.replaceHits`. */
export function isDriftHit(hit: CaptureHit): boolean {
  return isDriftRule(hit.ruleId);
}

/** A finding's evidence split for the token detail: what the baseline expected beside what was seen. */
export interface EvidenceSplit {
  expected: string[];
  seen: string[];
  /** The other evidence lines, in order. */
  other: Evidence[];
}

/**
 * Splits evidence into the drift rules' `expected` and `seen` lines and the rest. A finding with neither
 * (every non-drift finding) has empty `expected` and `seen`: it is shown as before.
 */
export function splitEvidence(evidence: readonly Evidence[]): EvidenceSplit {
  const split: EvidenceSplit = { expected: [], seen: [], other: [] };
  for (const e of evidence) {
    if (e.label === 'expected') split.expected.push(e.value);
    else if (e.label === 'seen') split.seen.push(e.value);
    else split.other.push(e);
  }
  return split;
}
