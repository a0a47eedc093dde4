import type { ComplianceReport, FrameworkId } from '../compliance/types';
import type { Baseline } from './types';

/** The key of a control in `Baseline.controls`: `asvs/v5.0.0-9.1.1`, `pci-dss/8.3.2`. */
export function baselineControlKey(framework: FrameworkId, control: string): string {
  return `${framework}/${control}`;
}

/**
 * The control statuses a baseline keeps from the compliance report of the captures it was learned from,
 * so a later report can say that a control that passed then fails now. Out-of-scope controls are left
 * out: the policy decided them, not the capture.
 */
export function baselineControls(report: ComplianceReport): NonNullable<Baseline['controls']> {
  const out: NonNullable<Baseline['controls']> = {};
  for (const { controls } of report.frameworks)
    for (const c of controls)
      if (c.status !== 'out-of-scope') out[baselineControlKey(c.framework, c.control)] = c.status;
  return out;
}
