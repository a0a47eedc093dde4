import { sha256, toHex } from '../../crypto/sha256';

const encoder = new TextEncoder();
const MAIN_OPEN = '<main';
const MAIN_CLOSE = '</main>';

/**
 * The report digest: SHA-256 (hex) of the UTF-8 bytes of the report's `<main>` element exactly as written,
 * from `<main` up to and including the first `</main>`. Everything the report states (scope, method,
 * statuses, findings) is inside `<main>`; the digest is printed after it, in the footer, so printing it
 * does not change what it covers. The first `</main>` is the element's own end: data is escaped, so no
 * `<` from a token or URL can appear literally. To check a saved report without JWT Lens:
 *
 *   perl -0777 -ne 'print $1 if /(<main.*?<\/main>)/s' report.html | sha256sum
 *
 * `null` when the text holds no complete `<main>` element.
 */
export function reportDigest(html: string): string | null {
  const start = html.indexOf(MAIN_OPEN);
  const end = start < 0 ? -1 : html.indexOf(MAIN_CLOSE, start);
  if (end < 0) return null;
  return toHex(sha256(encoder.encode(html.slice(start, end + MAIN_CLOSE.length))));
}

/** The command printed in the report for checking its digest (see `reportDigest`). */
export const DIGEST_COMMAND = `perl -0777 -ne 'print $1 if /(<main.*?<\\/main>)/s' report.html | sha256sum`;

/** A CSP source for an inline style sheet: `'sha256-<base64 of its UTF-8 SHA-256>'` (CSP 3 §8.4). */
export function styleHashSource(css: string): string {
  let binary = '';
  for (const byte of sha256(encoder.encode(css))) binary += String.fromCharCode(byte);
  return `'sha256-${btoa(binary)}'`;
}
