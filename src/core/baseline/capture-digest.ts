import { fingerprintOf } from '../crypto/fingerprint';
import type { AuditResult } from '../types';
import { compareText } from './order';

/**
 * What identifies a learned capture without holding any of it: 16 hex digits of SHA-256 over its tokens'
 * fingerprints and their sightings' request times and places, in a fixed order. The same capture gives
 * the same digest (whatever its file name); a new recording, even of the same flow, has other tokens or
 * times. `baseline --update` with a capture already learned adds nothing, so the counts never claim the
 * same evidence twice.
 */
export function captureDigest(result: AuditResult): string {
  const lines = result.tokens.map((record) => {
    const places = record.sightings.map((s) => `${s.startedAt} ${s.where} ${s.name}`).sort(compareText);
    return `${record.token.fingerprint}\n${places.join('\n')}`;
  });
  return fingerprintOf(lines.sort(compareText).join('\n\n'));
}
