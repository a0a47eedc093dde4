import { generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { GOOD_CLAIMS, hitOf, ids, jws, run } from './helpers';

const bytes = (...parts: number[][]) => new Uint8Array(parts.flat());
const fill = (n: number, v: number) => Array.from({ length: n }, () => v);
const signed = (alg: string, sig: Uint8Array) => jws({ alg, typ: 'app+jwt' }, GOOD_CLAIMS, sig);

describe('sig-stripped', () => {
  it.each(['HS256', 'RS256', 'ES256', 'PS512', 'EdDSA', 'Ed25519'])(
    'fires for %s with an empty signature',
    (alg) => {
      const hit = hitOf(run(signed(alg, new Uint8Array(0))), 'sig-stripped');
      expect(hit?.detail).toBe(`alg is "${alg}" but the signature segment is empty.`);
    },
  );

  it('an empty signature is not also a length mismatch or a short RSA key', () => {
    const found = ids(run(signed('RS256', new Uint8Array(0))));
    expect(found).not.toContain('sig-length-mismatch');
    expect(found).not.toContain('rsa-key-too-short');
  });
});

describe('sig-ecdsa-zero', () => {
  it.each([
    ['ES256 raw r = s = 0', 'ES256', bytes(fill(64, 0)), 'r = s = 0'],
    ['ES256 raw r = 0 only', 'ES256', bytes(fill(32, 0), fill(32, 5)), 'has r = 0'],
    ['ES384 raw s = 0 only', 'ES384', bytes(fill(48, 5), fill(48, 0)), 'has s = 0'],
    ['ES512 raw r = s = 0', 'ES512', bytes(fill(132, 0)), 'r = s = 0'],
    [
      'ES256 DER 3006020100020100',
      'ES256',
      bytes([0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00]),
      'r = s = 0',
    ],
  ])('%s', (_, alg, sig, detail) => {
    expect(hitOf(run(signed(alg, sig)), 'sig-ecdsa-zero')?.detail).toContain(detail);
  });

  it('does not fire for a real ES256 signature or for HS256 zeros', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const text = await new SignJWT(GOOD_CLAIMS)
      .setProtectedHeader({ alg: 'ES256', typ: 'app+jwt' })
      .sign(privateKey);
    expect(ids(run(text))).toEqual([]);
    expect(ids(run(signed('HS256', new Uint8Array(32))))).not.toContain('sig-ecdsa-zero');
  });
});

describe('sig-length-mismatch', () => {
  it.each([
    ['HS256', 31, 'HS256 signature is 31 bytes; HS256 always produces 32.'],
    ['HS512', 32, 'HS512 signature is 32 bytes; HS512 always produces 64.'],
    ['ES384', 64, 'ES384 signature is 64 bytes; ES384 always produces 96.'],
    ['Ed25519', 65, 'Ed25519 signature is 65 bytes; Ed25519 always produces 64.'],
    ['EdDSA', 100, 'EdDSA signature is 100 bytes; EdDSA always produces 64 or 114.'],
    ['ML-DSA-65', 64, 'ML-DSA-65 signature is 64 bytes; ML-DSA-65 always produces 3309.'],
  ])('%s with %i bytes', (alg, n, detail) => {
    expect(hitOf(run(signed(alg, new Uint8Array(n).fill(9))), 'sig-length-mismatch')?.detail).toBe(detail);
  });

  it('recognises a DER-encoded ECDSA signature', () => {
    const der = bytes([0x30, 0x44, 0x02, 0x20], fill(32, 7), [0x02, 0x20], fill(32, 8));
    expect(hitOf(run(signed('ES256', der)), 'sig-length-mismatch')?.detail).toBe(
      'ES256 signature is DER-encoded (70 bytes); JOSE requires raw R‖S of 64 bytes (RFC 7518 §3.4).',
    );
  });

  it.each([
    ['EdDSA', 114],
    ['Ed448', 114],
    ['ES512', 132],
    ['RS256', 300],
  ])('%s with %i bytes is fine', (alg, n) => {
    expect(ids(run(signed(alg, new Uint8Array(n).fill(9))))).not.toContain('sig-length-mismatch');
  });
});

describe('rsa-key-too-short', () => {
  it.each([
    ['RS256', 128, 'RS256 signature is 128 bytes, so the RSA key is about 1024 bits'],
    ['PS512', 64, 'about 512 bits'],
    ['RS384', 192, 'about 1536 bits'],
  ])('%s with a %i-byte signature', (alg, n, detail) => {
    expect(hitOf(run(signed(alg, new Uint8Array(n).fill(9))), 'rsa-key-too-short')?.detail).toContain(detail);
  });

  it.each([
    ['RS256', 2],
    ['RS256', 12],
    ['PS256', 14],
    ['RS384', 255],
    ['RS256', 56],
  ])('%s with a %i-byte signature no RSA key makes: sig-length-mismatch, not a short key', (alg, n) => {
    const hits = run(signed(alg, new Uint8Array(n).fill(9)));
    expect(ids(hits)).not.toContain('rsa-key-too-short');
    expect(hitOf(hits, 'sig-length-mismatch')?.detail).toBe(
      `${alg} signature is ${n} bytes; an RSA signature is exactly as long as the key's modulus (RFC 8017 §8.2.1), and no RSA key has that size: the signature is broken or a placeholder.`,
    );
  });

  it.each([256, 384, 512])('quiet at %i bytes', (n) => {
    expect(ids(run(signed('PS256', new Uint8Array(n).fill(9))))).not.toContain('rsa-key-too-short');
  });
});
