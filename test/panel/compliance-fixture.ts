/**
 * A hand-built `ComplianceReport` for the panel tests, following src/core/compliance/types.ts exactly (the
 * engine is not used). Control ids and titles are those of shared/COMPLIANCE.md; counts are made up.
 */
import type {
  ComplianceReport,
  ControlResult,
  ControlStatus,
  FrameworkResult,
} from '../../src/core/compliance/types';

type ControlFinding = ControlResult['findings'][number];

const COUNTS = { tokens: 2, sightings: 3, requests: 3, hosts: 2 };

function control(
  framework: ControlResult['framework'],
  id: string,
  title: string,
  status: ControlStatus,
  extra: Partial<ControlResult> = {},
): ControlResult {
  return {
    framework,
    control: id,
    title,
    status,
    ruleIds: [],
    findings: [],
    evidence: '',
    counts: { ...COUNTS },
    ...extra,
  };
}

function summarize(controls: readonly ControlResult[]): Record<ControlStatus, number> {
  const summary = { pass: 0, fail: 0, 'not-observed': 0, partial: 0, 'out-of-scope': 0 };
  for (const c of controls) summary[c.status]++;
  return summary;
}

/** PCI DSS: one control per status; `findings` go under the failing 8.3.2. */
export function pciDss(
  findings: ControlFinding[],
  title832 = 'Authentication factors unreadable in transit and storage',
): FrameworkResult {
  const controls = [
    control('pci-dss', '8.3.2', title832, 'fail', {
      ruleIds: ['alg-none', 'token-in-url'],
      findings,
      evidence: `${findings.length} findings on 1 token sent over HTTP or unsigned`,
    }),
    control('pci-dss', '4.2.1', 'Strong cryptography for PAN over open, public networks', 'pass', {
      ruleIds: ['transport-insecure'],
      evidence: '3 token sightings on 2 hosts, all over HTTPS',
      counts: { tokens: 2, sightings: 3, requests: 3, hosts: 2 },
    }),
    control('pci-dss', '8.6.3', 'Application and system account passwords protected', 'partial', {
      ruleIds: ['hmac-weak-secret'],
      evidence: '2 HMAC tokens checked against the bundled wordlist: no secret found',
      note: 'The key management procedure: how signing secrets are generated, stored and rotated.',
    }),
    control('pci-dss', '8.2.8', 'Re-authentication after 15 minutes idle', 'not-observed', {
      ruleIds: ['refresh-lifetime-excessive'],
      evidence: 'No refresh token in the capture',
      counts: { tokens: 0, sightings: 0, requests: 0, hosts: 0 },
    }),
    control('pci-dss', '12.10.7', 'Response when PAN is found where not expected', 'out-of-scope', {
      note: 'No cardholder data flows through this application (policy).',
      evidence: 'Not assessed',
    }),
  ];
  return {
    framework: { id: 'pci-dss', name: 'PCI DSS', version: 'v4.0.1', source: 'PCI DSS v4.0.1 (June 2024)' },
    controls,
    summary: summarize(controls),
  };
}

/** HIPAA: two controls, both passing. */
export function hipaa(): FrameworkResult {
  const controls = [
    control('hipaa', '164.312(e)(1)', 'Transmission security', 'pass', {
      ruleIds: ['transport-insecure'],
      evidence: '3 token sightings on 2 hosts, all over HTTPS',
    }),
    control('hipaa', '164.312(d)', 'Person or entity authentication', 'pass', {
      ruleIds: ['sig-unverifiable'],
      evidence: '2 tokens, every signature verified',
    }),
  ];
  return {
    framework: { id: 'hipaa', name: 'HIPAA Security Rule', version: '45 CFR 164.312', source: '45 CFR 164' },
    controls,
    summary: summarize(controls),
  };
}

/** The whole report: HIPAA listed first on purpose (the picker orders frameworks itself). */
export function complianceReport(frameworks: FrameworkResult[]): ComplianceReport {
  return {
    scope: {
      inputs: ['live capture'],
      timeRange: { start: '2030-01-01T00:00:00Z', end: '2030-01-01T00:05:00Z' },
      hosts: ['api.example.test', 'app.example.test'],
      tokens: 2,
      sightings: 3,
      requests: 3,
      tool: { name: 'jwt-lens', version: '0.0.0-test' },
      policyDigest: 'a'.repeat(64),
    },
    frameworks,
  };
}
