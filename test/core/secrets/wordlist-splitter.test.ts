import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CandidateBatch, candidateAt } from '../../../src/core/secrets/pack-candidates';
import { createWordlistSplitter } from '../../../src/core/secrets/wordlist-splitter';

const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
const words = (batch: CandidateBatch): string[] =>
  Array.from({ length: batch.count }, (_, i) => decoder.decode(candidateAt(batch, i)));

/** Feeds `input` in chunks cut at `cuts` and collects every word. */
function split(input: Uint8Array, cuts: number[] = [], maxLineBytes?: number) {
  const splitter = createWordlistSplitter({ maxLineBytes });
  const out: string[] = [];
  let at = 0;
  for (const cut of [...cuts.filter((c) => c > 0 && c < input.length).sort((a, b) => a - b), input.length]) {
    out.push(...words(splitter.push(input.subarray(at, cut))));
    at = cut;
  }
  out.push(...words(splitter.end()));
  return { words: out, stats: splitter.stats() };
}

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('createWordlistSplitter', () => {
  it('splits LF and CRLF lines, skipping empty lines, with or without a final newline', () => {
    expect(split(bytes('alpha\r\nbeta\n\n\r\ngamma\r\ndelta')).words).toEqual([
      'alpha',
      'beta',
      'gamma',
      'delta',
    ]);
    const { stats } = split(bytes('a\n\nb\n'));
    expect(stats).toMatchObject({ lines: 3, words: 2, empty: 1 });
  });

  it('drops a UTF-8 byte order mark at the start only', () => {
    expect(split(bytes('\uFEFFsecret\n\uFEFFkeep')).words).toEqual(['secret', '\uFEFFkeep']);
    expect(split(bytes('\uFEFFsecret\n'), [1, 2]).words).toEqual(['secret']);
    const midFile = createWordlistSplitter({ atFileStart: false });
    expect(words(midFile.push(bytes('\uFEFFword\n')))).toEqual(['\uFEFFword']);
  });

  it('skips and reports lines with a NUL byte or over the length limit', () => {
    const input = new Uint8Array([
      ...bytes('ok\nbad'),
      0,
      ...bytes('line\n'),
      ...bytes(`${'x'.repeat(20)}\nfine`),
    ]);
    const { words: out, stats } = split(input, [4, 9], 10);
    expect(out).toEqual(['ok', 'fine']);
    expect(stats).toMatchObject({ withNul: 1, tooLong: 1 });
    expect(stats.problems).toEqual([
      { line: 2, reason: 'contains a NUL byte, skipped' },
      { line: 3, reason: 'longer than 10 bytes, skipped' },
    ]);
  });

  it('keeps a line of exactly the limit and rejects one byte more, CR or not', () => {
    const { words: out } = split(bytes('abcd\r\nabcde\nabcd\nabcde\r\n'), [], 4);
    expect(out).toEqual(['abcd', 'abcd']);
  });

  it('gives the same words whatever the chunk boundaries', () => {
    const line = fc.string({ unit: fc.constantFrom('a', 'b', 'é', ' ', '\r'), maxLength: 12 });
    fc.assert(
      fc.property(
        fc.array(line, { maxLength: 40 }),
        fc.array(fc.nat(400), { maxLength: 8 }),
        (lines, cuts) => {
          const text = lines.join('\n');
          const expected = text
            .split('\n')
            .map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l))
            .filter((l) => l.length > 0);
          const input = bytes(text);
          expect(split(input, cuts).words).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('agrees with a plain reference on NUL bytes and over-long lines split across chunks', () => {
    const line = fc.string({ unit: fc.constantFrom('a', 'b', '\0', '\r'), maxLength: 14 });
    fc.assert(
      fc.property(
        fc.array(line, { maxLength: 30 }),
        fc.array(fc.nat(300), { maxLength: 10 }),
        (lines, cuts) => {
          const text = lines.join('\n');
          const kept = text
            .split('\n')
            .map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l))
            .filter((l) => l.length > 0 && l.length <= 6 && !l.includes('\0'));
          const { words: out, stats } = split(bytes(text), cuts, 6);
          expect(out).toEqual(kept);
          expect(stats.lines).toBe(
            text.length === 0 ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0),
          );
        },
      ),
      { numRuns: 400 },
    );
  });

  it('keeps memory bounded: a 64 MiB stream in 1 MiB chunks never grows the buffers past one chunk', () => {
    const chunk = bytes('password123\n'.repeat(Math.floor((1 << 20) / 12)));
    const splitter = createWordlistSplitter();
    let total = 0;
    let largest = 0;
    for (let i = 0; i < 64; i++) {
      const batch = splitter.push(chunk);
      total += batch.count;
      largest = Math.max(largest, batch.bytes.length);
    }
    expect(total).toBe(64 * Math.floor((1 << 20) / 12));
    expect(largest).toBeLessThanOrEqual(2 * chunk.length);
  });
});
