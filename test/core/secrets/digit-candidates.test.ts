import { describe, expect, it } from 'vitest';
import { packDigitRange, planDigitRanges } from '../../../src/core/secrets/digit-candidates';

describe('digit candidates', () => {
  it('plans every length from 1 to N digits, leading zeros included, capped at 6', () => {
    const ranges = planDigitRanges(3, 300);
    expect(ranges).toEqual([
      { length: 1, from: 0, to: 10 },
      { length: 2, from: 0, to: 100 },
      { length: 3, from: 0, to: 300 },
      { length: 3, from: 300, to: 600 },
      { length: 3, from: 600, to: 900 },
      { length: 3, from: 900, to: 1000 },
    ]);
    const total = planDigitRanges(99).reduce((n, r) => n + r.to - r.from, 0);
    expect(total).toBe(1_111_110);
  });

  it('packs zero-padded numbers', () => {
    const batch = packDigitRange({ length: 3, from: 5, to: 9 });
    const text = new TextDecoder().decode(batch.bytes);
    expect(text).toBe('005006007008');
    expect(Array.from(batch.offsets)).toEqual([0, 3, 6, 9, 12]);
    expect(batch.count).toBe(4);
  });
});
