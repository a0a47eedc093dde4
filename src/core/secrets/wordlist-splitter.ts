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
/** Line verdicts known before the line is judged: it holds a NUL, or its start was already too long. */
const NUL_FLAG = 1;
const LONG_FLAG = 2;

/** The splitter's working state: one reused buffer, the word bounds, the unfinished last line. */
interface SplitState {
  maxLine: number;
  atFileStart: boolean;
  stats: WordlistStats;
  buffer: Uint8Array;
  starts: Int32Array;
  ends: Int32Array;
  carryStart: number;
  carryLength: number;
  /** The line being carried over was already longer than the limit (its bytes were dropped). */
  carryTooLong: boolean;
}

function problem(state: SplitState, reason: string): void {
  if (state.stats.problems.length < MAX_PROBLEMS)
    state.stats.problems.push({ line: state.stats.lines, reason });
}

/** Moves the carried partial line to the front (the caller is done with the last batch by now), then grows. */
function prepare(state: SplitState, size: number): void {
  state.buffer.copyWithin(0, state.carryStart, state.carryStart + state.carryLength);
  state.carryStart = 0;
  if (state.buffer.length < size) {
    const bigger = new Uint8Array(Math.max(size, state.buffer.length * 2));
    bigger.set(state.buffer.subarray(0, state.carryLength));
    state.buffer = bigger;
  }
  // A chunk of n bytes holds at most n / 2 + 1 lines that are not empty.
  const lines = (size >> 1) + 2;
  if (state.starts.length < lines) {
    state.starts = new Int32Array(Math.max(lines, state.starts.length * 2));
    state.ends = new Int32Array(state.starts.length);
  }
}

function hasBom(state: SplitState, view: Uint8Array, start: number): boolean {
  return (
    state.atFileStart &&
    state.stats.lines === 1 &&
    view[start] === 0xef &&
    view[start + 1] === 0xbb &&
    view[start + 2] === 0xbf
  );
}

/** Judges the line `[start, end)` of `view` (and `flags`); returns where its word starts, or -1 if skipped. */
function closeLine(state: SplitState, view: Uint8Array, start: number, end: number, flags: number): number {
  const { stats } = state;
  stats.lines++;
  const from = hasBom(state, view, start) && end - start >= 3 ? start + 3 : start;
  if (flags & NUL_FLAG) {
    stats.withNul++;
    problem(state, 'contains a NUL byte, skipped');
  } else if (flags & LONG_FLAG || end - from > state.maxLine) {
    stats.tooLong++;
    problem(state, `longer than ${state.maxLine} bytes, skipped`);
  } else if (end === from) stats.empty++;
  else return from;
  return -1;
}

/** Keeps the unfinished last line for the next chunk, or only the verdict when it is already too long. */
function carry(state: SplitState, view: Uint8Array, start: number): void {
  const rest = view.length - start;
  if ((state.carryTooLong && start === 0) || rest > state.maxLine + 1) {
    state.carryTooLong = true;
    state.carryLength = 0;
  } else {
    state.carryStart = start;
    state.carryLength = rest;
  }
}

function split(state: SplitState, chunk: Uint8Array): CandidateBatch {
  prepare(state, state.carryLength + chunk.length);
  state.buffer.set(chunk, state.carryLength);
  const view = state.buffer.subarray(0, state.carryLength + chunk.length);
  const { starts, ends } = state;
  let nul = view.indexOf(0);
  let count = 0;
  let start = 0;
  for (let lf = view.indexOf(LF); lf >= 0; lf = view.indexOf(LF, start)) {
    const end = lf > start && view[lf - 1] === CR ? lf - 1 : lf;
    const hasNul = nul >= 0 && nul < lf;
    if (hasNul) nul = view.indexOf(0, lf + 1);
    const from = closeLine(
      state,
      view,
      start,
      end,
      (hasNul ? NUL_FLAG : 0) | (start === 0 && state.carryTooLong ? LONG_FLAG : 0),
    );
    if (from >= 0) {
      starts[count] = from;
      ends[count++] = end;
    }
    if (start === 0) state.carryTooLong = false;
    start = lf + 1;
  }
  carry(state, view, start);
  state.stats.words += count;
  return { bytes: view, offsets: starts, ends, count };
}

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
  const state: SplitState = {
    maxLine: options.maxLineBytes ?? 1024,
    atFileStart: options.atFileStart ?? true,
    stats: { lines: 0, words: 0, empty: 0, withNul: 0, tooLong: 0, problems: [] },
    buffer: new Uint8Array(0),
    starts: new Int32Array(0),
    ends: new Int32Array(0),
    carryStart: 0,
    carryLength: 0,
    carryTooLong: false,
  };
  return {
    push: (chunk) => split(state, chunk),
    end: () =>
      state.carryLength === 0 && !state.carryTooLong
        ? { bytes: state.buffer, offsets: state.starts, ends: state.ends, count: 0 }
        : split(state, new Uint8Array([LF])),
    stats: () => ({ ...state.stats, problems: state.stats.problems.map((p) => ({ ...p })) }),
  };
}
