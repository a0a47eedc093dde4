import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanValue, startValue } from '../../../src/core/capture/json-value-scan';

const encode = (text: string) => new TextEncoder().encode(text);

/** Where `scanValue` says the value that starts `bytes` ends, fed in chunks cut at `cuts`; -1 if never. */
function endOf(bytes: Uint8Array, cuts: readonly number[]): number {
  const points = [...new Set(cuts.map((c) => 1 + (c % bytes.length)))].sort((a, b) => a - b);
  const scan = startValue(bytes[0] as number);
  let from = 0;
  let skip = 1;
  for (const to of [...points, bytes.length]) {
    if (to <= from) continue;
    const chunk = bytes.slice(from, to);
    const end = scanValue(scan, chunk, Math.min(skip, chunk.length));
    if (end >= 0) return from + end;
    skip = 0;
    from = to;
  }
  return -1;
}

/**
 * Strings long enough for both of the scan's ways through a string (a byte loop, then `indexOf` from
 * quote to quote), made of the runs that fool a scanner: escaped quotes, backslash runs, quotes right
 * after long plain stretches, multi-byte characters.
 */
const longString = fc
  .array(
    fc.constantFrom(
      '"',
      '\\',
      '\\\\"',
      '\\"',
      '{"a":[1]}',
      'x'.repeat(31),
      'y'.repeat(33),
      'é€😀',
      '\n',
      ' ',
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

const value = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    longString,
    fc.integer(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(longString, tie('value'), { maxKeys: 3 }),
  ),
})).value;

describe('scanValue', () => {
  it('finds the end of any JSON value, whatever the chunks', () => {
    fc.assert(
      fc.property(value, fc.array(fc.nat(), { maxLength: 30 }), (json, cuts) => {
        const text = JSON.stringify(json);
        const bytes = encode(`${text},"after"]`);
        expect(endOf(bytes, cuts)).toBe(encode(text).length);
      }),
      { numRuns: 500 },
    );
  });

  it('carries an escape across a chunk edge, in the byte loop and past it', () => {
    for (const plain of ['', 'a'.repeat(40)]) {
      const text = JSON.stringify(`${plain}\\"\\\\`);
      const bytes = encode(`${text},`);
      for (let at = 1; at < bytes.length; at++) expect(endOf(bytes, [at - 1])).toBe(text.length);
    }
  });

  it('says when the value does not end in the bytes given', () => {
    expect(endOf(encode(`"${'a'.repeat(50)}\\"`), [])).toBe(-1);
    expect(endOf(encode(`["${'a'.repeat(50)}\\\\"`), [10])).toBe(-1);
  });
});
