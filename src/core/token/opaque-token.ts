import { fingerprintOf } from '../crypto/fingerprint';
import type { ParsedToken } from '../types';
import { createToken, NO_PROBLEMS } from './create-token';

/**
 * An opaque OAuth token (kind `opaque`): a reference token whose meaning only its issuer knows (RFC 6749
 * §1.4–1.5). It is kept by its text and fingerprint (the same SHA-256 scheme as JWTs) with no header,
 * claims or signature, so no JWT rule can misread it as a malformed JWT. Capture decides what is one (see
 * `isOpaqueTokenText`); this only builds the record. `fingerprint`: that of `text.trim()`, when known.
 */
export function opaqueToken(text: string, fingerprint?: string): ParsedToken {
  const trimmed = typeof text === 'string' ? text.trim() : '';
  const token = createToken(trimmed, fingerprint ?? fingerprintOf(trimmed));
  token.kind = 'opaque';
  // Nothing to parse, so nothing goes wrong.
  token.errors = NO_PROBLEMS;
  token.warnings = NO_PROBLEMS;
  return token;
}
