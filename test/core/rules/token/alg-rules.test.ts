import { generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { ruleInfo } from '../../../../src/core/rules/catalog';
import { GOOD_CLAIMS, goodToken, hitOf, ids, jwe, jws, run } from './helpers';

const hs = (header: Record<string, unknown>) => jws({ alg: 'HS256', typ: 'app+jwt', ...header }, GOOD_CLAIMS);

describe('alg-none', () => {
  it('fires for a jose UnsecuredJWT, without sig-stripped', () => {
    const text = new UnsecuredJWT(GOOD_CLAIMS).encode();
    const found = ids(run(text));
    expect(found).toContain('alg-none');
    expect(found).not.toContain('sig-stripped');
  });

  it.each(['None', 'NONE', 'nOnE'])('fires for %s in any letter case (and calls it unregistered)', (alg) => {
    const hits = run(jws({ alg, typ: 'app+jwt' }, GOOD_CLAIMS, new Uint8Array(0)));
    expect(hitOf(hits, 'alg-none')?.detail).toContain(`"${alg}"`);
    expect(hitOf(hits, 'alg-unregistered')?.detail).toContain('the registered name is "none"');
  });

  it('does not fire for a JWE', () => {
    expect(ids(run(jwe({ alg: 'dir', enc: 'A128GCM' })))).not.toContain('alg-none');
  });
});

describe('alg-unregistered', () => {
  it.each([
    ['hs256', 'the registered name is "HS256" (alg is case-sensitive)'],
    ['ED25519', 'the registered name is "Ed25519"'],
    ['custom', 'not in the IANA JOSE algorithm registry'],
    ['BP256R1', 'not in the IANA JOSE algorithm registry'],
    ['RSA-OAEP', 'registered, but not as a JWS algorithm'],
    ['HS1', 'registered with status "Prohibited"'],
  ])('alg %s: %s', (alg, detail) => {
    expect(hitOf(run(goodToken({}, { alg })), 'alg-unregistered')?.detail).toContain(detail);
  });

  it.each([
    ['ML-DSA-44', 2420],
    ['ML-DSA-65', 3309],
    ['ML-DSA-87', 4627],
  ] as const)('post-quantum %s is registered (RFC 9964): info only', (alg, bytes) => {
    const hits = run(jws({ alg, typ: 'app+jwt' }, GOOD_CLAIMS, new Uint8Array(bytes).fill(5)));
    expect(ids(hits)).toEqual(['alg-post-quantum']);
    expect(hitOf(hits, 'alg-post-quantum')?.severity).toBeUndefined();
    expect(ruleInfo('alg-post-quantum')?.severity).toBe('info');
  });

  it('a misspelled ML-DSA name is still unregistered', () => {
    expect(hitOf(run(goodToken({}, { alg: 'ml-dsa-65' })), 'alg-unregistered')?.detail).toContain(
      'the registered name is "ML-DSA-65"',
    );
    expect(hitOf(run(goodToken({}, { alg: 'ML-DSA-99' })), 'alg-unregistered')).toBeDefined();
  });

  it.each(['toString', 'constructor', '__proto__'])('prototype name %s is just unregistered', (alg) => {
    expect(ids(run(goodToken({}, { alg })))).toEqual(['alg-unregistered']);
  });

  it.each(['HS256', 'RS512', 'ES256K', 'Ed25519', 'Ed448', 'EdDSA', 'PS384'])(
    'registered %s passes',
    (alg) => {
      expect(ids(run(goodToken({}, { alg })))).not.toContain('alg-unregistered');
    },
  );

  it('checks JWE alg and enc against the JWE registry', () => {
    expect(hitOf(run(jwe({ alg: 'HS256', enc: 'A128GCM' })), 'alg-unregistered')?.detail).toContain(
      'not as a JWE key-management algorithm',
    );
    expect(hitOf(run(jwe({ alg: 'dir', enc: 'A128CTR' })), 'alg-unregistered')?.detail).toBe(
      'enc "A128CTR" is not a registered content-encryption algorithm.',
    );
    expect(ids(run(jwe({ alg: 'ECDH-ES+A128KW', enc: 'A128CBC-HS256' })))).not.toContain('alg-unregistered');
  });
});

describe('algorithm families on real jose tokens', () => {
  it('HS256 → hmac-symmetric only', async () => {
    const text = await new SignJWT(GOOD_CLAIMS)
      .setProtectedHeader({ alg: 'HS256', typ: 'app+jwt' })
      .sign(new Uint8Array(32).fill(3));
    expect(ids(run(text))).toEqual(['hmac-symmetric']);
  });

  it('RS256 → alg-rsa-pkcs1v15 only (2048-bit key is long enough)', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const text = await new SignJWT(GOOD_CLAIMS)
      .setProtectedHeader({ alg: 'RS256', typ: 'app+jwt' })
      .sign(privateKey);
    expect(ids(run(text))).toEqual(['alg-rsa-pkcs1v15']);
    expect(hitOf(run(text), 'alg-rsa-pkcs1v15')?.detail).toContain('prefer PS256');
  });

  it('EdDSA → alg-deprecated-polymorphic only; Ed25519 → nothing', async () => {
    const { privateKey } = await generateKeyPair('Ed25519');
    const eddsa = await new SignJWT(GOOD_CLAIMS)
      .setProtectedHeader({ alg: 'EdDSA', typ: 'app+jwt' })
      .sign(privateKey);
    expect(ids(run(eddsa))).toEqual(['alg-deprecated-polymorphic']);
    const ed = await new SignJWT(GOOD_CLAIMS)
      .setProtectedHeader({ alg: 'Ed25519', typ: 'app+jwt' })
      .sign(privateKey);
    expect(ids(run(ed))).toEqual([]);
  });
});

describe('alg-confusion-indicator (header part)', () => {
  it.each([
    [{ jwk: { kty: 'RSA', n: 'AQAB', e: 'AQAB' } }, '"jwk" header'],
    [{ jku: 'https://login.example.com/jwks' }, '"jku" header'],
    [{ x5u: 'https://login.example.com/cert.pem' }, '"x5u" header'],
    [{ x5c: ['MIIB'] }, '"x5c" header'],
    [{ kid: 'rs256-2024' }, 'kid "rs256-2024" names an RSA/EC/public key'],
    [{ kid: 'ec_p-256' }, 'names an RSA/EC/public key'],
    [{ kid: 'signing-public' }, 'names an RSA/EC/public key'],
  ])('HS256 with %o', (header, detail) => {
    expect(hitOf(run(hs(header)), 'alg-confusion-indicator')?.detail).toContain(detail);
  });

  it.each([
    ['HS256 with a neutral kid', hs({ kid: 'secret-2024' })],
    ['HS256 with a kid containing "sec"', hs({ kid: 'sec1' })],
    ['ES256 with an RSA kid', goodToken({}, { kid: 'rsa-1' })],
    ['ES256 with jwk', goodToken({}, { jwk: { kty: 'EC' } })],
  ])('%s does not fire', (_, text) => {
    expect(ids(run(text))).not.toContain('alg-confusion-indicator');
  });
});
