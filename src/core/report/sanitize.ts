/** Every C0/C1 control character, built from code points so the source holds no control literals. */
const CONTROLS = new RegExp(`[${String.fromCharCode(0)}-${String.fromCharCode(0x1f)}\u007f-\u009f]`, 'g');
const BREAKS = /[\r\n\t\u2028\u2029]+/g;

/**
 * One line of plain text from untrusted input: line breaks become spaces and control characters
 * (escape sequences included) are dropped, so a hostile token cannot drive a terminal or break a
 * Markdown table row.
 */
export function sanitize(text: string): string {
  return text.replace(BREAKS, ' ').replace(CONTROLS, '');
}
