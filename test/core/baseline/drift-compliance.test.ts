import { describe, expect, it } from 'vitest';
import { baselineControls } from '../../../src/core/baseline';
import { assessCompliance, type ComplianceOptions } from '../../../src/core/compliance';
import type { ControlResult } from '../../../src/core/compliance/types';
import { ruleInfo } from '../../../src/core/rules/catalog';
import type { AuditResult } from '../../../src/core/types';
import { accessProfile, accessToken, auditEntries, auditWithDrift, baselineOf, use } from './drift-helpers';

const TOOL = { name: 'jwt-lens', version: '0.1.0' };

function control(
  result: AuditResult,
  framework: string,
  id: string,
  options: Partial<ComplianceOptions> = {},
) {
  const report = assessCompliance(result, { tool: TOOL, ...options });
  const found = report.frameworks
    .flatMap((f) => f.controls)
    .find((c) => c.framework === framework && c.control === id);
  if (!found) throw new Error(`${framework} ${id} not assessed`);
  return found as ControlResult;
}

describe('drift findings in the audit and the compliance statuses', () => {
  it('land in the audit as findings with the catalog’s title and the expected/seen evidence', async () => {
    const baseline = baselineOf([accessProfile()]);
    const token = await accessToken({ claims: { email: 'alice@example.org' } });
    const result = auditWithDrift([use(token)], baseline);
    const drift = result.findings.filter((f) => f.ruleId.startsWith('drift-'));
    expect(drift.map((f) => [f.ruleId, f.severity, f.title])).toEqual([
      ['drift-claim-added', 'high', ruleInfo('drift-claim-added')?.title],
    ]);
    expect(drift[0]?.evidence.map((e) => e.label)).toEqual(['expected', 'seen']);
  });

  it('leave change control not observed without a baseline, partial (no finding) with a matching one', async () => {
    const token = await accessToken();
    const without = control(auditEntries([use(token)]), 'nist-800-53', 'CM-3');
    expect([without.status, without.evidence]).toEqual([
      'not-observed',
      'Nothing to check: no token compared with a baseline in the capture.',
    ]);
    const baseline = baselineOf([accessProfile()]);
    const matching = control(auditWithDrift([use(token)], baseline), 'nist-800-53', 'CM-3', { baseline });
    expect(matching.status).toBe('partial');
    expect(matching.findings).toEqual([]);
    expect(matching.evidence).toBe('Seen: 1 token compared with a baseline learned from e2e.har.');
  });

  it('put a drift finding under change control, only partly (the change records are the organisation’s)', async () => {
    const baseline = baselineOf([accessProfile()]);
    const result = auditWithDrift([use(await accessToken({ claims: { tenant: 'acme' } }))], baseline);
    for (const [framework, id] of [
      ['nist-800-53', 'CM-3'],
      ['pci-dss', '6.5.1'],
      ['soc2', 'CC8.1'],
      ['iso27001', '8.32'],
    ] as const) {
      const c = control(result, framework, id, { baseline });
      expect([c.status, c.findings.map((f) => f.ruleId)]).toEqual(['partial', ['drift-claim-added']]);
    }
  });

  it('say that a control which passed in the baseline fails now', async () => {
    const token = await accessToken();
    const entries = [use(token, { url: 'http://api.example.com/v1/orders' })];
    const passed = baselineOf([accessProfile()], {
      'nist-800-53/SC-8': 'pass',
      'asvs/v5.0.0-12.2.1': 'fail',
    });
    const result = auditWithDrift(entries, passed);
    const sc8 = control(result, 'nist-800-53', 'SC-8', { baseline: passed });
    expect(sc8.status).toBe('fail');
    expect(sc8.evidence).toMatch(/^Passed in the baseline, fails now: 1 finding \(transport-cleartext\)/);
    // Failed then too: no regression to report.
    const asvs = control(result, 'asvs', 'v5.0.0-12.2.1', { baseline: passed });
    expect(asvs.status).toBe('fail');
    expect(asvs.evidence).not.toContain('baseline');
    // Without a baseline the same failure says nothing about one.
    expect(control(result, 'nist-800-53', 'SC-8').evidence).not.toContain('baseline');
  });

  it('keep, for a baseline, every control status but the out-of-scope ones, keyed framework/control', async () => {
    const result = auditEntries([use(await accessToken())]);
    const report = assessCompliance(result, { tool: TOOL, frameworks: ['nist-800-53', 'nist-800-63b'] });
    const controls = baselineControls(report);
    expect(controls['nist-800-53/SC-8']).toBe('pass');
    expect(controls['nist-800-63b/§2.2.3']).toBeDefined();
    // AAL1 and AAL3 sections are out of scope under the default AAL2.
    expect(controls['nist-800-63b/§2.1.3']).toBeUndefined();
    expect(Object.keys(controls).every((k) => /^nist-800-(53|63b)\//.test(k))).toBe(true);
  });
});
