import { assessCompliance } from '../core/compliance/assess';
import type { ComplianceReport, FrameworkId } from '../core/compliance/types';
import type { AuditResult } from '../core/types';
import { TOOL } from './version';

/** The compliance statuses of `frameworks` (loaded on demand: compliance-option.ts imports it lazily). */
export function assessFrameworks(
  result: AuditResult,
  frameworks: readonly FrameworkId[],
  inputs: readonly string[],
): ComplianceReport {
  return assessCompliance(result, { frameworks, tool: TOOL, inputs });
}
