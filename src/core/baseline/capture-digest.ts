import { fingerprintOf } from '../crypto/fingerprint';
import type { AuditResult, Sighting } from '../types';
import { compareText } from './order';

/**
 * What identifies a learned capture without holding any of it: 16 hex digits of SHA-256 over its tokens'
 * fingerprints and their sightings' request times and places, in a fixed order. The same capture gives
 * the same digest (whatever its file name, and whatever other captures were audited with it); a new
 * recording, even of the same flow, has other tokens or times. `baseline --update` does not learn a
 * capture already listed, so the counts never claim the same evidence twice. `inCapture` picks the
 * sightings of one capture out of an audit of several (default: all).
 */
export function captureDigest(result: AuditResult, inCapture: (s: Sighting) => boolean = () => true): string {
  const lines: string[] = [];
  for (const record of result.tokens) {
    const places = record.sightings.filter(inCapture).map((s) => `${s.startedAt} ${s.where} ${s.name}`);
    if (places.length > 0) lines.push(`${record.token.fingerprint}\n${places.sort(compareText).join('\n')}`);
  }
  return fingerprintOf(lines.sort(compareText).join('\n\n'));
}
