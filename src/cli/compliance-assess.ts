import type { Baseline } from '../core/baseline/types';
import { assessCompliance } from '../core/compliance/assess';
import type { ComplianceReport, FrameworkId } from '../core/compliance/types';
import type { AuditResult } from '../core/types';
import { TOOL } from './version';

/**
 * The compliance statuses of `frameworks` (loaded on demand: compliance-option.ts imports it lazily),
 * with the baseline the scan compared with, if any.
 */
export function assessFrameworks(
  result: AuditResult,
  frameworks: readonly FrameworkId[],
  inputs: readonly string[],
  baseline?: Baseline,
): ComplianceReport {
  return assessCompliance(result, { frameworks, tool: TOOL, inputs, ...(baseline ? { baseline } : {}) });
}
