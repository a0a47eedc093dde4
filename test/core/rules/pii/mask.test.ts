import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskValue } from '../../../../src/core/rules/pii/mask';

describe('maskValue', () => {
  it.each([
    ['john@example.com', 'jo…m'],
    ['abcdef', 'ab…f'],
    ['abcde', '***'],
    ['', '***'],
    ['😀😀secret😀', '😀😀…😀'],
  ])('%s → %s', (value, masked) => {
    expect(maskValue(value)).toBe(masked);
  });

  it('never reveals more than three characters, nor the length', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 6 }), (s) => {
        const masked = maskValue(s);
        expect(Array.from(masked.replace('…', '')).length).toBeLessThanOrEqual(3);
        expect(masked).not.toContain(Array.from(s).slice(2, -1).join('') || '\u0000');
      }),
    );
  });
});
