import { describe, expect, it } from 'vitest';
import { assessCompliance } from '../../../src/core/compliance';
import { toFrameworkMarkdown } from '../../../src/core/report/framework-markdown';
import { toJsonReport } from '../../../src/core/report/json-report';
import { toSarif } from '../../../src/core/report/sarif';
import { createReportValidator } from '../report/schema-validator';
import { audit, bearer, jwt, setCookie } from './capture';

const TOOL = { name: 'jwt-lens', version: '0.0.0-test' };
const validate = createReportValidator();

/** HTTPS API calls, one token over http, one cookie without HttpOnly; PCI 8.2.8 out of scope. */
function capture() {
  const compliance = {
    outOfScope: [
      { framework: 'pci-dss' as const, control: '8.2.8', reason: 'idle timeout tested separately' },
    ],
    nistAal: 2 as const,
  };
  const http = jwt({ n: 1 });
  const result = audit(
    [
      bearer(jwt()),
      bearer(http, 'http://api.example.com/v1/me'),
      setCookie(jwt({ n: 2 }), {
        httpOnly: false,
        secure: true,
        sameSite: 'lax',
        prefix: '__Host-',
        path: '/',
      }),
    ],
    { compliance },
  );
  const report = assessCompliance(result, {
    tool: TOOL,
    inputs: ['lab.har'],
    frameworks: ['asvs', 'pci-dss'],
  });
  return { result, report, http: result.findings.find((f) => f.ruleId === 'transport-cleartext') };
}

describe('compliance in the reports', () => {
  it('adds a compliance section to the JSON report that the schema accepts', () => {
    const { result, report } = capture();
    const json = toJsonReport(result, { includeRaw: false, tool: TOOL, compliance: report });
    expect(validate(json)).toEqual([]);
    expect(json.compliance?.frameworks.map((f) => f.framework.id)).toEqual(['pci-dss', 'asvs']);
    expect(json.policy.compliance?.outOfScope[0]?.control).toBe('8.2.8');
    const withoutIt = toJsonReport(result, { includeRaw: false, tool: TOOL });
    expect('compliance' in withoutIt).toBe(false);
    expect(validate(withoutIt)).toEqual([]);
  });

  it('is caught by the schema when a status is not one of the five', () => {
    const { result, report } = capture();
    const json = toJsonReport(result, { includeRaw: false, tool: TOOL, compliance: report });
    const bad = structuredClone(json);
    const first = bad.compliance?.frameworks[0]?.controls[0];
    if (first) (first as { status: string }).status = 'compliant';
    expect(validate(bad).join('\n')).toMatch(/status must be equal to one of the allowed values/);
  });

  it('puts the controls a finding fails on its SARIF result, and each status on the run', () => {
    const { result, report, http } = capture();
    const sarif = toSarif(result, { includeRaw: false, tool: TOOL, compliance: report }) as {
      runs: {
        results: { ruleId: string; properties: { compliance?: string[] } }[];
        properties: Record<string, unknown>;
      }[];
    };
    const run = sarif.runs[0];
    const cleartext = run?.results.find((r) => r.ruleId === 'transport-cleartext');
    expect(http).toBeDefined();
    expect(cleartext?.properties.compliance).toEqual(['asvs v5.0.0-12.2.1']);
    const props = run?.properties.compliance as {
      frameworks: { id: string; controls: Record<string, string> }[];
    };
    expect(props.frameworks[1]?.controls).toMatchObject({ 'v5.0.0-12.2.1': 'fail', 'v5.0.0-3.3.1': 'pass' });
    expect(props.frameworks[0]?.controls['8.2.8']).toBe('out-of-scope');
    const plain = toSarif(result, { includeRaw: false, tool: TOOL }) as typeof sarif;
    expect(plain.runs[0]?.properties.compliance).toBeUndefined();
  });

  it('writes a status table per framework, then each failing control with its findings', () => {
    const { result, report, http } = capture();
    const md = toFrameworkMarkdown(result, report, {
      includeRaw: false,
      tool: TOOL,
      generatedAt: '2025-03-14T10:00:00.000Z',
    });
    expect(md).toContain('## Scope');
    expect(md).toContain(`policy SHA-256 \`${report.scope.policyDigest}\``);
    expect(md).toContain('## OWASP ASVS 5.0.0');
    expect(md).toMatch(
      /\| v5\.0\.0-12\.2\.1 \| TLS for all client connections \| \*\*Fail\*\* \| 1 finding .*transport-cleartext/,
    );
    expect(md).toMatch(
      /\| 8\.2\.8 \| .* \| Out of scope \| Out of scope: idle timeout tested separately\. \|/,
    );
    expect(md).toContain('### v5.0.0-3.3.4 Session cookies are HttpOnly: fail');
    expect(md).toContain(`Token \`${http?.fingerprint}\``);
    // Redacted: the token text itself never appears.
    for (const record of result.tokens) expect(md).not.toContain(record.token.text);
  });
});
