import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { candidateAt, packCandidates } from '../../../src/core/secrets/pack-candidates';

const encoder = new TextEncoder();
const bytesOf = (c: string | Uint8Array) => (typeof c === 'string' ? encoder.encode(c) : c);

function unpacked(candidates: readonly (string | Uint8Array)[]): number[][] {
  const batch = packCandidates(candidates);
  expect(batch.count).toBe(candidates.length);
  return candidates.map((_, i) => [...candidateAt(batch, i)]);
}

describe('packCandidates', () => {
  it('packs ASCII lists, text of any script and byte strings to their UTF-8 bytes', () => {
    const candidate = fc.oneof(
      fc.string({ unit: 'grapheme-ascii' }),
      fc.string({ unit: 'binary' }),
      fc.uint8Array({ maxLength: 40 }),
    );
    fc.assert(
      fc.property(fc.array(candidate, { maxLength: 30 }), (list) => {
        expect(unpacked(list)).toEqual(list.map((c) => [...bytesOf(c)]));
      }),
    );
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme-ascii' }), { maxLength: 30 }), (list) => {
        expect(unpacked(list)).toEqual(list.map((c) => [...bytesOf(c)]));
      }),
    );
  });

  it('keeps empty candidates and an empty list', () => {
    expect(unpacked(['', 'a', '', 'é'])).toEqual([[], [97], [], [0xc3, 0xa9]]);
    expect(packCandidates([]).count).toBe(0);
  });
});
