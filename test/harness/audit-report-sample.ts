import { readFileSync } from 'node:fs';
import { auditCapture, captureHar } from '../../src/core';
import { assessCompliance } from '../../src/core/compliance';
import type { ComplianceReport, FrameworkId } from '../../src/core/compliance/types';
import type { ReportOptions } from '../../src/core/report/report-types';
import type { AuditResult } from '../../src/core/types';

/** The audit report of the demo capture (test/fixtures/demo.har), for the browser test and the README screenshot. */
export const DEMO_OPTIONS: ReportOptions = {
  includeRaw: false,
  tool: { name: 'jwt-lens', version: '0.1.0' },
  generatedAt: '2025-03-14T10:00:00.000Z',
  inputs: ['demo.har'],
};

/**
 * Three frameworks whose tables on the demo hold every status but pass (the demo is built to fail): PCI DSS
 * (fail, partial), SP 800-63B-4 (fail, partial, and out of scope for the AALs other than the policy's) and
 * SP 800-53 (fail, partial, not observed: no logout in the capture).
 */
export const DEMO_FRAMEWORKS: readonly FrameworkId[] = ['pci-dss', 'nist-800-63b', 'nist-800-53'];

/** Runs the audit over the demo capture at the demo's clock. */
export function demoResult(): AuditResult {
  const capture = captureHar(JSON.parse(readFileSync('test/fixtures/demo.har', 'utf8')));
  if ('error' in capture) throw new Error(capture.error);
  return auditCapture([capture], { now: Date.UTC(2025, 2, 14, 9, 30) / 1000 });
}

/** The engine's statuses for the demo, as `scan demo.har --compliance pci-dss,nist-800-63b,nist-800-53` has them. */
export function demoCompliance(result: AuditResult): ComplianceReport {
  return assessCompliance(result, {
    frameworks: DEMO_FRAMEWORKS,
    tool: DEMO_OPTIONS.tool,
    inputs: DEMO_OPTIONS.inputs,
  });
}
