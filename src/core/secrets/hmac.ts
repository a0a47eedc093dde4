import { sha256 } from '../crypto/sha256';
import type { HmacAlg } from './hmac-types';
import { sha512Family } from './sha512';

function hashFor(alg: HmacAlg): (data: Uint8Array) => Uint8Array {
  if (alg === 'HS256') return sha256;
  return (data) => sha512Family(data, alg === 'HS384' ? 48 : 64);
}

/**
 * HMAC (RFC 2104) with SHA-256/384/512: the plain, allocating version, used to confirm an engine's
 * candidate hit on every byte of the MAC and as the reference in tests.
 */
export function hmacDigest(alg: HmacAlg, key: Uint8Array, message: Uint8Array): Uint8Array {
  const hash = hashFor(alg);
  const blockSize = alg === 'HS256' ? 64 : 128;
  const k = key.length > blockSize ? hash(key) : key;
  const inner = new Uint8Array(blockSize + message.length);
  const outer = new Uint8Array(blockSize + (alg === 'HS256' ? 32 : alg === 'HS384' ? 48 : 64));
  inner.fill(0x36, 0, blockSize);
  outer.fill(0x5c, 0, blockSize);
  for (let i = 0; i < k.length; i++) {
    inner[i]! ^= k[i]!;
    outer[i]! ^= k[i]!;
  }
  inner.set(message, blockSize);
  outer.set(hash(inner), blockSize);
  return hash(outer);
}

/** Compares two byte strings in full. Timing does not matter here: both sides are already public. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
