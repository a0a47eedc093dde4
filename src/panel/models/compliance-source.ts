/*
 * STAND-IN (issue 14, helper G) — the lead replaces this whole file with the engine's export, e.g.
 *   export { assessCompliance } from '../../core/compliance';
 * (and its options type), once helper E's `assessCompliance(result, options)` is merged. Until then it
 * returns every framework with no controls, so the panel's Compliance view and the HTML export run end to
 * end; tests inject hand-built reports through `PanelDeps.assessCompliance` instead.
 */
import type { ComplianceReport, ControlStatus, FrameworkId } from '../../core/compliance/types';
import type { ToolInfo } from '../../core/report';
import type { AuditResult } from '../../core/types';

/** What the panel passes to the engine (STAND-IN shape: align with helper E's options when swapping). */
export interface ComplianceOptions {
  tool: ToolInfo;
  inputs?: readonly string[];
}

const IDS: readonly FrameworkId[] = [
  'pci-dss',
  'hipaa',
  'gdpr',
  'soc2',
  'iso27001',
  'nist-800-63b',
  'nist-800-53',
  'asvs',
];
const NO_CONTROLS: Record<ControlStatus, number> = {
  pass: 0,
  fail: 0,
  'not-observed': 0,
  partial: 0,
  'out-of-scope': 0,
};

/** STAND-IN for the engine's `assessCompliance`: scope counts only, no control catalogue. */
export function assessCompliance(result: AuditResult, options: ComplianceOptions): ComplianceReport {
  const sightings = result.tokens.flatMap((r) => r.sightings);
  return {
    scope: {
      inputs: [...(options.inputs ?? [])],
      timeRange: result.timeRange ?? null,
      hosts: [],
      tokens: result.tokens.length,
      sightings: sightings.length,
      requests: new Set(sightings.map((s) => s.requestId)).size,
      tool: { ...options.tool },
      policyDigest: '',
    },
    frameworks: IDS.map((id) => ({
      framework: { id, name: id, version: '', source: 'stand-in: no catalogue yet' },
      controls: [],
      summary: { ...NO_CONTROLS },
    })),
  };
}
