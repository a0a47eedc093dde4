import type { HarStreamHandlers } from './har-stream';
import { jsonErrorAt, show } from './json-error';
import { scanValue, startValue, type ValueScan } from './json-value-scan';
import { closeCut, cutMarkJson, feedCut, type OpenCut, openCut, type StringCut, safeCut } from './string-cut';

/**
 * The streaming HAR reader's state, and the capture of one value below its skeleton (see
 * `createHarStream`): the value's bytes are delimited by `scanValue`, kept (copied when they span
 * chunks), cut when an entry's string grows too long, then decoded and parsed on their own.
 */

const UTF8 = new TextDecoder();

/**
 * Decodes and parses one value's UTF-8 bytes (an entry cut out by the stream), naming the file byte of
 * a fault: `offset` is where the value starts in the file.
 */
export function parseJsonBytes(bytes: Uint8Array, offset: number): { value: unknown } | { problem: string } {
  const text = UTF8.decode(bytes);
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    const { byte, problem } = jsonErrorAt(text, error instanceof Error ? error.message : String(error));
    return { problem: `not valid JSON: ${problem} at byte ${offset + byte}` };
  }
}

export type Frame = 'top' | 'log' | 'entries';
/** What the skeleton expects next; `capture` while `scanValue` runs over a value. */
export type Mode = 'value' | 'key' | 'colon' | 'after' | 'capture' | 'done';
export type Target = 'entry' | 'member' | 'key' | 'skip';

export interface State {
  frames: Frame[];
  mode: Mode;
  /** The member name of the value being read in an object frame. */
  key: string;
  /** A closer is allowed here (right after an opener, not after a comma). */
  allowClose: boolean;
  target: Target;
  scan: ValueScan;
  /** File offset of the value being captured, its bytes so far and their size. */
  start: number;
  pieces: Uint8Array[];
  size: number;
  maxValueBytes: number;
  maxStringBytes: number;
  /** File offset of the opening quote of the string open in the value. */
  stringStart: number;
  /** The string being cut, scanned to its end by `cutScan`; the cuts of the entry so far. */
  cut?: OpenCut;
  cutScan: ValueScan;
  cuts: StringCut[];
  /** File offset of the chunk being pushed. */
  offset: number;
  entries: number;
  sawLog: boolean;
  sawEntries: boolean;
  error?: string;
}

export function createState(maxValueBytes: number, maxStringBytes: number): State {
  return {
    frames: [],
    mode: 'value',
    key: '',
    allowClose: false,
    target: 'skip',
    scan: startValue(0x22),
    start: 0,
    pieces: [],
    size: 0,
    maxValueBytes,
    maxStringBytes,
    stringStart: 0,
    cutScan: startValue(0x22),
    cuts: [],
    offset: 0,
    entries: 0,
    sawLog: false,
    sawEntries: false,
  };
}

/** Starts capturing the value whose first byte is at `i`. */
export function begin(
  state: State,
  handlers: HarStreamHandlers,
  target: Target,
  chunk: Uint8Array,
  i: number,
): number {
  const c = chunk[i] as number;
  if (kindOf(c) === undefined) return fail(state, `unexpected ${showByte(c)}`, i);
  state.target = target;
  state.scan = startValue(c);
  state.start = state.offset + i;
  state.stringStart = state.start;
  state.size = 0;
  state.cuts = [];
  state.mode = 'capture';
  return capture(state, handlers, chunk, i + 1, i);
}

/** Scans on from `from`; the value's bytes in this chunk start at `first`. */
export function capture(
  state: State,
  handlers: HarStreamHandlers,
  chunk: Uint8Array,
  from: number,
  first: number,
): number {
  if (state.cut) return cutting(state, handlers, chunk, from, state.cut);
  const end = scanValue(state.scan, chunk, from);
  if (end < 0) {
    // The chunk is the caller's to reuse: a piece kept across pushes is copied.
    keep(state, chunk, first, chunk.length, true);
    if (state.scan.inString && state.target === 'entry') measureString(state, chunk.length);
    return chunk.length;
  }
  keep(state, chunk, first, end, false);
  finish(state, handlers);
  return end;
}

/** At a chunk end inside a string of an entry: cuts it once it is longer than `maxStringBytes`. */
function measureString(state: State, n: number): void {
  const { scan } = state;
  if (scan.stringFrom >= 0) {
    state.stringStart = state.offset + scan.stringFrom;
    scan.stringFrom = -1;
  }
  // The string's bytes so far, all kept (the end of the value's pieces).
  const stringBytes = state.offset + n - (state.stringStart + 1);
  const excess = stringBytes - state.maxStringBytes;
  if (excess <= 0 || state.pieces.length === 0 || state.size > state.maxValueBytes) return;
  // One piece, so the cut can look back past chunk edges (an escape or a token begun in an earlier
  // chunk): a copy of the value so far, once per string cut.
  const piece = joined(state.pieces, state.size);
  const min = Math.max(0, piece.length - stringBytes);
  const at = safeCut(piece, Math.max(min, piece.length - excess), min);
  state.pieces = [piece.subarray(0, at)];
  state.size = at;
  state.cut = openCut(at - min);
  feedCut(state.cut, piece.subarray(at));
  state.cutScan = { ...startValue(0x22), escape: scan.escape };
}

