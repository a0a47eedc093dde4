import { describe, expect, it } from 'vitest';
import { goodToken, hitOf, jwe, run } from './helpers';

describe('jwe-pbes2', () => {
  it.each([
    [10, 'p2c is 10 (below the 1000 RFC 7518 recommends)'],
    [100_000_000, 'p2c is 100000000 (so high that decrypting is a denial-of-service risk)'],
    ['1000', 'p2c is "1000" (not a positive integer)'],
    [undefined, 'p2c is absent (not a positive integer)'],
    [310_000, 'p2c is 310000.'],
  ])('p2c %j', (p2c, detail) => {
    const hit = hitOf(run(jwe({ alg: 'PBES2-HS512+A256KW', enc: 'A256GCM', p2s: 'AAAA', p2c })), 'jwe-pbes2');
    expect(hit?.detail).toBe(
      `JWE key is derived from a password ("PBES2-HS512+A256KW"); ${detail.replace(/\.$/, '')}.`,
    );
  });
});

describe('jwe-compression', () => {
  it('fires for zip in a JWE header', () => {
    expect(
      hitOf(run(jwe({ alg: 'RSA-OAEP-256', enc: 'A256GCM', zip: 'DEF' })), 'jwe-compression')?.detail,
    ).toBe('JWE payload is compressed before encryption (zip "DEF").');
  });

  it('reports zip in a JWS header as hdr-nonstandard (a JWE parameter, RFC 7516 §4.1.3), not compression', () => {
    const hits = run(goodToken({}, { zip: 'DEF' }));
    expect(hitOf(hits, 'jwe-compression')).toBeUndefined();
    expect(hitOf(hits, 'hdr-nonstandard')?.detail).toBe(
      'Non-standard header parameters: "zip" (a JWE-only parameter in a JWS).',
    );
    expect(
      hitOf(run(jwe({ alg: 'RSA-OAEP-256', enc: 'A256GCM', zip: 'DEF' })), 'hdr-nonstandard'),
    ).toBeUndefined();
  });
});

describe('jwe-rsa1_5', () => {
  it('only fires on JWE (a JWS with alg RSA1_5 is alg-unregistered instead)', () => {
    const hits = run(goodToken({}, { alg: 'RSA1_5' }));
    expect(hitOf(hits, 'jwe-rsa1_5')).toBeUndefined();
    expect(hitOf(hits, 'alg-unregistered')).toBeDefined();
  });
});
