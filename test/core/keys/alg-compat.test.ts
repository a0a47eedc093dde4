import { describe, expect, it } from 'vitest';
import { declaredConflicts, whyKeyCannotVerify } from '../../../src/core/keys/alg-compat';
import { rsaBitsOf } from '../../../src/core/keys/known-key';
import type { KnownKey, PublicJwk } from '../../../src/core/keys/types';

const RSA: PublicJwk = { kty: 'RSA', n: 'AQAB', e: 'AQAB' };
const P256: PublicJwk = { kty: 'EC', crv: 'P-256', x: 'x', y: 'y' };
const ED: PublicJwk = { kty: 'OKP', crv: 'Ed25519', x: 'x' };

function key(jwk: PublicJwk, declared: Partial<KnownKey> = {}): KnownKey {
  return { jwk, original: {}, thumbprint: 't', source: { origin: 'user', where: 'f' }, ...declared };
}

describe('whyKeyCannotVerify', () => {
  it.each([
    [RSA, 'PS512', null],
    [P256, 'ES256', null],
    [ED, 'EdDSA', null],
    [ED, 'Ed25519', null],
    [P256, 'ES384', 'the key is on P-256 but ES384 needs P-384'],
    [RSA, 'ES256', 'the key is RSA but ES256 needs an EC key'],
    [P256, 'RS256', 'the key is EC P-256 but RS256 needs an RSA key'],
    [ED, 'Ed448', 'the key is on Ed25519 but Ed448 needs Ed448'],
    [RSA, 'HS256', 'HS256 is not a public-key signature algorithm'],
  ] as const)('%o with %s → %s', (jwk, alg, expected) => {
    expect(whyKeyCannotVerify(jwk, alg)).toBe(expected);
  });
});

describe('declaredConflicts', () => {
  it('lists alg, use and key_ops declarations that exclude verifying', () => {
    expect(declaredConflicts(key(RSA, { alg: 'RS256', use: 'enc', keyOps: ['encrypt'] }), 'PS256')).toEqual([
      'the key declares alg "RS256"',
      'the key declares use "enc"',
      'the key\'s key_ops [encrypt] do not include "verify"',
    ]);
  });

  it('accepts matching declarations and the EdDSA / Ed25519 naming of one algorithm (RFC 9864)', () => {
    expect(declaredConflicts(key(RSA, { alg: 'RS256', use: 'sig', keyOps: ['verify'] }), 'RS256')).toEqual(
      [],
    );
    expect(declaredConflicts(key(ED, { alg: 'EdDSA' }), 'Ed25519')).toEqual([]);
    expect(declaredConflicts(key(ED, { alg: 'Ed25519' }), 'EdDSA')).toEqual([]);
    expect(declaredConflicts(key(ED, { alg: 'Ed25519' }), 'ES256')).toEqual([
      'the key declares alg "Ed25519"',
    ]);
  });
});

describe('rsaBitsOf', () => {
  it.each([
    ['AQAB', 17],
    ['gAAA', 24],
    ['AIAA', 16],
    ['', 0],
    ['!!', undefined],
  ])('%s → %s bits', (n, bits) => {
    expect(rsaBitsOf(n)).toBe(bits);
  });
});
