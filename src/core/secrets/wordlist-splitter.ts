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

/** Splits a wordlist arriving in byte chunks into candidate batches, one per chunk. */
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
 * `maxLineBytes` are skipped and reported. The words are used in place (a batch with `ends`): per chunk
 * one copy and native `indexOf` scans, no per-byte work in JavaScript. Memory stays bounded by the chunk
 * size plus `maxLineBytes`, whatever the file size.
 */
export function createWordlistSplitter(
  options: { maxLineBytes?: number; atFileStart?: boolean } = {},
): WordlistSplitter {
  const maxLine = options.maxLineBytes ?? 1024;
  const atFileStart = options.atFileStart ?? true;
  const stats: WordlistStats = { lines: 0, words: 0, empty: 0, withNul: 0, tooLong: 0, problems: [] };
  let buffer = new Uint8Array(0);
  let starts = new Int32Array(0);
  let ends = new Int32Array(0);
  let carryLength = 0;
  /** The line being carried over was already longer than the limit (its bytes were dropped). */
  let carryTooLong = false;

  const problem = (reason: string): void => {
    if (stats.problems.length < MAX_PROBLEMS) stats.problems.push({ line: stats.lines, reason });
  };

  let carryStart = 0;

  /** Moves the carried partial line to the front (after the caller is done with the last batch), then grows. */
  const prepare = (size: number): void => {
    buffer.copyWithin(0, carryStart, carryStart + carryLength);
    carryStart = 0;
    if (buffer.length < size) {
      const bigger = new Uint8Array(Math.max(size, buffer.length * 2));
      bigger.set(buffer.subarray(0, carryLength));
      buffer = bigger;
    }
    // A chunk of n bytes holds at most n / 2 + 1 lines that are not empty.
    const lines = (size >> 1) + 2;
    if (starts.length < lines) {
      starts = new Int32Array(Math.max(lines, starts.length * 2));
      ends = new Int32Array(starts.length);
    }
  };

  /** Judges the line `[start, end)` of `view`; returns where its word starts, or -1 when skipped. */
  const closeLine = (
    view: Uint8Array,
    start: number,
    end: number,
    hasNul: boolean,
    long: boolean,
  ): number => {
    stats.lines++;
    const bom =
      atFileStart &&
      stats.lines === 1 &&
      view[start] === 0xef &&
      view[start + 1] === 0xbb &&
      view[start + 2] === 0xbf;
    const from = bom && end - start >= 3 ? start + 3 : start;
    if (hasNul) {
      stats.withNul++;
      problem('contains a NUL byte, skipped');
    } else if (long || end - from > maxLine) {
      stats.tooLong++;
      problem(`longer than ${maxLine} bytes, skipped`);
    } else if (end === from) stats.empty++;
    else return from;
    return -1;
  };

  /** Keeps the unfinished last line for the next chunk, or only the verdict when it is already too long. */
  const carry = (view: Uint8Array, start: number): void => {
    const rest = view.length - start;
    if ((carryTooLong && start === 0) || rest > maxLine + 1) {
      carryTooLong = true;
      carryLength = 0;
    } else {
      carryStart = start;
      carryLength = rest;
    }
  };

  const split = (chunk: Uint8Array): CandidateBatch => {
    prepare(carryLength + chunk.length);
    buffer.set(chunk, carryLength);
    const view = buffer.subarray(0, carryLength + chunk.length);
    let nul = view.indexOf(0);
    let count = 0;
    let start = 0;
    for (let lf = view.indexOf(LF); lf >= 0; lf = view.indexOf(LF, start)) {
      const end = lf > start && view[lf - 1] === CR ? lf - 1 : lf;
      const hasNul = nul >= 0 && nul < lf;
      if (hasNul) nul = view.indexOf(0, lf + 1);
      const from = closeLine(view, start, end, hasNul, start === 0 && carryTooLong);
      if (from >= 0) {
        starts[count] = from;
        ends[count++] = end;
      }
      if (start === 0) carryTooLong = false;
      start = lf + 1;
    }
    carry(view, start);
    stats.words += count;
    return { bytes: view, offsets: starts, ends, count };
  };

  return {
    push: split,
    end: () =>
      carryLength === 0 && !carryTooLong
        ? { bytes: buffer, offsets: starts, ends, count: 0 }
        : split(new Uint8Array([LF])),
    stats: () => ({ ...stats, problems: stats.problems.map((p) => ({ ...p })) }),
  };
}
