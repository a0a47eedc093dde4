import type { Control, FrameworkId } from '../types';
import { ASVS_CONTROLS, NIST_800_63B_CONTROLS } from './guidance';
import { GDPR_CONTROLS, HIPAA_CONTROLS, PCI_DSS_CONTROLS, SOC2_CONTROLS } from './regulations';
import { ISO27001_CONTROLS, NIST_800_53_CONTROLS } from './standards';

/** The controls of each framework JWT Lens can speak to, in the framework's own order. */
export const CONTROLS: Readonly<Record<FrameworkId, readonly Control[]>> = {
  'pci-dss': PCI_DSS_CONTROLS,
  hipaa: HIPAA_CONTROLS,
  gdpr: GDPR_CONTROLS,
  soc2: SOC2_CONTROLS,
  iso27001: ISO27001_CONTROLS,
  'nist-800-63b': NIST_800_63B_CONTROLS,
  'nist-800-53': NIST_800_53_CONTROLS,
  asvs: ASVS_CONTROLS,
};

/** The control of a framework with this id, or `undefined`. */
export function findControl(framework: FrameworkId, id: string): Control | undefined {
  return CONTROLS[framework].find((control) => control.id === id);
}
