const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Sextet value per char code; 64 = skip (whitespace, padding), 255 = invalid. Accepts both alphabets. */
const SEXTETS = (() => {
  const table = new Uint8Array(256).fill(255);
  for (let i = 0; i < ALPHABET.length; i++) table[ALPHABET.charCodeAt(i)] = i;
  table['-'.charCodeAt(0)] = 62;
  table['_'.charCodeAt(0)] = 63;
  for (const c of ' \t\r\n=') table[c.charCodeAt(0)] = 64;
  return table;
})();

/**
 * Decodes HAR `content.text` with `encoding: "base64"` (standard or URL-safe alphabet, whitespace and
 * padding tolerated). Returns `null` on any other character. No `atob`/`Buffer`: core must run everywhere.
 */
export function decodeBase64(text: string): Uint8Array | null {
  const out = new Uint8Array(Math.floor((text.length * 3) / 4) + 3);
  let length = 0;
  let buffer = 0;
  let bits = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const value = code < 256 ? (SEXTETS[code] ?? 255) : 255;
    if (value === 64) continue;
    if (value === 255) return null;
    buffer = ((buffer << 6) | value) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[length++] = (buffer >> bits) & 0xff;
    }
  }
  return out.subarray(0, length);
}
