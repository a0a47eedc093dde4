/**
 * The one mask for personal values, wherever they are shown: finding evidence, the panel, and the claims
 * and free text of every export (report/redact.ts re-exports it), so one value always reads the same.
 * Each part keeps its first two characters and an ellipsis, enough to tell two values apart in a review,
 * not enough to recover them; parts of four characters or fewer become `…`. E-mail addresses keep their
 * shape (`al…@ex…`). Works on code points, so a surrogate pair is never cut in half; the length is hidden.
 */
export function maskValue(value: string): string {
  const at = value.indexOf('@');
  if (at > 0 && at < value.length - 1)
    return `${maskPart(value.slice(0, at))}@${maskPart(value.slice(at + 1))}`;
  return maskPart(value);
}

function maskPart(part: string): string {
  const chars = Array.from(part);
  return chars.length <= 4 ? '…' : `${chars[0]}${chars[1]}…`;
}
