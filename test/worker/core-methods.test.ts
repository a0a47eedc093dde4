import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { parseToken } from '../../src/core/token/parse-token';
import type { KeyDocument, TokenRecord } from '../../src/core/types';
import { createCoreMethods } from '../../src/worker/core-methods';

const ISS = 'https://issuer.test';

async function hs256(secret: string, claims: Record<string, unknown>, kid?: string): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader(kid ? { alg: 'HS256', kid } : { alg: 'HS256' })
    .setIssuer(ISS)
    .sign(new TextEncoder().encode(secret));
}

const recordOf = (text: string): TokenRecord => ({
  token: parseToken(text),
  sightings: [],
  purpose: 'unknown',
});
const rules = (hits: { ruleId: string; fingerprint: string }[]) =>
  hits.map((h) => `${h.ruleId}:${h.fingerprint}`).sort();

describe('createCoreMethods', () => {
  it('answers ping', () => {
    expect(createCoreMethods().ping('hello')).toBe('hello');
  });

  it('reports that the WebAssembly HMAC kernel compiles where WebAssembly is allowed', async () => {
    await expect(createCoreMethods().capabilities(null)).resolves.toEqual({ wasm: true });
  });

  it('finds a weak secret once per key group and spreads it to the group', async () => {
    const methods = createCoreMethods();
    const a = recordOf(await hs256('secret', { sub: 'a' }));
    const b = recordOf(await hs256('secret', { sub: 'b' }));
    const strong = recordOf(await hs256('f1d2e3c4b5a697887766554433221100', { sub: 'c' }, 'other-key'));
    const first = await methods.findSecrets({ records: [a, b, strong] });
    expect(first.groups).toBe(2);
    expect(first.tokens).toBe(3);
    expect(rules(first.hits)).toEqual(
      rules([
        { ruleId: 'hmac-weak-secret', fingerprint: a.token.fingerprint },
        { ruleId: 'hmac-weak-secret', fingerprint: b.token.fingerprint },
      ]),
    );
    // A later token of a known group is settled without another dictionary run.
    const c = recordOf(await hs256('secret', { sub: 'later' }));
    const later = await methods.findSecrets({ records: [c] });
    expect(later.groups).toBe(0);
    expect(rules(later.hits)).toEqual([`hmac-weak-secret:${c.token.fingerprint}`]);
  });

  it('tries a user wordlist (CRLF, blank lines) on groups not cracked yet', async () => {
    const methods = createCoreMethods();
    const custom = recordOf(await hs256('correct-horse-battery', { sub: 'x' }, 'k2'));
    await expect(methods.findSecrets({ records: [custom] })).resolves.toMatchObject({ hits: [] });
    const result = await methods.findSecrets({
      records: [custom],
      wordlist: { name: 'team.txt', text: 'alpha\r\n\r\ncorrect-horse-battery\r\nomega' },
    });
    expect(result.words).toBe(3);
    expect(result.hits.map((h) => h.ruleId)).toEqual(['hmac-weak-secret']);
    expect(result.hits[0]?.detail).toContain('team.txt');
  });

  it('ignores tokens that are not HS-signed', async () => {
    const methods = createCoreMethods();
    const result = await methods.findSecrets({
      records: [recordOf('not.a.token'), recordOf('eyJhbGciOiJub25lIn0.e30.')],
    });
    expect(result).toMatchObject({ hits: [], tokens: 0, groups: 0 });
  });

  it('verifies signatures with a JWKS seen in traffic, and names tokens without a key', async () => {
    const { publicKey, privateKey } = await generateKeyPair('ES256');
    const token = await new SignJWT({ sub: 'u' })
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setIssuer(ISS)
      .setExpirationTime('1h')
      .sign(privateKey);
    const record = recordOf(token);
    const jwks: KeyDocument = {
      kind: 'jwks',
      url: `${ISS}/.well-known/jwks.json`,
      requestId: '1',
      json: { keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256' }] },
    };
    const methods = createCoreMethods();
    const without = await methods.checkSignatures({ records: [record], keyDocuments: [] });
    expect(without.unverifiable).toEqual([record.token.fingerprint]);
    const withKeys = await methods.checkSignatures({ records: [record], keyDocuments: [jwks] });
    expect(withKeys.unverifiable).toEqual([]);
    expect(withKeys.hits.filter((h) => h.ruleId === 'sig-invalid')).toEqual([]);
  });
});
