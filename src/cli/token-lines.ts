import type { CaptureResult, Sighting } from '../core/types';

/** A pasted `Authorization` value is a common way to hand over a token; the scheme is not the token. */
const BEARER = /^(?:authorization:\s*)?bearer\s+/i;

/**
 * A line may name its token the way a token response or a form does: `id_token=eyJ…`, `"refresh_token": "…"`,
 * `logout_token: eyJ…`. The name then tells the engine what the token is for (an ID token's `jti` is
 * optional, a refresh token has no access-token profile…), as the place it travelled in would.
 */
const LABELLED = /^"?([A-Za-z][\w-]{0,63})"?\s*[:=]\s*"?([^"\s]+)"?,?$/;

/** Token field names a label may give; anything else (`https://…`, `x: y`) is left as the line was. */
const TOKEN_FIELD = /^(access|refresh|id|logout)[_-]?token$/i;

/** The token of one line and the field name it was given, if any. */
export function readTokenLine(line: string): { token: string; label?: string } {
  const trimmed = line.trim();
  const labelled = LABELLED.exec(trimmed);
  if (labelled && TOKEN_FIELD.test(labelled[1] as string)) {
    return { token: labelled[2] as string, label: (labelled[1] as string).toLowerCase().replace('-', '_') };
  }
  return { token: trimmed.replace(BEARER, '') };
}

/**
 * A token list as a capture: each non-empty line is one token candidate, judged even when malformed.
 * Sightings are named `file:line` (with the line's field name after it, `file:3 id_token`, when it gave
 * one) so every finding points back at its line.
 */
export function captureTokenLines(text: string, label: string): CaptureResult {
  const sightings: Sighting[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n|\r/);
  for (let i = 0; i < lines.length; i++) {
    const { token, label: field } = readTokenLine(lines[i] ?? '');
    if (token === '') continue;
    const place = `${label}:${i + 1}`;
    sightings.push({
      id: place,
      tokenText: token,
      where: 'input',
      name: field ? `${place} ${field}` : place,
      url: '',
      method: '',
      status: 0,
      scheme: '',
      startedAt: '',
      requestId: place,
    });
  }
  return { sightings, observations: [], keyDocuments: [], problems: [], entryCount: sightings.length };
}
