import type { CandidateBatch } from './pack-candidates';

/** What a splitter saw, for the report: lines read, words kept, and lines skipped and why. */
export interface WordlistStats {
  lines: number;
  words: number;
  empty: number;
  withNul: number;
  tooLong: number;
  /** The first few problems: 1-based line (counted from where this splitter started) and what is wrong. */
  problems: WordlistProblem[];
}

/** A skipped line: `line 12: contains a NUL byte, skipped`. */
export interface WordlistProblem {
  line: number;
  reason: string;
}

/** Splits a wordlist arriving in byte chunks into packed candidate batches, one per chunk. */
export interface WordlistSplitter {
  /** The complete lines of `chunk` (after any carried partial line). Valid until the next call. */
  push(chunk: Uint8Array): CandidateBatch;
  /** The last line, when the input does not end with a newline. */
  end(): CandidateBatch;
  stats(): WordlistStats;
}

const MAX_PROBLEMS = 5;
const LF = 0x0a;
const CR = 0x0d;

/**
 * Creates a splitter. Lines end at LF (a CR before it is dropped, so CRLF files work); a UTF-8 BOM at the
 * start of the first line is skipped (unless `atFileStart` is false: a splitter fed from mid-file); empty
 * lines are skipped (the empty secret is in the built-in list); lines with a NUL byte or longer than
 * `maxLineBytes` are skipped and reported. Memory stays bounded by the chunk size
 * plus `maxLineBytes`, whatever the file size: each chunk is compacted into a reused buffer.
 */
export function createWordlistSplitter(
  options: { maxLineBytes?: number; atFileStart?: boolean } = {},
): WordlistSplitter {
  const maxLine = options.maxLineBytes ?? 1024;
  const atFileStart = options.atFileStart ?? true;
  const stats: WordlistStats = { lines: 0, words: 0, empty: 0, withNul: 0, tooLong: 0, problems: [] };
  let buffer = new Uint8Array(0);
  let offsets = new Int32Array(0);
  let carry = new Uint8Array(maxLine + 1);
  let carryLength = 0;
  let lineHasNul = false;
  let lineTooLong = false;

  const problem = (reason: string): void => {
    if (stats.problems.length < MAX_PROBLEMS) stats.problems.push({ line: stats.lines, reason });
  };

  /** Closes the line `[start, end)` of `buffer`; returns where its word starts, or -1 when skipped. */
  const closeLine = (start: number, end: number): number => {
    stats.lines++;
    const [nul, long] = [lineHasNul, lineTooLong || end - start > maxLine];
    lineHasNul = false;
    lineTooLong = false;
    const bom =
      atFileStart &&
      stats.lines === 1 &&
      buffer[start] === 0xef &&
      buffer[start + 1] === 0xbb &&
      buffer[start + 2] === 0xbf;
    const from = bom && end - start >= 3 ? start + 3 : start;
    if (nul) {
      stats.withNul++;
      problem('contains a NUL byte, skipped');
    } else if (long) {
      stats.tooLong++;
      problem(`longer than ${maxLine} bytes, skipped`);
    } else if (end === from) stats.empty++;
    else return from;
    return -1;
  };

  const grow = (size: number): void => {
    if (buffer.length < size) buffer = new Uint8Array(Math.max(size, buffer.length * 2));
    if (offsets.length < size + 2) offsets = new Int32Array(Math.max(size + 2, offsets.length * 2));
  };

  const split = (chunk: Uint8Array): CandidateBatch => {
    grow(carryLength + chunk.length);
    buffer.set(carry.subarray(0, carryLength));
    let write = carryLength;
    let lineStart = 0;
    let count = 0;
    for (let read = 0; read < chunk.length; read++) {
      const byte = chunk[read]!;
      if (byte === LF) {
        const end = write > lineStart && buffer[write - 1] === CR ? write - 1 : write;
        const wordStart = closeLine(lineStart, end);
        if (wordStart >= 0) {
          offsets[count++] = wordStart;
          lineStart = end;
        }
        write = lineStart;
        continue;
      }
      if (byte === 0) lineHasNul = true;
      if (write - lineStart >= maxLine + 1) lineTooLong = true;
      else buffer[write++] = byte;
    }
    offsets[count] = lineStart;
    carryLength = write - lineStart;
    if (carry.length < carryLength) carry = new Uint8Array(carryLength);
    carry.set(buffer.subarray(lineStart, write));
    stats.words += count;
    return { bytes: buffer, offsets, count };
  };

  return {
    push: split,
    end() {
      if (carryLength === 0 && !lineHasNul && !lineTooLong) return { bytes: buffer, offsets, count: 0 };
      return split(new Uint8Array([LF]));
    },
    stats: () => ({ ...stats, problems: stats.problems.map((p) => ({ ...p })) }),
  };
}
