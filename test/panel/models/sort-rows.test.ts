import { describe, expect, it } from 'vitest';
import type { Finding, Severity, TokenRecord } from '../../../src/core/types';
import { sortBySeverity } from '../../../src/panel/models/rows';

const record = (fingerprint: string) => ({ token: { fingerprint } }) as unknown as TokenRecord;
const finding = (fingerprint: string, severity: Severity) =>
  ({ fingerprint, severity }) as unknown as Finding;

describe('sortBySeverity', () => {
  it('puts the most severe first, then the most findings, then keeps first-seen order; no finding last', () => {
    const records = ['clean', 'low', 'high-1', 'crit', 'high-3', 'high-1b'].map(record);
    const index = new Map<string, Finding[]>([
      ['low', [finding('low', 'low')]],
      ['high-1', [finding('high-1', 'high')]],
      ['crit', [finding('crit', 'info'), finding('crit', 'critical')]],
      ['high-3', [finding('high-3', 'high'), finding('high-3', 'low'), finding('high-3', 'info')]],
      ['high-1b', [finding('high-1b', 'high')]],
    ]);
    const sorted = sortBySeverity(records, index).map((r) => r.token.fingerprint);
    expect(sorted).toEqual(['crit', 'high-3', 'high-1', 'high-1b', 'low', 'clean']);
    expect(records.map((r) => r.token.fingerprint)[0]).toBe('clean'); // input untouched
  });
});
