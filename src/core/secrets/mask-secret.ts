const decoder = new TextDecoder('utf-8', { fatal: true });
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * The secret as text: itself when it is printable UTF-8, otherwise `hex:` and its bytes (binary keys
 * such as a decoded JWK `k`).
 */
export function secretText(bytes: Uint8Array): string {
  try {
    const text = decoder.decode(bytes);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this detects.
    if (!/[\u0000-\u001f\u007f]/.test(text)) return text;
  } catch {
    // Not UTF-8: shown as hex below.
  }
  let hex = 'hex:';
  for (const byte of bytes) hex += HEX[byte];
  return hex;
}

/**
 * Masks a recovered secret for reports: first and last character around four stars (`s****t`), whatever
 * the length, so the mask does not reveal it; secrets of three characters or fewer become `****`.
 */
export function maskSecret(text: string): string {
  if (text.length === 0) return '(empty string)';
  const chars = Array.from(text);
  if (chars.length <= 3) return '****';
  return `${chars[0]}****${chars[chars.length - 1]}`;
}
