import { hash } from 'node:crypto';
import type { TextDigest } from '../core/crypto/fingerprint';

/**
 * node:crypto's native SHA-256 for token fingerprints: same result as the engine's portable one, faster.
 * The one-shot `crypto.hash` (Node ≥ 20.12) skips the Hash object `createHash` builds: ~1 µs a token.
 */
export const nodeTextDigest: TextDigest = (text) => hash('sha256', text, 'hex');
