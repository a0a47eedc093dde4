import { describe, expect, it } from 'vitest';
import { emptyLifecycle } from '../../../src/core/lifecycle';
import { code, escapeText, toMarkdown } from '../../../src/core/report/markdown';
import { ACCESS, forbiddenStrings, sampleResult, UNSECURED } from './sample-result';

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

  it('tells the token lifecycle in a compact table per family, before the tokens', () => {
    const section = md.slice(md.indexOf('## Token lifecycle'), md.indexOf('## Tokens'));
    expect(md.indexOf('## Token lifecycle')).toBeGreaterThan(md.indexOf('## Findings'));
    expect(section).toContain(
      '3 use(s) of tokens: 2 accepted, 1 rejected, 0 unknown · 1 logout or revocation event(s).',
    );
    expect(section).toContain(
      '| Family | Issued | Members | Uses | Accepted | Rejected | Refreshed into | Logged out | Expired |',
    );
    expect(section).toContain(
      `| \`f1\` | 2025-03-14T09:00:30.000Z \\(authorization\\_code\\) | access \`${ACCESS.fingerprint}\` | 2 | 1 | 1 | \`f2\` | yes, 2025-03-14T09:01:30.000Z | no, 2025-03-14T10:30:00.000Z |`,
    );
    // f2's only member, the unsecured token, has no exp; no logout covered it.
    expect(section).toContain(
      `| \`f2\` | 2025-03-14T09:00:50.000Z \\(refresh\\_token\\) | access \`${UNSECURED.fingerprint}\` | 1 | 1 | 0 | — | no | — |`,
    );
  });

  it('says when a family expired before the capture ended, and leaves the section out without a lifecycle', () => {
    const late = sampleResult();
    late.timeRange = { start: '2025-03-14T09:01:00.000Z', end: '2025-03-14T11:00:00.000Z' };
    expect(toMarkdown(late, OPTS)).toContain('| yes, 2025-03-14T10:30:00.000Z |');
    const none = toMarkdown({ ...sampleResult(), lifecycle: emptyLifecycle() }, OPTS);
    expect(none).not.toContain('## Token lifecycle');
  });

  it('lists at most 200 families and says how many more the JSON report has', () => {
    const result = sampleResult();
    const [family] = result.lifecycle.families;
    if (!family) throw new Error('sample changed');
    result.lifecycle.families = Array.from({ length: 203 }, (_, i) => ({ ...family, id: `f${i + 1}` }));
    const out = toMarkdown(result, OPTS);
    expect(out).toContain('| `f200` |');
    expect(out).not.toContain('| `f201` |');
    expect(out).toContain('…and 3 more families (the JSON report has them all).');
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
