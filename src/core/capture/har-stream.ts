import {
  begin,
  capture,
  createState,
  type Frame,
  fail,
  kindOf,
  notHar,
  type State,
  showByte,
} from './har-value-capture';
import { MAX_BODY_CHARS } from './scan-body';
import type { StringCut } from './string-cut';

export { parseJsonBytes } from './har-value-capture';

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
 * Hosts: `captureHarChunks(chunks, { onProgress, signal })` (capture-har-stream.ts) does all of this
 * for an `AsyncIterable` of chunks (the CLI's file read, a panel worker's `File.stream()`) and returns
 * the capture. A host that captures entries on several threads passes `onEntryBytes`, parses and
 * captures each entry elsewhere (`parseJsonBytes`, `placeCuts`, `captureEntryWith`) and merges the
 * results in file order with `createHarCapture().addCaptured`, then `harReadResult` for the ending.
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
