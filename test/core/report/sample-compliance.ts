import type {
  ComplianceReport,
  ControlResult,
  ControlStatus,
  FrameworkResult,
} from '../../../src/core/compliance/types';
import { ACCESS, UNSECURED } from './sample-result';

/**
 * A hand-built compliance report for the HTML report's tests, following `src/core/compliance/types.ts`
 * exactly and agreeing with `sampleResult()` (same findings, fingerprints and scope). Control ids and
 * titles are from shared/COMPLIANCE.md; the statuses are made up to cover all five.
 */

const COUNTS = { tokens: 3, sightings: 4, requests: 3, hosts: 1 };

function control(
  over: Partial<ControlResult> & Pick<ControlResult, 'framework' | 'control' | 'title' | 'status'>,
): ControlResult {
  return { ruleIds: [], findings: [], evidence: '', counts: COUNTS, ...over };
}

function summaryOf(controls: readonly ControlResult[]): Record<ControlStatus, number> {
  const summary: Record<ControlStatus, number> = {
    pass: 0,
    fail: 0,
    'not-observed': 0,
    partial: 0,
    'out-of-scope': 0,
  };
  for (const c of controls) summary[c.status]++;
  return summary;
}

const PCI: ControlResult[] = [
  control({
    framework: 'pci-dss',
    control: '6.2.4',
    title: 'Software engineering techniques prevent common attacks',
    status: 'fail',
    ruleIds: ['alg-none', 'sig-stripped'],
    findings: [{ ruleId: 'alg-none', fingerprint: UNSECURED.fingerprint, severity: 'critical' }],
    evidence: '1 of 3 tokens is unsigned (alg none).',
  }),
  control({
    framework: 'pci-dss',
    control: '8.3.2',
    title: 'Authentication factors unreadable in transmission and storage',
    status: 'fail',
    ruleIds: ['token-in-url', 'insecure-transport'],
    findings: [{ ruleId: 'token-in-url', fingerprint: ACCESS.fingerprint, severity: 'high' }],
    evidence: '1 token sent in a URL query.',
  }),
  control({
    framework: 'pci-dss',
    control: '8.2.8',
    title: 'Re-authentication after 15 minutes idle',
    status: 'partial',
    ruleIds: ['exp-too-long'],
    evidence: '2 tokens, every one expires within 1 h.',
    note: 'The idle timeout of the sessions: a token lifetime bounds it but does not show it.',
  }),
  control({
    framework: 'pci-dss',
    control: '8.3.1',
    title: 'All user access authenticated',
    status: 'not-observed',
    ruleIds: ['expired-accepted'],
    counts: { tokens: 0, sightings: 0, requests: 0, hosts: 0 },
    evidence: 'No request with an expired or altered token in the capture.',
  }),
];

const SOC2: ControlResult[] = [
  control({
    framework: 'soc2',
    control: 'CC6.7',
    title: 'Transmission of information is restricted and protected',
    status: 'pass',
    ruleIds: ['insecure-transport', 'cookie-no-secure'],
    evidence: '4 token sightings on 1 host, all over HTTPS.',
  }),
  control({
    framework: 'soc2',
    control: 'CC7.1',
    title: 'Detection of configuration changes and new vulnerabilities',
    status: 'out-of-scope',
    ruleIds: ['jwks-drift'],
    note: 'Covered by the annual penetration test.',
    evidence: 'Out of scope by policy.',
  }),
];

function framework(result: Omit<FrameworkResult, 'summary'>): FrameworkResult {
  return { ...result, summary: summaryOf(result.controls) };
}

/** The sample compliance report; `frameworks` may be replaced to test edge cases. */
export function sampleCompliance(): ComplianceReport {
  return {
    scope: {
      inputs: ['capture.har'],
      timeRange: { start: '2025-03-14T09:01:00.000Z', end: '2025-03-14T09:03:00.000Z' },
      hosts: ['api.example.com'],
      tokens: 3,
      sightings: 4,
      requests: 3,
      tool: { name: 'jwt-lens', version: '0.0.0-test' },
      policyDigest: 'a'.repeat(64),
    },
    frameworks: [
      framework({
        framework: {
          id: 'pci-dss',
          name: 'PCI DSS',
          version: 'v4.0.1',
          source: 'PCI DSS v4.0.1 (June 2024), Requirements 6 and 8',
        },
        controls: PCI,
      }),
      framework({
        framework: {
          id: 'soc2',
          name: 'SOC 2',
          version: 'TSC 2017 (rev. 2022)',
          source: 'AICPA TSP Section 100',
        },
        controls: SOC2,
      }),
    ],
  };
}
