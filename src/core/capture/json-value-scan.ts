/**
 * The byte loop of the streaming HAR reader: finds where one JSON value ends in UTF-8 bytes that arrive
 * in chunks, tracking only string, escape and nesting state (no tree, no decoding). It trusts the value
 * to be well formed: the caller parses the value's bytes afterwards, and `JSON.parse` judges them. The
 * loop is the hot path of a HAR read (it sees every byte of every entry), so inside strings, which are
 * most of a HAR, it looks at a few bytes one by one (skipping escapes), then jumps to the next quote
 * with `indexOf` and counts the backslashes before it.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const SPACE = 0x20;

/** Where the scan of one value stands between chunks. */
export interface ValueScan {
  /** Containers open inside the value. */
  depth: number;
  inString: boolean;
  /** Inside a string, the next byte is escaped (a chunk ended on an odd run of backslashes). */
  escape: boolean;
  /** A bare number or literal (`42`, `null`): it ends before the next delimiter. */
  scalar: boolean;
  /**
   * Where (chunk index) the open string began, when it began in the chunk just scanned; -1 otherwise.
   * Lets the caller measure a long string without the loop counting anything.
   */
  stringFrom: number;
}

/**
 * The state for a value whose first byte is `first` (already consumed: the scan goes on after it).
 * Whitespace is never a first byte: the caller skips it.
 */
export function startValue(first: number): ValueScan {
  const container = first === OPEN_BRACE || first === OPEN_BRACKET;
  return {
    depth: container ? 1 : 0,
    inString: first === QUOTE,
    escape: false,
    scalar: !container && first !== QUOTE,
    stringFrom: -1,
  };
}

/**
 * Scans `chunk` from `from` for the end of the value `scan` describes. Returns the index just after the
 * value's last byte, or -1 when the chunk ends first (`scan` then holds the state for the next chunk).
 */
export function scanValue(scan: ValueScan, chunk: Uint8Array, from: number): number {
  if (scan.scalar) return scanScalar(scan, chunk, from);
  const n = chunk.length;
  let i = from;
  let depth = scan.depth;
  let inString = scan.inString;
  // An escape the last chunk ended in: its escaped byte is this chunk's first.
  let openEscape = inString && scan.escape;
  let stringFrom = -1;
  if (openEscape && i < n) {
    openEscape = false;
    i++;
  }
  while (i < n) {
    if (inString) {
      const end = stringEnd(chunk, i, n);
      if (end < 0) {
        openEscape = end === OPEN_ESCAPE;
        i = n;
        break;
      }
      i = end;
      inString = false;
      if (depth === 0) return done(scan, i);
      continue;
    }
    const c = chunk[i++];
    if (c === QUOTE) {
      inString = true;
      stringFrom = i - 1;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
    else if ((c === CLOSE_BRACE || c === CLOSE_BRACKET) && --depth === 0) return done(scan, i);
  }
  scan.depth = depth;
  scan.inString = inString;
  scan.escape = inString && openEscape;
  scan.stringFrom = inString ? stringFrom : -1;
  return -1;
}

/**
 * Bytes looked at one by one before `indexOf` takes over: an embedded JSON body (`{\"id\":1,\"name\":…`)
 * has an escaped quote every few bytes, where a call of `indexOf` per quote cost more than the loop
 * (the delimiting of the 50 MB bench HAR took half as long).
 */
const SHORT_RUN = 32;

/** `stringEnd` when the chunk ends inside the string, and when its last byte also began an escape. */
const OPEN = -1;
const OPEN_ESCAPE = -2;

/**
 * Inside a string, from `from` (not inside an escape): the index just after its closing quote, or
 * `OPEN`/`OPEN_ESCAPE` when the chunk ends first.
 */
function stringEnd(chunk: Uint8Array, from: number, n: number): number {
  let i = from;
  for (;;) {
    const short = Math.min(n, i + SHORT_RUN);
    while (i < short) {
      const c = chunk[i];
      if (c === QUOTE) return i + 1;
      i += c === BACKSLASH ? 2 : 1;
    }
    if (i >= n) return i > n ? OPEN_ESCAPE : OPEN;
    // A long stretch: jump to the next quote, counting the backslashes before it (back to `i`, where no
    // escape is open); after an escaped one, on byte by byte.
    const quote = chunk.indexOf(QUOTE, i);
    if (quote < 0) return oddBackslashesBefore(chunk, n, i) ? OPEN_ESCAPE : OPEN;
    const escaped = oddBackslashesBefore(chunk, quote, i);
    i = quote + 1;
    if (!escaped) return i;
  }
}

function done(scan: ValueScan, end: number): number {
  scan.depth = 0;
  scan.inString = false;
  scan.escape = false;
  return end;
}

/** A bare scalar ends at the first delimiter or whitespace, which is not part of it. */
function scanScalar(scan: ValueScan, chunk: Uint8Array, from: number): number {
  for (let i = from; i < chunk.length; i++) {
    const c = chunk[i] as number;
    if (c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET || c <= SPACE) {
      scan.scalar = false;
      return i;
    }
  }
  return -1;
}

/** True when the run of backslashes just before `end` (not reaching back past `start`) is odd. */
function oddBackslashesBefore(chunk: Uint8Array, end: number, start: number): boolean {
  let j = end - 1;
  while (j >= start && chunk[j] === BACKSLASH) j--;
  return ((end - 1 - j) & 1) === 1;
}
