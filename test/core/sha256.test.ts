import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fingerprintOf } from '../../src/core/crypto/fingerprint';
import { sha256, toHex } from '../../src/core/crypto/sha256.js';

describe('sha256', () => {
  it('matches the FIPS 180-4 test vectors', () => {
    expect(toHex(sha256(new TextEncoder().encode('abc')))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(toHex(sha256(new Uint8Array(0)))).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });

  it('agrees with node:crypto on every length class', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(toHex(sha256(bytes))).toBe(createHash('sha256').update(bytes).digest('hex'));
      }),
      { numRuns: 400 },
    );
  });

  it('fingerprints are the first 16 hex digits of SHA-256 over the UTF-8 text', () => {
    const text = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiLDqSJ9.sig';
    expect(fingerprintOf(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 16));
  });
});