/** Inside a cut string: its bytes go to the token windows, not the entry, up to its closing quote. */
function cutting(
  state: State,
  handlers: HarStreamHandlers,
  chunk: Uint8Array,
  from: number,
  cut: OpenCut,
): number {
  const close = scanValue(state.cutScan, chunk, from);
  feedCut(cut, chunk.subarray(from, close < 0 ? chunk.length : close - 1));
  if (close < 0) return chunk.length;
  state.cut = undefined;
  const mark = new TextEncoder().encode(cutMarkJson(state.cuts.length));
  state.cuts.push(closeCut(cut));
  state.pieces.push(mark);
  state.size += mark.length;
  state.scan.inString = false;
  state.scan.escape = false;
  // On with the entry from the closing quote, which is kept.
  return capture(state, handlers, chunk, close, close - 1);
}

function keep(state: State, chunk: Uint8Array, from: number, to: number, copy: boolean): void {
  state.size += to - from;
  if (state.target === 'skip' || state.size > state.maxValueBytes) {
    state.pieces.length = 0;
    return;
  }
  state.pieces.push(copy ? chunk.slice(from, to) : chunk.subarray(from, to));
}

/** The value is complete: hand it over. */
function finish(state: State, handlers: HarStreamHandlers): void {
  const { target, start, size } = state;
  const bytes = size > state.maxValueBytes ? undefined : joined(state.pieces, size);
  state.pieces = [];
  state.mode = target === 'key' ? 'colon' : 'after';
  if (target === 'skip') return;
  if (target === 'key') {
    const parsed = bytes && parseJsonBytes(bytes, start);
    if (parsed && 'value' in parsed && typeof parsed.value === 'string') state.key = parsed.value;
    else
      notHar(
        state,
        parsed && 'problem' in parsed ? parsed.problem : `a property name at byte ${start} is too long`,
      );
    return;
  }
  const index = target === 'entry' ? state.entries++ : undefined;
  const where = index === undefined ? `log.${state.key}` : `entry ${index}`;
  if (bytes === undefined) {
    const problem = `${sizeOf(size)} from byte ${start}, over the ${sizeOf(state.maxValueBytes)} limit; skipped`;
    handlers.onProblem?.(`${where}: ${problem}`, index);
  } else if (target === 'entry' && handlers.onEntryBytes) {
    handlers.onEntryBytes(bytes, state.entries - 1, start, cutsOf(state));
  } else {
    deliver(state, handlers, target, where, parseJsonBytes(bytes, start));
  }
}

function deliver(
  state: State,
  handlers: HarStreamHandlers,
  target: Target,
  where: string,
  parsed: { value: unknown } | { problem: string },
): void {
  if ('problem' in parsed)
    handlers.onProblem?.(`${where}: ${parsed.problem}`, target === 'entry' ? state.entries - 1 : undefined);
  else if (target === 'entry')
    handlers.onEntry?.(parsed.value, state.entries - 1, state.start, cutsOf(state));
  else handlers.onLogMember?.(state.key, parsed.value);
}

const MIB = 1024 * 1024;

function cutsOf(state: State): readonly StringCut[] | undefined {
  return state.cuts.length ? state.cuts : undefined;
}

function sizeOf(bytes: number): string {
  return bytes >= MIB ? `${(bytes / MIB).toFixed(1)} MiB` : `${bytes} bytes`;
}

function joined(pieces: readonly Uint8Array[], size: number): Uint8Array {
  if (pieces.length === 1) return pieces[0] as Uint8Array;
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const piece of pieces) {
    bytes.set(piece, at);
    at += piece.length;
  }
  return bytes;
}

export function fail(state: State, problem: string, i: number): number {
  state.error = `not valid JSON: ${problem} at byte ${state.offset + i}`;
  return i + 1;
}

export function notHar(state: State, message: string, i = 0): number {
  state.error = message;
  return i + 1;
}

/** What a value is, from its first byte (as `captureHar` names it); `undefined` when no value starts so. */
export function kindOf(c: number): string | undefined {
  if (c === 0x7b) return 'an object';
  if (c === 0x5b) return 'an array';
  if (c === 0x22) return 'a string';
  if (c === 0x74 || c === 0x66) return 'a boolean';
  if (c === 0x6e) return 'null';
  if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return 'a number';
  return undefined;
}

export function showByte(c: number): string {
  return c < 0x80 ? show(String.fromCharCode(c)) : `byte 0x${c.toString(16).toUpperCase()}`;
}
