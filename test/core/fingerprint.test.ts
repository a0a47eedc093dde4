import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeTextDigest } from '../../src/cli/node-digest';
import { fingerprintOf, setTextDigest } from '../../src/core/crypto/fingerprint';

describe('fingerprintOf', () => {
  afterEach(() => setTextDigest(undefined));

  it('is the first 16 hex digits of SHA-256 over the UTF-8 text', () => {
    expect(fingerprintOf('abc')).toBe('ba7816bf8f01cfea');
  });

  it('gives the same fingerprint with the CLI’s native digest as with the portable one', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        setTextDigest(undefined);
        const portable = fingerprintOf(text);
        setTextDigest(nodeTextDigest);
        expect(fingerprintOf(text)).toBe(portable);
      }),
      { numRuns: 300 },
    );
  });
});
