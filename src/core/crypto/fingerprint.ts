import { sha256, toHex } from './sha256';

/** A synchronous SHA-256 of UTF-8 text returning lower-case hex (at least 16 digits). */
export type TextDigest = (text: string) => string;

const encoder = new TextEncoder();

const portableDigest: TextDigest = (text) => toHex(sha256(encoder.encode(text)).subarray(0, 8));

let digest: TextDigest = portableDigest;

/**
 * Lets a host supply a native SHA-256 (the CLI passes node:crypto's, about 6× faster on 1 KB tokens than
 * the portable one). The engine stays free of Node APIs; the result must be identical, which
 * `test/core/fingerprint.test.ts` checks for the CLI's digest. Pass `undefined` to restore the default.
 */
export function setTextDigest(next: TextDigest | undefined): void {
  digest = next ?? portableDigest;
}

/**
 * The token fingerprint used everywhere: first 16 hex digits of SHA-256 over the UTF-8 text. Copied out
 * with `join` rather than kept as a `slice`: V8 makes a 16-character slice a view that keeps the whole
 * 64-digit hex string alive, and every token of an audit holds its fingerprint.
 */
export function fingerprintOf(text: string): string {
  const hex = digest(text);
  return [hex.slice(0, 8), hex.slice(8, 16)].join('');
}
