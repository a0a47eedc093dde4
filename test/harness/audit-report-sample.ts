import { readFileSync } from 'node:fs';
import { auditCapture, captureHar } from '../../src/core';
import type {
  ComplianceReport,
  ControlResult,
  ControlStatus,
  Framework,
  FrameworkResult,
} from '../../src/core/compliance/types';
import { scopeOfResult } from '../../src/core/report/html/scope';
import type { ReportOptions } from '../../src/core/report/report-types';
import type { AuditResult } from '../../src/core/types';

/**
 * The audit report of the demo capture (test/fixtures/demo.har), with statuses from a small hand-made
 * excerpt of the control mappings (shared/COMPLIANCE.md, "Suggested mappings"): a stand-in for
 * `assessCompliance` until it lands, for the browser test and the README screenshot only.
 */
export const DEMO_OPTIONS: ReportOptions = {
  includeRaw: false,
  tool: { name: 'jwt-lens', version: '0.1.0' },
  generatedAt: '2025-03-14T10:00:00.000Z',
  inputs: ['demo.har'],
};

interface ControlSpec {
  id: string;
  title: string;
  rules: string[];
  needs?: string;
  /** Pass sentence when the rules found nothing. */
  passed: string;
}

const PCI: ControlSpec[] = [
  {
    id: '6.2.4',
    title: 'Software engineering techniques prevent common attacks',
    rules: ['alg-none', 'alg-none-accepted', 'hdr-kid-injection', 'hmac-weak-secret'],
    passed: 'Every token signed with an accepted algorithm.',
  },
  {
    id: '8.3.1',
    title: 'All user access authenticated',
    rules: ['alg-none-accepted', 'exp-expired-accepted'],
    passed: 'No server accepted an unsigned or expired token.',
  },
  {
    id: '8.3.2',
    title: 'Authentication factors unreadable in transmission and storage',
    rules: ['token-in-url', 'transport-cleartext'],
    passed: 'Every token sighting over HTTPS, none in a URL.',
  },
  {
    id: '8.2.8',
    title: 'Re-authentication after 15 minutes idle',
    rules: ['lifetime-excessive'],
    needs: 'The sessions’ idle timeout: a token lifetime bounds it but does not show it.',
    passed: 'Every token expires within the policy’s limit.',
  },
];

const NIST_53: ControlSpec[] = [
  {
    id: 'SC-8',
    title: 'Transmission confidentiality and integrity',
    rules: ['transport-cleartext', 'token-in-url'],
    passed: 'Every token sighting over HTTPS, none in a URL.',
  },
  {
    id: 'SC-12',
    title: 'Cryptographic key establishment and management',
    rules: ['key-publicly-known', 'rsa-key-too-short'],
    needs: 'Key generation, storage and rotation records: a capture shows only public keys and key ids.',
    passed: 'No token signed with a published or short key.',
  },
  {
    id: 'SC-13',
    title: 'Cryptographic protection',
    rules: ['sig-invalid', 'sig-stripped', 'alg-confusion-forged', 'sig-ecdsa-zero'],
    passed: 'Every signature that could be checked verified; none stripped or forged.',
  },
  {
    id: 'SC-23',
    title: 'Session authenticity',
    rules: ['cookie-no-secure', 'cookie-no-httponly', 'cookie-samesite-weak'],
    passed: 'Every token cookie Secure, HttpOnly and SameSite.',
  },
  {
    id: 'SC-23(1)',
    title: 'Invalidate session identifiers at logout',
    rules: ['logout-token-nonconformant'],
    passed: '',
  },
];

/** Runs the audit over the demo capture at the demo's clock. */
export function demoResult(): AuditResult {
  const capture = captureHar(JSON.parse(readFileSync('test/fixtures/demo.har', 'utf8')));
  if ('error' in capture) throw new Error(capture.error);
  return auditCapture([capture], { now: Date.UTC(2025, 2, 14, 9, 30) / 1000 });
}

export function demoCompliance(result: AuditResult): ComplianceReport {
  const scope = scopeOfResult(result, DEMO_OPTIONS);
  const counts = {
    tokens: scope.tokens,
    sightings: scope.sightings,
    requests: scope.requests,
    hosts: scope.hosts.length,
  };
  const framework = (meta: Framework, specs: ControlSpec[]): FrameworkResult => {
    const controls = specs.map((spec) => controlResult(meta, spec, result, counts));
    const summary: Record<ControlStatus, number> = {
      pass: 0,
      fail: 0,
      partial: 0,
      'not-observed': 0,
      'out-of-scope': 0,
    };
    for (const c of controls) summary[c.status]++;
    return { framework: meta, controls, summary };
  };
  return {
    scope,
    frameworks: [
      framework(
        { id: 'pci-dss', name: 'PCI DSS', version: 'v4.0.1', source: 'PCI DSS v4.0.1, Requirements 6 and 8' },
        PCI,
      ),
      framework(
        {
          id: 'nist-800-53',
          name: 'NIST SP 800-53',
          version: 'Rev. 5',
          source: 'NIST SP 800-53 Rev. 5, System and Communications Protection (SC)',
        },
        NIST_53,
      ),
    ],
  };
}

function controlResult(
  meta: Framework,
  spec: ControlSpec,
  result: AuditResult,
  counts: ControlResult['counts'],
): ControlResult {
  const findings = result.findings
    .filter((f) => spec.rules.includes(f.ruleId))
    .map((f) => ({ ruleId: f.ruleId, fingerprint: f.fingerprint, severity: f.severity }));
  const base = {
    framework: meta.id,
    control: spec.id,
    title: spec.title,
    ruleIds: spec.rules,
    findings,
    counts,
  };
  if (!spec.passed) {
    const none = { tokens: 0, sightings: 0, requests: 0, hosts: 0 };
    return {
      ...base,
      status: 'not-observed',
      counts: none,
      evidence: 'No logout in the capture: nothing shows whether sessions end with it.',
    };
  }
  const rules = [...new Set(findings.map((f) => f.ruleId))];
  const evidence = findings.length
    ? `${findings.length} finding(s) of ${rules.join(', ')} in ${counts.tokens} tokens.`
    : spec.passed;
  if (findings.length) return { ...base, status: 'fail', evidence };
  return spec.needs
    ? { ...base, status: 'partial', evidence, note: spec.needs }
    : { ...base, status: 'pass', evidence };
}
