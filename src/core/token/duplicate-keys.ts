/**
 * Finds object keys that occur twice in the same JSON object. JSON.parse keeps the last one silently,
 * other parsers keep the first or reject: a token that reads differently to its issuer and its verifier
 * is a parser-differential attack (RFC 8725 §3.1, RFC 7515 §5.2). Runs only on text JSON.parse accepted,
 * so it tracks structure, not syntax; it is iterative, so no nesting depth can overflow the stack.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;

/** Keys of each open object; `null` for an open array. */
type Frame = Set<string> | null;

/** Index of the quote closing the string that opens at `open`. */
function closingQuote(text: string, open: number): number {
  let close = text.indexOf('"', open + 1);
  while (close > 0) {
    let slashes = 0;
    for (let k = close - 1; text.charCodeAt(k) === BACKSLASH; k--) slashes++;
    if (slashes % 2 === 0) return close;
    close = text.indexOf('"', close + 1);
  }
  return text.length;
}

/** Next index at or after `i` that is not JSON whitespace. */
function skipSpace(text: string, i: number): number {
  let j = i;
  for (
    let c = text.charCodeAt(j);
    c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
    c = text.charCodeAt(j)
  )
    j++;
  return j;
}

/** The decoded key between the quotes at `open` and `close`. */
function keyText(text: string, open: number, close: number): string {
  const raw = text.slice(open + 1, close);
  if (raw.indexOf('\\') < 0) return raw;
  try {
    return JSON.parse(text.slice(open, close + 1)) as string;
  } catch {
    return raw;
  }
}

/**
 * The keys that appear more than once in some object of `text` (valid JSON), each listed once, in order
 * of their second appearance.
 */
export function findDuplicateKeys(text: string): string[] {
  const stack: Frame[] = [];
  const duplicates = new Set<string>();
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7b) stack.push(new Set());
    else if (c === 0x5b) stack.push(null);
    else if (c === 0x7d || c === 0x5d) stack.pop();
    else if (c === QUOTE) {
      const close = closingQuote(text, i);
      const next = skipSpace(text, close + 1);
      const keys = stack[stack.length - 1];
      if (keys && text.charCodeAt(next) === COLON) {
        const key = keyText(text, i, close);
        if (!keys.has(key)) keys.add(key);
        else duplicates.add(key);
      }
      i = close;
    }
  }
  return [...duplicates];
}
