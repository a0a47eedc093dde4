/**
 * Says where and why text is not JSON, for a one-line error (`unexpected end of input at byte 52311
 * (file truncated?)`). V8's own messages differ between Node versions and often omit the position,
 * so a small scanner finds the first offending character itself. It runs only after `JSON.parse`
 * has failed, so its speed does not matter; its depth is bounded by an explicit stack.
 */
export function describeJsonError(text: string, fallback: string): string {
  const found = locate(text);
  if (!found) return `not valid JSON: ${fallback}`;
  const { offset, problem } = found;
  const byte = utf8Length(text, offset);
  if (offset >= text.length) {
    return offset === 0
      ? 'empty file, expected JSON'
      : `not valid JSON: unexpected end of input at byte ${byte} (file truncated?)`;
  }
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `not valid JSON: ${problem} at line ${line}, column ${column} (byte ${byte})`;
}

/**
 * What is wrong with text that `JSON.parse` rejected, and the UTF-8 byte offset where it goes wrong
 * (`unexpected end of input` when it ends too soon). For a piece of a larger file (one HAR entry), the
 * caller adds the piece's own offset.
 */
export function jsonErrorAt(text: string, fallback: string): { byte: number; problem: string } {
  const found = locate(text);
  if (!found) return { byte: 0, problem: fallback };
  const byte = utf8Length(text, found.offset);
  return { byte, problem: found.problem === 'end' ? 'unexpected end of input' : found.problem };
}

interface Problem {
  offset: number;
  problem: string;
}

const WS = /[ \t\n\r]*/y;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const ESCAPE = /^(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/;

type Expect = 'value' | 'key' | 'after';

/** Scanner state: position, what must come next, and the closers of the open containers. */
interface Scan {
  text: string;
  i: number;
  expect: Expect;
  stack: string[];
}

/** Scans one JSON text; `undefined` when it finds nothing wrong. */
function locate(text: string): Problem | undefined {
  const scan: Scan = { text, i: skip(text, 0), expect: 'value', stack: [] };
  while (scan.i < text.length) {
    const step = scan.expect === 'after' ? afterValue : scan.expect === 'key' ? key : value;
    const problem = step(scan, text[scan.i] as string);
    if (problem) return problem;
  }
  return scan.stack.length || scan.expect !== 'after' ? { offset: scan.i, problem: 'end' } : undefined;
}

/** After a value: a comma, the container's closer, or (at top level) nothing at all. */
function afterValue(scan: Scan, c: string): Problem | undefined {
  const close = scan.stack.at(-1);
  if (close === undefined) return { offset: scan.i, problem: `unexpected ${show(c)} after the JSON value` };
  if (c === ',') scan.expect = close === '}' ? 'key' : 'value';
  else if (c === close) scan.stack.pop();
  else return { offset: scan.i, problem: `expected ',' or '${close}' but found ${show(c)}` };
  scan.i = skip(scan.text, scan.i + 1);
  return undefined;
}

/** A property name and its colon. */
function key(scan: Scan): Problem | undefined {
  const { text } = scan;
  const end = stringEnd(text, scan.i);
  if (end < 0) return stringProblem(text, scan.i, 'a property name in double quotes');
  const colon = skip(text, end);
  if (colon >= text.length) return { offset: colon, problem: 'end' };
  if (text[colon] !== ':')
    return { offset: colon, problem: `expected ':' but found ${show(text[colon] ?? '')}` };
  scan.i = skip(text, colon + 1);
  scan.expect = 'value';
  return undefined;
}

/** A value: a container opening (possibly empty) or a scalar. */
function value(scan: Scan, c: string): Problem | undefined {
  const { text } = scan;
  if (c === '{' || c === '[') {
    const close = c === '{' ? '}' : ']';
    scan.i = skip(text, scan.i + 1);
    if (text[scan.i] === close) {
      scan.i = skip(text, scan.i + 1);
      scan.expect = 'after';
    } else {
      scan.stack.push(close);
      scan.expect = c === '{' ? 'key' : 'value';
    }
    return undefined;
  }
  const end = scalarEnd(text, scan.i);
  if (end < 0)
    return c === '"'
      ? stringProblem(text, scan.i, 'a string')
      : { offset: scan.i, problem: `unexpected ${show(c)}` };
  scan.i = skip(text, end);
  scan.expect = 'after';
  return undefined;
}

function scalarEnd(text: string, i: number): number {
  for (const word of ['true', 'false', 'null']) if (text.startsWith(word, i)) return i + word.length;
  const number = match(NUMBER, text, i);
  return number >= 0 ? number : stringEnd(text, i);
}

/** End of the string starting at `start` (after its closing quote), or -1 if it is not a valid string. */
function stringEnd(text: string, start: number): number {
  if (text[start] !== '"') return -1;
  for (let i = start + 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x22) return i + 1;
    if (code < 0x20) return -1;
    if (code === 0x5c) {
      if (!ESCAPE.test(text.slice(i + 1, i + 6))) return -1;
      i += text[i + 1] === 'u' ? 5 : 1;
    }
  }
  return -1;
}

/** Finds where a string goes wrong: a control character, a bad escape, or no closing quote. */
function stringProblem(text: string, start: number, what: string): Problem {
  if (text[start] !== '"')
    return { offset: start, problem: `expected ${what} but found ${show(text[start] ?? '')}` };
  for (let i = start + 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x22) break;
    if (code < 0x20) return { offset: i, problem: 'control character inside a string' };
    if (code === 0x5c && !ESCAPE.test(text.slice(i + 1, i + 6))) {
      return { offset: i, problem: 'bad escape sequence in a string' };
    }
    if (code === 0x5c) i++;
  }
  return { offset: text.length, problem: 'end' };
}

function match(pattern: RegExp, text: string, at: number): number {
  pattern.lastIndex = at;
  return pattern.test(text) ? pattern.lastIndex : -1;
}

function skip(text: string, at: number): number {
  WS.lastIndex = at;
  WS.test(text);
  return WS.lastIndex;
}

/** A character as an error shows it: `'x'` when printable ASCII, else its code point. */
export function show(c: string): string {
  return /^[\x21-\x7e]$/.test(c)
    ? `'${c}'`
    : `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** UTF-8 length of the first `end` UTF-16 units: the byte offset a hex editor or `dd` would show. */
function utf8Length(text: string, end: number): number {
  let bytes = 0;
  for (let i = 0; i < end && i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < end) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
