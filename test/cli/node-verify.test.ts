import { constants, type createPrivateKey, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createNodeVerifier } from '../../src/cli/node-verify';
import type { KnownKey } from '../../src/core/keys';
import { verifyTokens } from '../../src/core/keys';
import { checkJwk } from '../../src/core/keys/jwk-check';
import { createKnownKey } from '../../src/core/keys/known-key';
import { createVerifier } from '../../src/core/keys/verify-jws';
import { parseToken } from '../../src/core/token';
import { jwksDocument, recordOf } from '../core/keys/helpers';

const b64u = (value: string | Buffer) => Buffer.from(value).toString('base64url');

type Pair = { privateKey: ReturnType<typeof createPrivateKey>; jwk: Record<string, unknown> };

function pair(kind: 'rsa' | 'ec' | 'ed25519', option?: number | string): Pair {
  const generated =
    kind === 'rsa'
      ? generateKeyPairSync('rsa', { modulusLength: Number(option) })
      : kind === 'ec'
        ? generateKeyPairSync('ec', { namedCurve: String(option) })
        : generateKeyPairSync('ed25519');
  return { privateKey: generated.privateKey, jwk: generated.publicKey.export({ format: 'jwk' }) };
}

/** A token signed with node:crypto as a JWS library would, or with `tamper` applied to the signature. */
function tokenFor(alg: string, key: Pair, tamper?: (signature: Buffer) => Buffer): string {
  const input = `${b64u(JSON.stringify({ alg, typ: 'JWT' }))}.${b64u(JSON.stringify({ sub: randomBytes(4).toString('hex') }))}`;
  const hash = alg.startsWith('Ed') ? null : `sha${alg.slice(2)}`;
  const signature = alg.startsWith('PS')
    ? sign(hash, Buffer.from(input), {
        key: key.privateKey,
        padding: constants.RSA_PKCS1_PSS_PADDING,
        saltLength: Number(alg.slice(2)) / 8,
      })
    : alg.startsWith('ES')
      ? sign(hash, Buffer.from(input), { key: key.privateKey, dsaEncoding: 'ieee-p1363' })
      : sign(hash, Buffer.from(input), key.privateKey);
  return `${input}.${b64u(tamper ? tamper(signature) : signature)}`;
}

async function known(jwk: Record<string, unknown>): Promise<KnownKey> {
  const checked = checkJwk(jwk);
  if (!checked.ok) throw new Error('bad test key');
  const key = await createKnownKey(checked, { origin: 'user', where: 'test' });
  if (typeof key === 'string') throw new Error(key);
  return key;
}

const flip = (signature: Buffer) => {
  const copy = Buffer.from(signature);
  copy[copy.length - 1] = (copy[copy.length - 1] ?? 0) ^ 1;
  return copy;
};
const CASES: [string, Pair][] = [
  ['RS256', pair('rsa', 2048)],
  ['RS512', pair('rsa', 1024)],
  ['PS256', pair('rsa', 2048)],
  ['PS384', pair('rsa', 1024)],
  ['ES256', pair('ec', 'P-256')],
  ['ES384', pair('ec', 'P-384')],
  ['ES512', pair('ec', 'P-521')],
  ['EdDSA', pair('ed25519')],
  ['Ed25519', pair('ed25519')],
];

describe('createNodeVerifier', () => {
  it.each(CASES)('answers as jose/WebCrypto does for %s', async (alg, signer) => {
    const key = await known(signer.jwk);
    const other = await known(CASES.find(([a, p]) => a !== alg && p.jwk.kty === signer.jwk.kty)![1].jwk);
    const native = createNodeVerifier();
    const reference = createVerifier();
    const tokens = [
      tokenFor(alg, signer),
      tokenFor(alg, signer, flip),
      tokenFor(alg, signer, (s) => s.subarray(1)),
      tokenFor(alg, signer, (s) => Buffer.concat([s, Buffer.from([0])])),
      tokenFor(alg, signer, (s) => randomBytes(s.length)),
    ];
    for (const text of tokens) {
      const token = parseToken(text);
      for (const candidate of [key, other]) {
        expect(await native(token, candidate, alg)).toEqual(await reference(token, candidate, alg));
      }
    }
    expect(await native(parseToken(tokens[0]!), key, alg)).toBe('valid');
  });

  it('hands algorithms it does not implement to the fallback', async () => {
    const key = await known(pair('ec', 'P-256').jwk);
    const token = parseToken(tokenFor('ES256', pair('ec', 'P-256')));
    const native = createNodeVerifier({ fallback: async () => ({ problem: 'from the fallback' }) });
    expect(await native(token, key, 'ES256K')).toEqual({ problem: 'from the fallback' });
  });

  it('gives verifyTokens the same result as the default verifier, whatever the concurrency', async () => {
    const issuer = pair('rsa', 2048);
    const ec = pair('ec', 'P-256');
    const records = [
      recordOf(tokenFor('RS256', issuer)),
      recordOf(tokenFor('RS256', issuer, flip)),
      recordOf(tokenFor('ES256', ec)),
      recordOf(tokenFor('PS256', issuer, (s) => s.subarray(1))),
      recordOf(tokenFor('ES256', ec, () => randomBytes(64))),
    ];
    const documents = [jwksDocument([issuer.jwk, ec.jwk])];
    const reference = await verifyTokens(records, documents);
    for (const concurrency of [1, 2, 64]) {
      const native = await verifyTokens(records, documents, [], {
        verifier: createNodeVerifier(),
        concurrency,
      });
      expect(native).toEqual(reference);
    }
    expect(reference.verified.map((v) => v.status)).toContain('verified');
  });
});
