import { describe, expect, it } from 'vitest';
import type { JsonReport } from '../../src/core/report/report-types';
import { createReportValidator } from '../core/report/schema-validator';
import { DEMO, runCli } from './fake-io';

const KNOWN = 'known: pci-dss, hipaa, gdpr, soc2, iso27001, nist-800-63b, nist-800-53, asvs, all';

describe('scan --compliance', () => {
  it('adds a compliance section to the JSON report, for the frameworks named', async () => {
    const run = await runCli(['scan', DEMO, '--format', 'json', '--compliance', 'asvs,pci-dss']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(createReportValidator()(report)).toEqual([]);
    expect(report.compliance?.frameworks.map((f) => [f.framework.id, f.framework.version])).toEqual([
      ['pci-dss', 'v4.0.1'],
      ['asvs', '5.0.0'],
    ]);
    expect(report.compliance?.scope).toMatchObject({ inputs: [DEMO], tool: { name: 'jwt-lens' } });
    const asvs = report.compliance?.frameworks[1]?.controls ?? [];
    const failing = asvs.filter((c) => c.status === 'fail');
    expect(failing.length).toBeGreaterThan(0);
    const fingerprints = new Set(report.findings.map((f) => `${f.ruleId} ${f.fingerprint}`));
    for (const c of failing)
      for (const f of c.findings) expect(fingerprints).toContain(`${f.ruleId} ${f.fingerprint}`);
  });

  it('leaves the report as it was without the flag', async () => {
    const report = JSON.parse((await runCli(['scan', DEMO, '--format', 'json'])).stdout) as JsonReport;
    expect(report.compliance).toBeUndefined();
  });

  it('takes the frameworks from the policy, and `all` for every one', async () => {
    const files = { 'p.json': JSON.stringify({ compliance: { frameworks: ['hipaa'], nistAal: 3 } }) };
    const fromPolicy = await runCli(['scan', DEMO, '--format', 'json', '--policy', 'p.json'], { files });
    const ids = (run: { stdout: string }) =>
      (JSON.parse(run.stdout) as JsonReport).compliance?.frameworks.map((f) => f.framework.id);
    expect(ids(fromPolicy)).toEqual(['hipaa']);
    expect(ids(await runCli(['scan', DEMO, '--format', 'json', '--compliance', 'all']))).toHaveLength(8);
  });

  it('writes the Markdown report by framework, and SARIF properties', async () => {
    const md = await runCli(['scan', DEMO, '--format', 'md', '--compliance', 'nist-800-53']);
    expect(md.stdout).toMatch(/^# JWT Lens compliance report by framework\n/);
    expect(md.stdout).toContain('## NIST SP 800-53 Rev. 5');
    const grouped = await runCli(['scan', DEMO, '--format', 'md', '--group-by', 'framework']);
    expect(grouped.stdout).toContain('## OWASP ASVS 5.0.0');
    const sarif = JSON.parse(
      (await runCli(['scan', DEMO, '--format', 'sarif', '--compliance', 'asvs'])).stdout,
    );
    expect(sarif.runs[0].properties.compliance.frameworks[0].id).toBe('asvs');
    const table = await runCli(['scan', DEMO, '--format', 'table', '--compliance', 'soc2']);
    expect(table.stdout).toMatch(
      /Compliance \(controls per status.*\n {2}SOC 2 Trust Services Criteria 2017/,
    );
  });

  it.each([
    ['pci', `option --compliance: unknown framework "pci" (did you mean pci-dss?); ${KNOWN}`],
    ['asvs,sox', `option --compliance: unknown framework "sox"; ${KNOWN}`],
    ['asvs,', `option --compliance: an empty framework name; ${KNOWN}`],
  ])('rejects --compliance %s as a usage error (exit 2) listing the known ids', async (value, message) => {
    const run = await runCli(['scan', DEMO, '--compliance', value]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`jwt-lens: ${message}\n`);
  });

  it('gives a policy’s unknown out-of-scope control its precise error', async () => {
    const policy = { compliance: { outOfScope: [{ framework: 'soc2', control: 'CC6.9', reason: 'n/a' }] } };
    const run = await runCli(['scan', DEMO, '--policy', 'p.json', '--compliance', 'soc2'], {
      files: { 'p.json': JSON.stringify(policy) },
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /policy\.compliance\.outOfScope\[0\]\.control: unknown soc2 control "CC6\.9" \(did you mean "CC6\.1"\?\)/,
    );
  });
});
