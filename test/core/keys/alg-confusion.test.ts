import { createPublicKey } from 'node:crypto';
import { exportSPKI } from 'jose';
import { describe, expect, it } from 'vitest';
import { parseUserKeys, serialiseKey, sshPublicKey, verifyTokens } from '../../../src/core/keys';
import { discoveryDocument, jwksDocument, keyPair, recordOf, sighting, signToken } from './helpers';

const TEXT = new TextEncoder();

/** An HS token MAC'd with `secret` — what an attacker sends to a verifier that takes alg from the header. */
function forge(alg: 'HS256' | 'HS384' | 'HS512', secret: string, kid = 'rsa-1'): Promise<string> {
  return signToken(alg, TEXT.encode(secret), { kid });
}

describe('alg-confusion-forged', () => {
  it('finds an HS256 token MAC’d with the issuer’s SPKI PEM (jose exportSPKI text)', async () => {
    const issuer = await keyPair('RS256', 'rsa-1');
    const token = await forge('HS256', await exportSPKI(issuer.publicKey));
    const result = await verifyTokens([recordOf(token)], [discoveryDocument(), jwksDocument([issuer.jwk])]);
    expect(result.hits.map((h) => h.ruleId)).toEqual(['alg-confusion-forged']);
    expect(result.hits[0]?.detail).toMatch(
      /^HS256 MAC verifies with the public key kid "rsa-1" \(thumbprint [\w-]+\) from https:\/\/idp\.example\.test\/\.well-known\/jwks\.json, the key set of issuer https:\/\/idp\.example\.test used as the HMAC secret \(SPKI PEM, LF, no trailing newline\): anyone holding the public key can mint this token$/,
    );
    expect(result.verified[0]).toMatchObject({ status: 'alg-confusion', key: { kid: 'rsa-1' } });
  });

  it.each([
    ['PKCS#1 PEM with CRLF line endings', 'HS384', (pem: string) => pem.replace(/\n/g, '\r\n'), 'pkcs1'],
    ['SPKI PEM as Node writes it (trailing newline)', 'HS512', (pem: string) => pem, 'spki'],
  ] as const)('finds a token MAC’d with the %s', async (_name, alg, transform, type) => {
    const issuer = await keyPair('RS256', 'rsa-1');
    const pem = createPublicKey({ key: issuer.jwk as never, format: 'jwk' }).export({
      type,
      format: 'pem',
    }) as string;
    const token = await forge(alg, transform(pem));
    const result = await verifyTokens([recordOf(token)], [jwksDocument([issuer.jwk])]);
    expect(result.hits.map((h) => h.ruleId)).toEqual(['alg-confusion-forged']);
  });

  it('finds a token MAC’d with the JWK JSON exactly as the key set wrote it, and says the server accepted it', async () => {
    const issuer = await keyPair('ES256', 'ec-1', { use: 'sig' });
    const token = await forge('HS256', JSON.stringify(issuer.jwk), 'ec-1');
    const accepted = sighting(200);
    const result = await verifyTokens([recordOf(token, [accepted])], [jwksDocument([issuer.jwk])]);
    const [hit] = result.hits;
    expect(hit?.ruleId).toBe('alg-confusion-forged');
    expect(hit?.detail).toMatch(
      /\(JWK JSON as in the key set\): .*; 1 request\(s\) presenting it got a 2xx answer, so the server accepts such tokens$/,
    );
    expect(hit?.sightingIds).toEqual([accepted.id]);
  });

  it('finds a token MAC’d with the OpenSSH form of a user-supplied PEM key (CVE-2022-29217)', async () => {
    const issuer = await keyPair('EdDSA', 'ed');
    const pem = await exportSPKI(issuer.publicKey);
    const ssh = sshPublicKey(issuer.jwk as never);
    const token = await forge('HS256', `${ssh}\n`, 'whatever');
    const user = await parseUserKeys(pem, 'issuer.pem');
    const result = await verifyTokens([recordOf(token)], [], user.keys);
    expect(result.hits[0]?.detail).toContain('(OpenSSH public key, trailing newline)');
  });

  it('stays quiet for HS tokens with an ordinary secret', async () => {
    const issuer = await keyPair('RS256', 'rsa-1');
    const token = await forge('HS256', 'a-perfectly-random-secret-of-enough-length');
    const result = await verifyTokens([recordOf(token)], [jwksDocument([issuer.jwk])]);
    expect(result.hits).toEqual([]);
    expect(result.verified).toEqual([]);
  });
});

describe('serialiseKey', () => {
  it('matches Node’s SPKI and PKCS#1 PEM byte for byte and drops duplicates', async () => {
    const issuer = await keyPair('RS256', 'rsa-1');
    const [key] = (await parseUserKeys(JSON.stringify(issuer.jwk), 'k.json')).keys;
    if (!key) throw new Error('key not parsed');
    const forms = await serialiseKey(key);
    const texts = forms.map((f) => new TextDecoder().decode(f.bytes));
    const node = createPublicKey({ key: issuer.jwk as never, format: 'jwk' });
    expect(texts).toContain(node.export({ type: 'spki', format: 'pem' }));
    expect(texts).toContain(node.export({ type: 'pkcs1', format: 'pem' }));
    expect(new Set(texts).size).toBe(texts.length);
    expect(forms.length).toBeGreaterThanOrEqual(20);
    expect(forms.length).toBeLessThanOrEqual(40);
  });

  it('writes the OpenSSH ssh-rsa blob as RFC 4253 says (string type, mpint e, mpint n)', async () => {
    const issuer = await keyPair('RS256', 'rsa-1');
    const [type, body] = (sshPublicKey(issuer.jwk as never) ?? '').split(' ');
    const blob = Buffer.from(body ?? '', 'base64');
    const fields: Buffer[] = [];
    for (let at = 0; at < blob.length; ) {
      const length = blob.readUInt32BE(at);
      fields.push(blob.subarray(at + 4, at + 4 + length));
      at += 4 + length;
    }
    expect(type).toBe('ssh-rsa');
    expect(fields[0]?.toString()).toBe('ssh-rsa');
    expect(fields[1]?.toString('base64url')).toBe(issuer.jwk.e);
    // The modulus has its top bit set, so the mpint carries a leading zero byte.
    expect(fields[2]?.[0]).toBe(0);
    expect(fields[2]?.subarray(1).toString('base64url')).toBe(issuer.jwk.n);
  });
});
