import { describe, expect, it } from 'vitest';
import { summaryLine, toTable } from '../../../src/core/report/table';
import { forbiddenStrings, sampleResult } from './sample-result';

const ESC = String.fromCharCode(27);

describe('toTable', () => {
  it('prints one row per finding under a header, then the summary', () => {
    const out = toTable(sampleResult(), { color: false, width: 120 });
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^SEVERITY {2}RULE +TOKEN +DETAIL$/);
    expect(lines.slice(1, 7).map((l) => l.split(/\s+/)[0])).toEqual([
      'CRITICAL',
      'HIGH',
      'MEDIUM',
      'MEDIUM',
      'LOW',
      'INFO',
    ]);
    expect(lines.at(-1)).toBe(
      '6 findings in 3 tokens: 1 critical, 1 high, 2 medium, 1 low, 1 info (1 ignored by policy)',
    );
    expect(out).not.toContain(ESC);
  });

  it('fits rows to the width', () => {
    const out = toTable(sampleResult(), { color: false, width: 100 });
    for (const line of out.split('\n')) expect(Array.from(line).length).toBeLessThanOrEqual(100);
    expect(out).toContain('…');
  });

  it('colours severities when asked', () => {
    const out = toTable(sampleResult(), { color: true, width: 120 });
    expect(out).toContain(`${ESC}[1;31mCRITICAL`);
    expect(out).toContain(`${ESC}[0m`);
  });

  it('strips control characters from details', () => {
    const result = sampleResult();
    const first = result.findings[0];
    if (first) first.detail = `evil ${ESC}]0;pwned\u0007 title\nnext line`;
    const out = toTable(result, { color: false, width: 200 });
    expect(out).not.toContain(ESC);
    expect(out).not.toContain('\u0007');
    expect(out).toContain('evil ]0;pwned title next line');
  });

  it('masks tokens in details', () => {
    const out = toTable(sampleResult(), { color: false, width: 400 });
    for (const secret of forbiddenStrings()) expect(out, secret).not.toContain(secret);
  });

  it('says so when there is nothing to report', () => {
    const empty = { ...sampleResult(), findings: [], ignoredCount: 0 };
    expect(toTable(empty, { color: true, width: 80 })).toBe(
      'No findings in 3 token(s).\n0 findings in 3 tokens\n',
    );
    expect(summaryLine({ ...empty, tokens: [] })).toBe('0 findings in 0 tokens');
  });
});
