import type { CandidateBatch } from './pack-candidates';

/** The most digits `--brute-digits` accepts: 10⁶ + 10⁵ + … + 10 = 1,111,110 candidates. */
export const MAX_BRUTE_DIGITS = 6;

/** One slice of the numeric space: `length`-digit strings (leading zeros kept) for `from` ≤ n < `to`. */
export interface DigitRange {
  length: number;
  from: number;
  to: number;
}

/**
 * Splits "every numeric string of 1 to `maxDigits` digits" into ranges of at most `rangeSize` candidates,
 * so they can be spread over workers. `007` and `7` are different secrets, so every length is complete.
 */
export function planDigitRanges(maxDigits: number, rangeSize = 100_000): DigitRange[] {
  const ranges: DigitRange[] = [];
  const digits = Math.min(Math.max(Math.floor(maxDigits), 0), MAX_BRUTE_DIGITS);
  for (let length = 1; length <= digits; length++) {
    const end = 10 ** length;
    for (let from = 0; from < end; from += rangeSize)
      ranges.push({ length, from, to: Math.min(end, from + rangeSize) });
  }
  return ranges;
}

/** Packs the numbers of `range` as zero-padded ASCII strings of `range.length` digits. */
export function packDigitRange(range: DigitRange): CandidateBatch {
  const { length, from, to } = range;
  const count = Math.max(0, to - from);
  const bytes = new Uint8Array(count * length);
  const offsets = new Int32Array(count + 1);
  for (let i = 0; i < count; i++) {
    let n = from + i;
    const at = i * length;
    offsets[i] = at;
    for (let d = length - 1; d >= 0; d--) {
      bytes[at + d] = 0x30 + (n % 10);
      n = Math.floor(n / 10);
    }
  }
  offsets[count] = count * length;
  return { bytes, offsets, count };
}
