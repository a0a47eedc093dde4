import { describe, expect, it } from 'vitest';
import { code, escapeText, toMarkdown } from '../../../src/core/report/markdown';
import { ACCESS, forbiddenStrings, sampleResult } from './sample-result';

const OPTS = {
  includeRaw: false,
  tool: { name: 'jwt-lens', version: '0.0.0-test' },
  generatedAt: '2025-03-14T10:00:00Z',
};

describe('toMarkdown', () => {
  const md = toMarkdown(sampleResult(), { ...OPTS, inputs: ['demo.har'] });

  it('starts with a title, the facts and a summary table', () => {
    expect(md.startsWith('# JWT Lens report\n')).toBe(true);
    expect(md).toContain('Generated 2025-03-14T10:00:00Z by jwt-lens 0.0.0-test');
    expect(md).toContain('| Critical | 1 |');
    expect(md).toContain('| Medium | 2 |');
    expect(md).toContain('| **Total** | **6** |');
    expect(md).toContain('3 distinct token(s); 1 finding(s) ignored by policy.');
  });

  it('groups findings by severity, most severe first, with why, evidence and references', () => {
    const order = ['### Critical (1)', '### High (1)', '### Medium (2)', '### Low (1)', '### Info (1)'].map(
      (h) => md.indexOf(h),
    );
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(md).toContain('#### `alg-none` Title of alg-none');
    expect(md).toContain('- **Why it matters:** Why alg-none matters.');
    expect(md).toContain('- **References:** RFC 8725 §3.1, CWE-347');
    expect(md).toContain('- **Evidence:** email: `al…@ex…`');
    expect(md).toContain('- **Seen in:** GET `http://api.example.com/admin` → 200');
  });

  it('ends with a tokens table', () => {
    const table = md.slice(md.indexOf('## Tokens'));
    expect(table).toContain('| Fingerprint | Kind | Alg |');
    expect(table).toContain(
      `| \`${ACCESS.fingerprint}\` | jws | \`HS256\` | access | https://id.example.com | user-42 | 2025-03-14T10:30:00.000Z | 2 | 2 |`,
    );
    expect(table.trim().split('\n')).toHaveLength(2 + 2 + 3);
  });

  it('escapes text from traffic so it cannot break a table or inject HTML', () => {
    expect(md).toContain('Basic auth \\| header');
    expect(escapeText('<img src=x onerror=alert(1)>\n# title')).toBe(
      '\\<img src=x onerror=alert\\(1\\)\\> \\# title',
    );
    expect(code('a`b|c')).toBe('``a`b\\|c``');
    expect(code('`x')).toBe('`` `x ``');
  });

  it('is redacted by default and says so', () => {
    for (const secret of forbiddenStrings()) expect(md, secret).not.toContain(secret);
    expect(md).toContain('Tokens are masked');
  });

  it('warns loudly when raw tokens are in', () => {
    const raw = toMarkdown(sampleResult(), { ...OPTS, includeRaw: true });
    expect(raw).toContain('Contains raw tokens');
    expect(raw).toContain(ACCESS.text);
  });
});
