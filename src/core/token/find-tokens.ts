import { decodeBase64UrlBinary, decodeBase64UrlText } from './base64url';
import { MAX_TOKEN_BYTES } from './limits';

/** A token cut out of a larger text, with where it started (UTF-16 offset). */
export interface FoundToken {
  text: string;
  index: number;
}

const ELLIPSIS = 0x2026;
const DOT = 0x2e;

/** 1 for characters that may appear inside a compact token: base64url and `.`. */
const TOKEN_CHARS = (() => {
  const table = new Uint8Array(128);
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.';
  for (let i = 0; i < chars.length; i++) table[chars.charCodeAt(i)] = 1;
  return table;
})();

/** True for base64url characters and `.` (false for NaN, past the end). */
function isTokenChar(code: number): boolean {
  return code < 128 && TOKEN_CHARS[code] === 1;
}

/** Index just past the run of token characters starting at `from`; with `stopAtDot`, the first `.` ends it. */
function endOfRun(text: string, from: number, stopAtDot: boolean): number {
  let i = from;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (!isTokenChar(code) || (stopAtDot && code === DOT)) break;
    i++;
  }
  return i;
}

/** Cheap gate before JSON.parse, whose exceptions are slow when `eyJ` junk comes by the thousand. */
function looksLikeHeaderText(text: string): boolean {
  if (text.charCodeAt(0) !== 0x7b || text.length < 9) return false;
  let last = text.length - 1;
  while (last > 0 && text.charCodeAt(last) <= 0x20) last--;
  // `alg` may hide behind escapes (`"\u0061lg"`); JSON.parse decides then.
  return text.charCodeAt(last) === 0x7d && (text.includes('alg') || text.includes('\\u'));
}

/** True when `segment` is a complete JOSE header: base64url of a UTF-8 JSON object with an `alg` member. */
export function isJoseHeaderSegment(segment: string): boolean {
  // `{"alg":1}` is the shortest text with an alg member: 9 bytes, 12 characters.
  if (segment.length < 12 || segment.length > MAX_TOKEN_BYTES) return false;
  const decoded = decodeBase64UrlText(segment);
  if (!decoded.ok || decoded.text === null || !looksLikeHeaderText(decoded.text)) return false;
  try {
    const value: unknown = JSON.parse(decoded.text);
    return (
      typeof value === 'object' && value !== null && !Array.isArray(value) && Object.hasOwn(value, 'alg')
    );
  } catch {
    return false;
  }
}

/** True when a header cut short (`eyJhbGciOi…`) still shows the start of a JOSE header with an `alg` key. */
function isJoseHeaderPrefix(segment: string): boolean {
  if (segment.length > MAX_TOKEN_BYTES) return false;
  // A cut can leave a dangling 1-char quantum, which no base64url text has: drop it, it holds no full byte.
  const whole = segment.length % 4 === 1 ? segment.slice(0, -1) : segment;
  // Bytes as chars: the ASCII we look for reads the same without decoding UTF-8 (a cut may split a char).
  const binary = decodeBase64UrlBinary(whole);
  return binary !== null && /^\{\s*"/.test(binary) && binary.includes('"alg"');
}

/** Where a candidate whose header ends at `headerEnd` ends: its token characters, plus a trailing `…`. */
function candidateEnd(text: string, headerEnd: number): number {
  const end = endOfRun(text, headerEnd, false);
  if (text.charCodeAt(end) === ELLIPSIS) return end + 1;
  // Prose puts a full stop after a token ("…was eyJ.a.b."): drop one dot when that leaves 3 or 5 segments.
  if (text.charCodeAt(end - 1) === DOT && text.charCodeAt(end - 2) !== DOT) {
    const dots = countDots(text, headerEnd, end);
    if (dots === 3 || dots === 5) return end - 1;
  }
  return end;
}

function countDots(text: string, from: number, to: number): number {
  let dots = 0;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === DOT) dots++;
  return dots;
}

/** True when the header segment is directly followed by a truncation marker (`...` or `…`) ending the token. */
function isCutHeader(text: string, headerEnd: number): boolean {
  if (text.charCodeAt(headerEnd) === ELLIPSIS) return true;
  return text.startsWith('...', headerEnd) && !isTokenChar(text.charCodeAt(headerEnd + 3));
}

/**
 * Finds every JWT-like token in arbitrary text (header values, cookies, URLs, bodies), in order.
 * Anchors on `eyJ` (base64url of `{"`), then keeps a candidate only if its first segment is a JOSE
 * header, so random base64 and non-JOSE `eyJ` data are skipped. Damaged tokens that still start with
 * a JOSE header (2 segments, cut with `...` or `…`) are returned so the parser can report them.
 * Linear time: every character is scanned a bounded number of times.
 */
export function findTokens(text: string): FoundToken[] {
  const found: FoundToken[] = [];
  if (typeof text !== 'string') return found;
  let from = 0;
  for (;;) {
    const start = text.indexOf('eyJ', from);
    if (start < 0) return found;
    const headerEnd = endOfRun(text, start + 3, true);
    const header = text.slice(start, headerEnd);
    // A lone header with no `.` is no token (JWS JSON serialization carries those in `protected`).
    const hasBody = text.charCodeAt(headerEnd) === DOT && !isCutHeader(text, headerEnd);
    if (
      (hasBody && isJoseHeaderSegment(header)) ||
      (isCutHeader(text, headerEnd) && isJoseHeaderPrefix(header))
    ) {
      const end = candidateEnd(text, headerEnd);
      found.push({ text: text.slice(start, end), index: start });
      from = end;
    } else {
      // Resume after the rejected header, not inside it: rescanning would make `eyJeyJeyJ…` quadratic.
      from = headerEnd;
    }
  }
}
