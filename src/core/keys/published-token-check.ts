import { fingerprintOf } from '../crypto/fingerprint';
import type { CaptureHit, TokenRecord } from '../types';
import { PUBLISHED_TOKENS, type PublishedToken } from './published-tokens';

/** The catalogue by fingerprint, worked out on first use (three SHA-256 runs, once per process). */
let byFingerprint: Map<string, PublishedToken> | undefined;

/**
 * The published example token `text` is, byte for byte, or `undefined`. One map lookup on the fingerprint
 * the token already has, then a string comparison only on a match.
 */
export function findPublishedToken(fingerprint: string, text: string): PublishedToken | undefined {
  byFingerprint ??= new Map(PUBLISHED_TOKENS.map((entry) => [fingerprintOf(entry.token), entry]));
  const found = byFingerprint.get(fingerprint);
  return found?.token === text ? found : undefined;
}

/**
 * `key-publicly-known` for a token identical to a published example token (`PUBLISHED_TOKENS`): its key
 * is published with it. Said honestly: JWT Lens recognised the token, it did not verify the signature.
 */
export function publishedTokenHit(record: TokenRecord): CaptureHit | undefined {
  const { token } = record;
  const found = findPublishedToken(token.fingerprint, token.text);
  if (!found) return undefined;
  return {
    ruleId: 'key-publicly-known',
    severity: 'critical',
    fingerprint: token.fingerprint,
    detail: `the token is identical to ${found.label} (${found.reference}); its key is published with it, so anyone can mint this token; JWT Lens does not verify ${found.alg} signatures, so only this exact token is recognised`,
    evidence: [
      { label: 'alg', value: found.alg },
      { label: 'published token', value: found.label },
    ],
  };
}
