/**
 * UTF-8 decoding for token segments. One fatal decoder, created once: a token whose header or payload
 * is not valid UTF-8 must be reported, not silently repaired with U+FFFD (RFC 7519 §7.2 step 10).
 */

// ignoreBOM keeps a leading U+FEFF in the text so JSON.parse rejects it, as a strict JOSE library would.
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The text, or `null` when `bytes` is not well-formed UTF-8. Never throws. */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return null;
  }
}

/** Length of the well-formed sequence starting at `i` (lead byte `b`), or 0 when it is not well formed. */
function sequenceLength(bytes: Uint8Array, i: number, b: number): number {
  let need: number;
  let min = 0x80;
  let max = 0xbf;
  if (b >= 0xc2 && b <= 0xdf) need = 1;
  else if (b >= 0xe0 && b <= 0xef) {
    need = 2;
    if (b === 0xe0) min = 0xa0;
    if (b === 0xed) max = 0x9f; // no UTF-16 surrogates
  } else if (b >= 0xf0 && b <= 0xf4) {
    need = 3;
    if (b === 0xf0) min = 0x90;
    if (b === 0xf4) max = 0x8f;
  } else return 0;
  for (let k = 1; k <= need; k++) {
    const c = bytes[i + k];
    if (c === undefined || c < (k === 1 ? min : 0x80) || c > (k === 1 ? max : 0xbf)) return 0;
  }
  return need + 1;
}

/** Offset of the first byte that breaks UTF-8 (for the error message), or -1 when the bytes are valid. */
export function findInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    if (b < 0x80) {
      i++;
      continue;
    }
    const n = sequenceLength(bytes, i, b);
    if (n === 0) return i;
    i += n;
  }
  return -1;
}
