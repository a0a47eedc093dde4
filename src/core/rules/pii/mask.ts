/** Values shorter than this are masked completely: keeping three characters of five reveals too much. */
const MIN_PARTIAL = 6;

/**
 * Masks a claim value for evidence: the first 2 and the last character survive, the rest becomes `…`
 * (`john@example.com` → `jo…m`). Values under 6 characters become `***`. Works on code points, so an
 * emoji or a surrogate pair is never cut in half; the hidden length is not revealed.
 */
export function maskValue(value: string): string {
  const chars = Array.from(value);
  if (chars.length < MIN_PARTIAL) return '***';
  return `${chars[0]}${chars[1]}…${chars[chars.length - 1]}`;
}
