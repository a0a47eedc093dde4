import { describe, expect, it } from 'vitest';
import { toComplianceMarkdown } from '../../../src/core/report/compliance-markdown';
import { formatReference } from '../../../src/core/report/format-reference';
import { RULE_CATALOG } from '../../../src/core/rules/catalog';
import type { Finding, Reference } from '../../../src/core/types';
import { ACCESS, forbiddenStrings, sampleResult, UNSECURED } from './sample-result';

const OPTS = {
  includeRaw: false,
  tool: { name: 'jwt-lens', version: '0.0.0-test' },
  generatedAt: '2025-03-14T10:00:00Z',
};

/** The sample result with references from several standards, so each can be found under its own. */
function mappedResult() {
  const result = sampleResult();
  const refs: Record<string, Reference[]> = {
    'alg-none': [
      { standard: 'RFC 8725', id: '§3.1' },
      { standard: 'OWASP ASVS 5.0', id: '9.1.1' },
      { standard: 'CWE', id: 'CWE-347' },
      { standard: 'RFC 7519', id: '§6' },
    ],
    'token-in-url': [
      { standard: 'RFC 6750', id: '§5.3' },
      { standard: 'CWE', id: 'CWE-598' },
    ],
    'pii-oidc-claims': [
      { standard: 'OWASP ASVS 5.0', id: '10.1.1' },
      { standard: 'NIST SP 800-63B-4', id: '§5.1' },
      { standard: 'CWE', id: 'CWE-359' },
    ],
    'iat-missing': [{ standard: 'RFC 7519', id: '§4.1.6' }],
  };
  result.findings = result.findings.map((f) => ({ ...f, references: refs[f.ruleId] ?? f.references }));
  return result;
}

/** The text of one `## ` section, up to the next one. */
function section(md: string, heading: string): string {
  const start = md.indexOf(`\n${heading}`);
  expect(start, `no section ${heading}`).toBeGreaterThan(0);
  const next = md.indexOf('\n## ', start + 1);
  return md.slice(start, next < 0 ? undefined : next);
}

/** The text of one requirement's `### ` section inside a standard's section. */
function requirement(standardText: string, label: string): string {
  const start = standardText.indexOf(`\n### ${label}\n`);
  expect(start, `no requirement ${label}`).toBeGreaterThan(0);
  const next = standardText.indexOf('\n### ', start + 1);
  return standardText.slice(start, next < 0 ? undefined : next);
}

