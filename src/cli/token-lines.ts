import type { CaptureResult, Sighting } from '../core/types';

/** A pasted `Authorization` value is a common way to hand over a token; the scheme is not the token. */
const BEARER = /^(?:authorization:\s*)?bearer\s+/i;

/**
 * A token list as a capture: each non-empty line is one token candidate, judged even when malformed.
 * Sightings are named `file:line` so every finding points back at its line.
 */
export function captureTokenLines(text: string, label: string): CaptureResult {
  const sightings: Sighting[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n|\r/);
  for (let i = 0; i < lines.length; i++) {
    const candidate = (lines[i] ?? '').trim().replace(BEARER, '');
    if (candidate === '') continue;
    const place = `${label}:${i + 1}`;
    sightings.push({
      id: place,
      tokenText: candidate,
      where: 'input',
      name: place,
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
