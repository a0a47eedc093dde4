import type { ParsedToken } from '../types';

/** Distinct token texts, told apart by fingerprint first (see `createTokenTextSet`). */
export interface TokenTextSet {
  /** Adds the token's text; false when an equal text is already in. */
  add(token: Pick<ParsedToken, 'text' | 'fingerprint'>): boolean;
}

/**
 * A set of token texts keyed by their fingerprints, not the texts: a `Set<string>` hashes every new
 * string object it meets over its whole length (a 1 KB token costs about what its SHA-256 did, and V8
 * hashes only the length of texts over 16 K characters, so long tokens of one length share a bucket),
 * while every parsed token already carries its fingerprint. Texts are compared only when fingerprints
 * match; two texts with one fingerprint (a crafted 64-bit collision) are still kept apart.
 */
export function createTokenTextSet(): TokenTextSet {
  const byFingerprint = new Map<string, string>();
  /** Texts whose fingerprint another text held first: only a crafted collision gets here. */
  let collided: Set<string> | undefined;
  return {
    add({ text, fingerprint }) {
      const held = byFingerprint.get(fingerprint);
      if (held === undefined) {
        byFingerprint.set(fingerprint, text);
        return true;
      }
      if (held === text) return false;
      collided ??= new Set();
      if (collided.has(text)) return false;
      collided.add(text);
      return true;
    },
  };
}
