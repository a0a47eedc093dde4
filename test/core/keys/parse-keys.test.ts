import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseJwks, parsePemKeys, parseUserKeys, verifyTokens } from '../../../src/core/keys';
import { encodeElement } from '../../../src/core/keys/der';
import { encodeBase64 } from '../../../src/core/keys/pem';
import { jwksDocument, keyPair, recordOf, shortRsaToken, signToken } from './helpers';

const SOURCE = { origin: 'traffic' as const, where: 'https://idp.example.test/jwks' };

describe('parseJwks', () => {
  it('reads the good keys and names each bad one, never stopping at the first', async () => {
    const good = await keyPair('ES256', 'good');
    const { keys, problems } = await parseJwks(
      {
        keys: [
          'nope',
          { kty: 'RSA', kid: 'no-n', e: 'AQAB' },
          { kty: 'oct', kid: 'shared', k: 'c2VjcmV0' },
          { kty: 'EC', crv: 'P-256', x: good.jwk.x, y: 'AAAA' },
          { kty: 'EC', crv: 'secp256k1', x: 'AA', y: 'AA' },
          { kty: 'OKP', crv: 'X25519', x: 'AA' },
          { kty: 'AKP', alg: 'ML-DSA-44', pub: 'AA' },
          { kty: 'RSA', n: 'n+/=', e: 'AQAB' },
          { ...good.jwk, x: good.jwk.y },
          good.jwk,
        ],
      },
      SOURCE,
    );
    expect(keys.map((k) => k.kid)).toEqual(['good']);
    expect(problems).toEqual([
      'key set https://idp.example.test/jwks: keys[0] is not a JSON object',
      'key set https://idp.example.test/jwks: keys[1] (kid "no-n") has no "n"',
      'key set https://idp.example.test/jwks: keys[2] (kid "shared") is a symmetric (oct) key: a shared secret has no place in a published key set',
      'key set https://idp.example.test/jwks: keys[3] "y" is 3 bytes, P-256 needs 32',
      'key set https://idp.example.test/jwks: keys[4] has curve "secp256k1", which this tool cannot verify with',
      'key set https://idp.example.test/jwks: keys[5] is an X25519 key-agreement key, not a signing key',
      'key set https://idp.example.test/jwks: keys[6] has unsupported kty "AKP"',
      'key set https://idp.example.test/jwks: keys[7] "n" is not base64url (character \'+\' at offset 1 is not base64url)',
      expect.stringMatching(
        /^key set https:\/\/idp\.example\.test\/jwks: keys\[8\] \(kid "good"\) the key does not import \(/,
      ),
    ]);
  });

  it('reports a set without a keys array, and published private members', async () => {
    expect((await parseJwks({ keys: 'x' }, SOURCE)).problems).toEqual([
      'key set https://idp.example.test/jwks: not a JWK Set (no "keys" array)',
    ]);
    const leaked = { kty: 'EC', crv: 'P-256', ...(await keyPair('ES256', 'x')).jwk, d: 'secret-looking' };
    const { keys, problems } = await parseJwks({ keys: [leaked] }, SOURCE);
    expect(keys).toHaveLength(1);
    expect(keys[0]?.jwk).toEqual({ kty: 'EC', crv: 'P-256', x: leaked.x, y: leaked.y });
    expect(problems).toEqual([
      'key set https://idp.example.test/jwks: keys[0] (kid "x") carries private member(s) d: the private key is published with it',
    ]);
  });

  it('caps the number of keys read from one set', async () => {
    const key = (await keyPair('ES256', 'k')).jwk;
    const { keys, problems } = await parseJwks({ keys: Array.from({ length: 105 }, () => key) }, SOURCE);
    expect(keys).toHaveLength(100);
    expect(problems[0]).toBe('key set https://idp.example.test/jwks: 105 keys, only the first 100 were read');
  });
});

/** A syntactically complete X.509 certificate around an SPKI (unsigned: only its structure is read). */
function syntheticCertificate(spki: Uint8Array): string {
  const seq = (...parts: Uint8Array[]) => encodeElement(0x30, ...parts);
  const alg = seq(
    new Uint8Array([0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b, 0x05, 0x00]),
  );
  const time = encodeElement(0x17, new TextEncoder().encode('250101000000Z'));
  const version = encodeElement(0xa0, new Uint8Array([0x02, 0x01, 0x02]));
  const tbs = seq(version, new Uint8Array([0x02, 0x01, 0x01]), alg, seq(), seq(time, time), seq(), spki);
  const der = seq(tbs, alg, encodeElement(0x03, new Uint8Array([0, 1, 2, 3])));
  return `-----BEGIN CERTIFICATE-----\n${encodeBase64(der)}\n-----END CERTIFICATE-----\n`;
}

describe('parsePemKeys', () => {
  it('reads SPKI, PKCS#1 and certificate blocks to the same key', async () => {
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const spki = publicKey.export({ type: 'spki', format: 'pem' }) as string;
    const pkcs1 = publicKey.export({ type: 'pkcs1', format: 'pem' }) as string;
    const cert = syntheticCertificate(publicKey.export({ type: 'spki', format: 'der' }));
    const { keys, problems } = await parsePemKeys(`${spki}\n${pkcs1}\n${cert}`, {
      origin: 'user',
      where: 'k.pem',
    });
    expect(problems).toEqual([]);
    expect(keys).toHaveLength(3);
    expect(new Set(keys.map((k) => k.thumbprint)).size).toBe(1);
    expect(keys[0]?.jwk).toEqual({ kty: 'RSA', n: publicKey.export({ format: 'jwk' }).n, e: 'AQAB' });
    expect(keys[0]?.alg).toBeUndefined();
  });

  it.each([
    ['ec', { namedCurve: 'P-384' }, { kty: 'EC', crv: 'P-384' }],
    ['ed25519', {}, { kty: 'OKP', crv: 'Ed25519' }],
  ] as const)('reads %s public keys', async (type, options, expected) => {
    const { publicKey } = generateKeyPairSync(type as 'ec', options as { namedCurve: string });
    const pem = publicKey.export({ type: 'spki', format: 'pem' }) as string;
    const { keys } = await parsePemKeys(pem, { origin: 'user', where: 'k.pem' });
    expect(keys[0]?.jwk).toMatchObject(expected);
  });

  it('names each block it cannot use, by type and line, and still reads the rest', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'secp256k1' });
    const good = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({
      type: 'spki',
      format: 'pem',
    });
    const text = [
      privateKey.export({ type: 'pkcs8', format: 'pem' }),
      publicKey.export({ type: 'spki', format: 'pem' }),
      '-----BEGIN PUBLIC KEY-----\n!!!!\n-----END PUBLIC KEY-----\n',
      '-----BEGIN RSA PUBLIC KEY-----\nMAA=\n-----END RSA PUBLIC KEY-----\n',
      '-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n',
      good,
    ].join('');
    const { keys, problems } = await parsePemKeys(text, { origin: 'user', where: 'mixed.pem' });
    expect(keys).toHaveLength(1);
    expect(problems).toEqual([
      'mixed.pem: PRIVATE KEY block at line 1 is a private key: give the public key (SPKI, PKCS#1 or certificate)',
      'mixed.pem: PUBLIC KEY block at line 6 has key algorithm 1.2.840.10045.2.1/1.3.132.0.10, which this tool cannot verify with',
      'mixed.pem: PUBLIC KEY block at line 10 body is not base64 (or its END line does not match)',
      'mixed.pem: RSA PUBLIC KEY block at line 13 is not a PKCS#1 RSAPublicKey',
      'mixed.pem: OPENSSH PRIVATE KEY block at line 16 is a private key: give the public key (SPKI, PKCS#1 or certificate)',
    ]);
  });
});

