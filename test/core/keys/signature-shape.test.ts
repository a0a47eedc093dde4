import { describe, expect, it } from 'vitest';
import { signatureLengthFits } from '../../../src/core/keys/signature-shape';
import type { KnownKey, PublicJwk } from '../../../src/core/keys/types';

function key(jwk: PublicJwk, rsaBits?: number): KnownKey {
  return {
    jwk,
    original: { ...jwk },
    thumbprint: 't',
    source: { origin: 'published', where: 'test' },
    ...(rsaBits === undefined ? {} : { rsaBits }),
  };
}

const rsa2048 = key({ kty: 'RSA', n: 'x', e: 'AQAB' }, 2048);
const rsa1023 = key({ kty: 'RSA', n: 'x', e: 'AQAB' }, 1023);

describe('signatureLengthFits', () => {
  it('wants RS* signatures exactly as long as the modulus', () => {
    expect(signatureLengthFits(rsa2048, 'RS256', 256)).toBe(true);
    expect(signatureLengthFits(rsa2048, 'RS512', 255)).toBe(false);
    expect(signatureLengthFits(rsa2048, 'RS256', 257)).toBe(false);
    expect(signatureLengthFits(rsa2048, 'RS256', 128)).toBe(false);
    expect(signatureLengthFits(rsa1023, 'RS256', 128)).toBe(true);
  });

  it('leaves shorter PS* signatures to the verifier (OpenSSL accepts stripped leading zeros)', () => {
    expect(signatureLengthFits(rsa2048, 'PS256', 256)).toBe(true);
    expect(signatureLengthFits(rsa2048, 'PS256', 255)).toBe(true);
    expect(signatureLengthFits(rsa2048, 'PS384', 257)).toBe(false);
  });

  it('wants R‖S of the curve size for ES* and 64 bytes for Ed25519', () => {
    const p256 = key({ kty: 'EC', crv: 'P-256', x: 'x', y: 'y' });
    const p521 = key({ kty: 'EC', crv: 'P-521', x: 'x', y: 'y' });
    const ed = key({ kty: 'OKP', crv: 'Ed25519', x: 'x' });
    expect(signatureLengthFits(p256, 'ES256', 64)).toBe(true);
    expect(signatureLengthFits(p256, 'ES256', 63)).toBe(false);
    expect(signatureLengthFits(p256, 'ES256', 72)).toBe(false);
    expect(signatureLengthFits(p521, 'ES512', 132)).toBe(true);
    expect(signatureLengthFits(p521, 'ES512', 64)).toBe(false);
    expect(signatureLengthFits(ed, 'EdDSA', 64)).toBe(true);
    expect(signatureLengthFits(ed, 'Ed25519', 65)).toBe(false);
  });

  it('proves nothing about keys it does not know the size of', () => {
    expect(signatureLengthFits(key({ kty: 'RSA', n: 'x', e: 'AQAB' }), 'RS256', 3)).toBe(true);
    expect(signatureLengthFits(key({ kty: 'EC', crv: 'secp256k1', x: 'x', y: 'y' }), 'ES256K', 3)).toBe(true);
    expect(signatureLengthFits(key({ kty: 'OKP', crv: 'Ed448', x: 'x' }), 'EdDSA', 3)).toBe(true);
  });
});
