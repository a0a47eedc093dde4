import { jsonErrorAt, show } from './json-error';
import { scanValue, startValue, type ValueScan } from './json-value-scan';
import { MAX_BODY_CHARS } from './scan-body';
import { closeCut, cutMarkJson, feedCut, type OpenCut, openCut, type StringCut, safeCut } from './string-cut';

/**
 * Streaming HAR reader: turns the UTF-8 bytes of a HAR file, in chunks of any size from any source (a
 * file read, `File.stream()`, standard input), into its entries one at a time, without building the
 * whole tree. Memory is bounded by the largest single value kept (an entry, or a member of `log`), not
 * by the file.
 *
 * ```ts
 * const stream = createHarStream({ onEntry, onLogMember, onProblem });
 * for await (const chunk of chunks) stream.push(chunk);
 * const { error } = stream.end();
 * ```
 *
 * - `onEntry(entry, index, offset)` gets each element of `log.entries`, parsed, in file order (`index`
 *   is its position in the array, `offset` the file byte it starts at). A host that parses elsewhere (a
 *   worker thread) passes `onEntryBytes` instead and calls `parseJsonBytes` there.
 * - `onLogMember(name, value)` gets every other member of `log` (`version`, `creator`, `pages`…) as it
 *   ends: a HAR writer normally puts `pages` before `entries`, but nothing forces it to.
 * - `onProblem(line)` gets a problem that does not stop the read (an entry that is not valid JSON).
 * - A string of an entry longer than `maxStringBytes` (a body of many MB) is cut: the entry keeps its
 *   first `maxStringBytes`, and the rest is searched for tokens in windows as it streams by (a token
 *   across a window edge is still found); `onEntry` gets these `cuts` (see `StringCut`, `placeCuts`).
 *   Strings are measured at chunk ends, so a chunk larger than the limit may keep a string whole.
 * - `end()` says whether the file ended well: `error` is one line naming what is wrong and the byte
 *   offset (`not valid JSON: unexpected end of input at byte 52311 (file truncated?)`), or why the JSON
 *   is not a HAR (the messages of `captureHar`). Everything before a fault has been handed over.
 *
 * `push` and `end` never throw for bad bytes (a handler that throws is not caught). After a fault,
 * further chunks are ignored. Chunks may be reused by the caller once `push` returns.
 *
 * How: a small state machine reads the skeleton (the top-level object, `log`, the `entries` array)
 * byte by byte; each value below it is delimited by the tight loop of `scanValue` (string, escape and
 * depth state only), and only that value's own bytes are decoded and `JSON.parse`d.
 */
export function createHarStream(handlers: HarStreamHandlers, options: HarStreamOptions = {}): HarStream {
  const state = createState(
    options.maxValueBytes ?? MAX_VALUE_BYTES,
    options.maxStringBytes ?? MAX_STRING_BYTES,
  );
  return {
    push: (chunk) => {
      push(state, handlers, chunk);
      return state.error === undefined;
    },
    end: () => end(state),
    get bytes() {
      return state.offset;
    },
    get entries() {
      return state.entries;
    },
  };
}

export interface HarStreamHandlers {
  /** One element of `log.entries`, parsed (any JSON value: judging it is the capture's job). */
  onEntry?(entry: unknown, index: number, offset: number, cuts?: readonly StringCut[]): void;
  /**
   * One element of `log.entries` as raw UTF-8 bytes, not decoded; replaces `onEntry`. The bytes may be a
   * view into the chunk being pushed: copy them (`slice`) to keep them after the call.
   */
  onEntryBytes?(bytes: Uint8Array, index: number, offset: number, cuts?: readonly StringCut[]): void;
  /** A member of `log` other than `entries`, parsed. */
  onLogMember?(name: string, value: unknown): void;
  /** A problem that does not stop the read, as one line; `entryIndex` when it is an unreadable entry. */
  onProblem?(problem: string, entryIndex?: number): void;
}

export interface HarStreamOptions {
  /** Values (entries, `log` members) larger than this are skipped with a problem line. */
  maxValueBytes?: number;
  /** Strings of an entry longer than this are cut, and the rest searched in windows. */
  maxStringBytes?: number;
}

export interface HarStream {
  /** Reads the next bytes of the file; `false` once a fault has stopped the read (stop reading). */
  push(chunk: Uint8Array): boolean;
  /** The file has ended: `error` when it ended badly or is not a HAR. */
  end(): HarStreamEnd;
  /** Bytes pushed so far. */
  readonly bytes: number;
  /** Entries handed over so far (including ones that were not valid JSON). */
  readonly entries: number;
}

export interface HarStreamEnd {
  bytes: number;
  entries: number;
  error?: string;
}

/** A value larger than this is not kept (one entry of a browser HAR is rarely more than a few MB). */
export const MAX_VALUE_BYTES = 512 * 1024 * 1024;
/** What capture scans of a body in full (`MAX_BODY_CHARS`): a longer string is cut there. */
export const MAX_STRING_BYTES = MAX_BODY_CHARS;

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

type Frame = 'top' | 'log' | 'entries';
/** What the skeleton expects next; `capture` while `scanValue` runs over a value. */
type Mode = 'value' | 'key' | 'colon' | 'after' | 'capture' | 'done';
type Target = 'entry' | 'member' | 'key' | 'skip';

