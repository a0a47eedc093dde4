import { createHash } from 'node:crypto';
import type { TextDigest } from '../core/crypto/fingerprint';

/** node:crypto's native SHA-256 for token fingerprints: same result as the engine's portable one, faster. */
export const nodeTextDigest: TextDigest = (text) => createHash('sha256').update(text, 'utf8').digest('hex');