describe('toComplianceMarkdown', () => {
  const result = mappedResult();
  const md = toComplianceMarkdown(result, { ...OPTS, inputs: ['demo.har'] });

  it('opens like the Markdown report, with its own title and the redaction notice', () => {
    expect(md.startsWith('# JWT Lens compliance report\n')).toBe(true);
    expect(md).toContain('Generated 2025-03-14T10:00:00Z by jwt-lens 0.0.0-test');
    expect(md).toContain('Tokens are masked (signature dropped) and personal values redacted.');
    expect(md).toContain('absence of a finding is not proof of compliance');
  });

  it('files each finding under every requirement it cites, inside that requirement’s standard', () => {
    for (const finding of result.findings) {
      for (const reference of finding.references) {
        const standard = section(md, `## ${escapeHeading(reference.standard)}: `);
        const text = requirement(standard, escapeHeading(formatReference(reference)));
        expect(text, `${finding.ruleId} under ${formatReference(reference)}`).toContain(
          `\`${finding.ruleId}\``,
        );
      }
    }
  });

  it('puts a finding only under requirements it cites', () => {
    const cwe = section(md, '## CWE: ');
    expect(requirement(cwe, 'CWE-347')).not.toContain('`token-in-url`');
    expect(requirement(cwe, 'CWE-598')).toContain('`token-in-url`');
    expect(requirement(cwe, 'CWE-598')).not.toContain('`alg-none`');
  });

  it('orders the standards RFC 8725, ASVS, CWE, NIST, RFC 7519, then the others', () => {
    const order = [
      '## RFC 8725: ',
      '## OWASP ASVS 5.0: ',
      '## CWE: ',
      '## NIST SP 800-63B-4: ',
      '## RFC 7519: ',
      '## RFC 6750: ',
    ].map((h) => md.indexOf(`\n${h}`));
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('summarises which requirements have findings, per standard', () => {
    const summary = section(md, '## Summary');
    expect(summary).toContain('6 finding(s) on 3 distinct token(s); 1 finding(s) ignored by policy.');
    expect(summary).toMatch(/\| CWE \| \d+ \| 3 \| 5 \| CWE-347, CWE-359, CWE-598 \|/);
    expect(summary).toMatch(/\| OWASP ASVS 5\.0 \| \d+ \| 2 \| 2 \| 9\.1\.1, 10\.1\.1 \|/);
    expect(summary).toMatch(/\| RFC 7516 \| 1 \| 0 \| 0 \| — \|/);
    const asvs = section(md, '## OWASP ASVS 5.0: ');
    expect(asvs).toMatch(/\| OWASP ASVS 5\.0 9\.1\.1 \| 1 \| Critical \| .*`alg-none`/);
  });

  it('lists catalog requirements without findings, with the rules that check them', () => {
    const nist = section(md, '## NIST SP 800-63B-4: ');
    const clean = RULE_CATALOG.filter((r) => r.references.some((ref) => ref.id === '§2.1.3'));
    expect(clean.length).toBeGreaterThan(0);
    expect(nist).toContain(
      `| NIST SP 800-63B-4 §2.1.3 | 0 | — | ${clean.map((r) => `\`${r.id}\``).join(', ')} |`,
    );
    expect(nist).not.toContain('### NIST SP 800-63B-4 §2.1.3');
  });

  it('describes each finding by token fingerprint, masked token, where seen and masked evidence', () => {
    const text = requirement(section(md, '## NIST SP 800-63B-4: '), 'NIST SP 800-63B-4 §5.1');
    expect(text).toContain('**Medium** · `pii-oidc-claims` · Title of pii-oidc-claims (1 finding)');
    expect(text).toContain(`- Token \`${ACCESS.fingerprint}\` \`${ACCESS.segments[0]}.`);
    expect(text).toContain(
      '  - Seen in: GET `https://api.example.com/v1/me` → 200 (request-header `Authorization`)',
    );
    expect(text).toContain('  - Evidence: email: `al…@ex…`');
    const exchange = requirement(section(md, '## RFC 8725: '), 'RFC 8725 §3.1');
    expect(exchange).toContain('- Exchange (no token): Basic auth \\| header');
  });

  it('holds no token, signature, payload or personal value by default', () => {
    for (const secret of forbiddenStrings()) expect(md, secret).not.toContain(secret);
  });

  it('includes raw tokens and values only when asked, and warns', () => {
    const raw = toComplianceMarkdown(result, { ...OPTS, includeRaw: true });
    expect(raw).toContain('Contains raw tokens');
    expect(raw).toContain(UNSECURED.text);
    expect(raw).toContain('alice.liddell@example.com');
  });

  it('caps long runs of one rule under a requirement but keeps the exact count', () => {
    const many = sampleResult();
    const base = many.findings[1] as Finding;
    many.findings = Array.from({ length: 30 }, () => ({ ...base }));
    const text = toComplianceMarkdown(many, OPTS);
    expect(text).toContain('`token-in-url` · Title of token-in-url (30 findings)');
    expect(text).toContain('- …and 5 more (the JSON report lists every finding)');
  });

  it('keeps findings that cite no standard', () => {
    const bare = sampleResult();
    bare.findings = bare.findings.map((f) => (f.ruleId === 'iat-missing' ? { ...f, references: [] } : f));
    const text = toComplianceMarkdown(bare, OPTS, []);
    expect(section(text, '## Findings citing no standard')).toContain('`iat-missing`');
  });

  it('says so when nothing was found', () => {
    const empty = { ...sampleResult(), findings: [] };
    const text = toComplianceMarkdown(empty, OPTS);
    expect(text).toContain('0 finding(s) on 3 distinct token(s)');
    expect(text).toMatch(/\| RFC 8725 \| \d+ \| 0 \| 0 \| — \|/);
    expect(text).not.toContain('\n### ');
  });
});

/** Headings escape Markdown punctuation the way the writer does (`§` and digits pass unchanged). */
function escapeHeading(text: string): string {
  return text.replace(/[\\`*_{}[\]<>()#+!|~&]/g, (c) => `\\${c}`);
}