interface State {
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

function createState(maxValueBytes: number, maxStringBytes: number): State {
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

function push(state: State, handlers: HarStreamHandlers, chunk: Uint8Array): void {
  const n = chunk.length;
  let i = 0;
  while (i < n && state.error === undefined) {
    if (state.mode === 'capture') {
      i = capture(state, handlers, chunk, i, i);
      continue;
    }
    const c = chunk[i] as number;
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || isBom(c, state.offset + i)) i++;
    else i = step(state, handlers, chunk, i, c);
  }
  state.offset += n;
}

/** A UTF-8 byte order mark at the start of the file is skipped like whitespace. */
function isBom(c: number, at: number): boolean {
  return (at === 0 && c === 0xef) || (at === 1 && c === 0xbb) || (at === 2 && c === 0xbf);
}

/** One structural byte of the skeleton; returns where to go on. */
function step(state: State, handlers: HarStreamHandlers, chunk: Uint8Array, i: number, c: number): number {
  switch (state.mode) {
    case 'value':
      return valueStart(state, handlers, chunk, i, c);
    case 'key':
      if (c === 0x22) return begin(state, handlers, 'key', chunk, i);
      if (c === 0x7d && state.allowClose) return close(state, i);
      return fail(state, `expected a property name in double quotes but found ${showByte(c)}`, i);
    case 'colon':
      if (c !== 0x3a) return fail(state, `expected ':' but found ${showByte(c)}`, i);
      state.mode = 'value';
      return i + 1;
    case 'after':
      return afterValue(state, c, i);
    default:
      return fail(state, `unexpected ${showByte(c)} after the JSON value`, i);
  }
}

/** A value starts: a frame of the skeleton opens, or a value below it is captured (or skipped). */
function valueStart(
  state: State,
  handlers: HarStreamHandlers,
  chunk: Uint8Array,
  i: number,
  c: number,
): number {
  const frame = state.frames.at(-1);
  if (frame === 'entries') {
    if (c === 0x5d && state.allowClose) return close(state, i);
    return begin(state, handlers, 'entry', chunk, i);
  }
  const kind = kindOf(c);
  if (kind === undefined) return fail(state, `unexpected ${showByte(c)}`, i);
  if (frame === undefined) {
    if (c === 0x7b) return open(state, 'top', i);
    return notHar(state, `not a HAR file: expected a JSON object at the top level, found ${kind}`);
  }
  if (frame === 'top' && state.key === 'log') {
    state.sawLog = true;
    if (c === 0x7b) return open(state, 'log', i);
    return notHar(state, `not a HAR file: "log" is ${kind}, expected an object`);
  }
  if (frame === 'log' && state.key === 'entries') {
    state.sawEntries = true;
    if (c === 0x5b) return open(state, 'entries', i);
    return notHar(state, `log.entries is not an array (found ${kind})`);
  }
  return begin(state, handlers, frame === 'log' ? 'member' : 'skip', chunk, i);
}

/** After a value: a comma, or the closer of the frame. */
function afterValue(state: State, c: number, i: number): number {
  const frame = state.frames.at(-1);
  const closer = frame === 'entries' ? 0x5d : 0x7d;
  if (c === closer) return close(state, i);
  if (c !== 0x2c)
    return fail(state, `expected ',' or '${String.fromCharCode(closer)}' but found ${showByte(c)}`, i);
  state.mode = frame === 'entries' ? 'value' : 'key';
  state.allowClose = false;
  return i + 1;
}

function open(state: State, frame: Frame, i: number): number {
  state.frames.push(frame);
  state.mode = frame === 'entries' ? 'value' : 'key';
  state.allowClose = true;
  return i + 1;
}

function close(state: State, i: number): number {
  state.frames.pop();
  state.mode = state.frames.length === 0 ? 'done' : 'after';
  return i + 1;
}

/** Starts capturing the value whose first byte is at `i`. */
function begin(
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
function capture(
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
  const contentStart = state.stringStart + 1;
  const excess = state.offset + n - contentStart - state.maxStringBytes;
  const piece = state.pieces.at(-1);
  if (excess <= 0 || piece === undefined) return;
  const pieceStart = state.offset + n - piece.length;
  const min = Math.max(0, contentStart - pieceStart);
  const at = safeCut(piece, Math.max(min, piece.length - excess), min);
  state.pieces[state.pieces.length - 1] = piece.subarray(0, at);
  state.size -= piece.length - at;
  state.cut = openCut(pieceStart + at - contentStart);
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

function end(state: State): HarStreamEnd {
  if (state.error === undefined) {
    const error = endError(state);
    if (error) state.error = error;
  }
  const result: HarStreamEnd = { bytes: state.offset, entries: state.entries };
  if (state.error !== undefined) result.error = state.error;
  return result;
}

function endError(state: State): string | undefined {
  if (state.mode === 'done') {
    if (!state.sawLog) return 'not a HAR file: top-level "log" is missing';
    if (!state.sawEntries) return 'not a HAR file: log.entries is missing';
    return undefined;
  }
  if (state.offset === 0) return 'empty file, expected JSON';
  return `not valid JSON: unexpected end of input at byte ${state.offset} (file truncated?)`;
}

function fail(state: State, problem: string, i: number): number {
  state.error = `not valid JSON: ${problem} at byte ${state.offset + i}`;
  return i + 1;
}

function notHar(state: State, message: string, i = 0): number {
  state.error = message;
  return i + 1;
}

/** What a value is, from its first byte (as `captureHar` names it); `undefined` when no value starts so. */
function kindOf(c: number): string | undefined {
  if (c === 0x7b) return 'an object';
  if (c === 0x5b) return 'an array';
  if (c === 0x22) return 'a string';
  if (c === 0x74 || c === 0x66) return 'a boolean';
  if (c === 0x6e) return 'null';
  if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return 'a number';
  return undefined;
}

function showByte(c: number): string {
  return c < 0x80 ? show(String.fromCharCode(c)) : `byte 0x${c.toString(16).toUpperCase()}`;
}