describe('parseUserKeys', () => {
  it.each([
    ['', 'f: is empty'],
    ['{"keys": [', expect.stringMatching(/^f: not valid JSON \(/)],
    ['{"hello": 1}', 'f: is JSON but neither a JWK Set ({"keys": [...]}) nor a JWK'],
    ['ssh-rsa AAAA', 'f: is neither JSON (a JWK Set or a JWK) nor PEM (-----BEGIN PUBLIC KEY-----)'],
  ])('explains %j in one line', async (text, problem) => {
    expect(await parseUserKeys(text, 'f')).toEqual({ keys: [], problems: [problem] });
  });

  it('accepts a single JWK, an array of JWKs, and a BOM', async () => {
    const { jwk } = await keyPair('ES256', 'solo');
    expect((await parseUserKeys(`\uFEFF${JSON.stringify(jwk)}`, 'f')).keys.map((k) => k.kid)).toEqual([
      'solo',
    ]);
    expect((await parseUserKeys(JSON.stringify([jwk, jwk]), 'f')).keys).toHaveLength(2);
  });
});

describe('key sets in a capture', () => {
  it('a malformed key set does not stop another one from verifying tokens', async () => {
    const signer = await keyPair('RS256', 'k');
    const token = await signToken('RS256', signer.privateKey, { kid: 'k' });
    const broken = {
      kind: 'jwks' as const,
      url: 'https://a.example/jwks',
      requestId: '1',
      json: { keys: [{ kty: 1 }] },
    };
    const result = await verifyTokens([recordOf(token)], [broken, jwksDocument([signer.jwk])]);
    expect(result.problems).toEqual(['key set https://a.example/jwks: keys[0] has no "kty"']);
    expect(result.verified[0]?.status).toBe('verified');
  });

  it('reads a key set fetched twice only once', async () => {
    const { jwk } = await keyPair('ES256', 'k');
    const weak = shortRsaToken('weak').jwk;
    const result = await verifyTokens([], [jwksDocument([jwk, weak]), jwksDocument([jwk, weak])]);
    expect(result.hits.map((h) => h.ruleId)).toEqual(['rsa-key-too-short']);
  });
});
