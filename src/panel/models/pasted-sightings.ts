import { findTokens } from '../../core/token/find-tokens';
import type { Sighting } from '../../core/types';

/** Longest pasted text accepted; a token larger than this is not a token anyone pastes by hand. */
export const MAX_PASTE_CHARS = 256 * 1024;

/**
 * Sightings for text the user pasted (`where: 'input'`). Every token found in the text counts, so
 * `Authorization: Bearer eyJ…` or a whole JSON response works; text with no recognisable token is audited
 * as one (malformed) token, so the user learns why it is not a JWT. Returns `[]` for empty or huge text.
 *
 * @param text - what was pasted
 * @param paste - a number unique to this paste, for ids
 * @param startedAt - ISO time of the paste
 */
export function pastedSightings(text: string, paste: number, startedAt: string): Sighting[] {
  const trimmed = text.trim();
  if (!trimmed || trimmed.length > MAX_PASTE_CHARS) return [];
  const found = findTokens(trimmed).map((t) => t.text);
  const texts = found.length > 0 ? [...new Set(found)] : [trimmed];
  const requestId = `paste-${paste}`;
  return texts.map((tokenText, n) => ({
    id: `${requestId}:${n}`,
    tokenText,
    where: 'input',
    name: 'pasted',
    url: '',
    method: '',
    status: 0,
    scheme: '',
    startedAt,
    requestId,
  }));
}
