/** A `+` that starts a number: not inside a word or a base64 run. */
const CANDIDATE = /\+[1-9][\d ().-]{6,22}/g;

/**
 * International phone numbers in E.164 form (`+` then 8–15 digits, country code first) inside `text`,
 * allowing the usual grouping characters. National formats without `+` are not claimed: too many
 * ordinary numbers look like them.
 */
export function findE164Phones(text: string): string[] {
  if (!text.includes('+')) return [];
  const found: string[] = [];
  for (const match of text.matchAll(CANDIDATE)) {
    const index = match.index ?? 0;
    if (index > 0 && /[A-Za-z0-9/=+]/.test(text[index - 1] ?? '')) continue;
    const candidate = match[0].replace(/[ ().-]+$/, '');
    const after = text[index + candidate.length] ?? '';
    if (/[A-Za-z0-9]/.test(after)) continue;
    const digits = candidate.replace(/\D/g, '');
    if (digits.length >= 8 && digits.length <= 15 && !/^(\d)\1+$/.test(digits)) found.push(candidate);
  }
  return found;
}
