import { assessCompliance } from '../compliance/assess';
import { FRAMEWORK_IDS } from '../compliance/frameworks';
import type { AuditResult } from '../types';
import { baselineControls } from './control-key';
import { sortRecord } from './order';
import type { Baseline } from './types';

type Controls = NonNullable<Baseline['controls']>;
type LearnedStatus = Controls[string];

/**
 * The status of every control of every framework when the baseline is learned, so a later scan can say
 * that a control that passed then fails now. Controls the policy takes out of scope are left out.
 */
export function learnControls(result: AuditResult, tool: { name: string; version: string }): Controls {
  return sortRecord(baselineControls(assessCompliance(result, { frameworks: FRAMEWORK_IDS, tool })));
}

/**
 * Which status a merged baseline keeps: what any reviewed capture showed, the weakest first. A control a
 * reviewed capture failed was accepted failing, so drift must not report it as newly failing.
 */
const RANK: Record<LearnedStatus, number> = { fail: 0, partial: 1, pass: 2, 'not-observed': 3 };

export function mergeControls(a: Controls | undefined, b: Controls | undefined): Controls | undefined {
  if (!a || !b) return a ? sortRecord(a) : b ? sortRecord(b) : undefined;
  const out = new Map(Object.entries(a));
  for (const [key, status] of Object.entries(b)) {
    const seen = out.get(key);
    if (seen === undefined || RANK[status] < RANK[seen]) out.set(key, status);
  }
  return sortRecord(Object.fromEntries(out));
}
