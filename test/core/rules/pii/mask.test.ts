import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskValue as reportMask } from '../../../../src/core/report/redact';
import { maskValue } from '../../../../src/core/rules/pii/mask';

describe('maskValue', () => {
  it.each([
    ['alice@example.com', 'al…@ex…'],
    ['john@example.com', '…@ex…'],
    ['+14155550123', '+1…'],
    ['abcdef', 'ab…'],
    ['abcde', 'ab…'],
    ['abcd', '…'],
    ['', '…'],
    ['😀😀secret😀', '😀😀…'],
  ])('%s → %s', (value, masked) => {
    expect(maskValue(value)).toBe(masked);
  });

  it('is the mask the reports use too (one function: evidence, panel and exports agree)', () => {
    expect(reportMask).toBe(maskValue);
  });

  it('never reveals more than two characters of each part, nor the length', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        for (const s of [a, `${a}@${b}`]) {
          const masked = maskValue(s);
          for (const part of masked.split('@'))
            expect(Array.from(part.replace('…', '')).length).toBeLessThanOrEqual(2);
          expect(masked.length).toBeLessThanOrEqual(7 + (s.includes('@') ? 7 : 0));
        }
      }),
    );
  });
});
