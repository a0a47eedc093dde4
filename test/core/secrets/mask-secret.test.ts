import { describe, expect, it } from 'vitest';
import { maskSecret, secretText } from '../../../src/core/secrets/mask-secret';

describe('maskSecret', () => {
  it('keeps the first and last character around four stars, whatever the length', () => {
    expect(maskSecret('secret')).toBe('s****t');
    expect(maskSecret('a-very-long-secret-value')).toBe('a****e');
    expect(maskSecret('abcd')).toBe('a****d');
  });

  it('hides short secrets entirely and names the empty one', () => {
    expect(maskSecret('abc')).toBe('****');
    expect(maskSecret('')).toBe('(empty string)');
    expect(maskSecret('😀x😀')).toBe('****');
  });
});

describe('secretText', () => {
  it('returns printable UTF-8 as is and anything else as hex', () => {
    expect(secretText(new TextEncoder().encode('clé'))).toBe('clé');
    expect(secretText(new Uint8Array([0xff, 0x00, 0x10]))).toBe('hex:ff0010');
    expect(secretText(new Uint8Array([0x61, 0x0a]))).toBe('hex:610a');
  });
});

describe('packCandidates', () => {
  it('packs text (ASCII or not) and bytes end to end as UTF-8', async () => {
    const { packCandidates } = await import('../../../src/core/secrets/pack-candidates');
    const batch = packCandidates(['ab', 'é€', new Uint8Array([0, 255]), '']);
    expect(Array.from(batch.offsets)).toEqual([0, 2, 7, 9, 9]);
    expect(Array.from(batch.bytes)).toEqual([0x61, 0x62, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0, 255]);
    expect(batch.count).toBe(4);
  });
});
