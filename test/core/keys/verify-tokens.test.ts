import { describe, expect, it } from 'vitest';
import { parseUserKeys, type VerifyOutcome, verifyTokens } from '../../../src/core/keys';
import { createVerifier } from '../../../src/core/keys/verify-jws';
import {
  DISCOVERY_URL,
  discoveryDocument,
  ISSUER,
  JWKS_URL,
  jwksDocument,
  keyPair,
  recordOf,
  ruleIds,
  shortRsaToken,
  sighting,
  signToken,
} from './helpers';

describe('verifyTokens: which key verified the signature', () => {
  it('reports sig-verified with kid, thumbprint and where the key set was seen', async () => {
    const signer = await keyPair('RS256', 'rsa-1');
    const other = await keyPair('ES256', 'ec-1');
    const token = await signToken('RS256', signer.privateKey, { kid: 'rsa-1' });
    const result = await verifyTokens(
      [recordOf(token)],
      [discoveryDocument(), jwksDocument([other.jwk, signer.jwk])],
    );
    expect(ruleIds(result.hits)).toEqual(['sig-verified']);
    const [hit] = result.hits;
    expect(hit?.detail).toMatch(
      /^RS256 signature verified with key kid "rsa-1" \(thumbprint [\w-]{43}\) from https:\/\/idp\.example\.test\/\.well-known\/jwks\.json, the key set of issuer https:\/\/idp\.example\.test$/,
    );
    expect(result.verified).toEqual([
      expect.objectContaining({
        status: 'verified',
        key: expect.objectContaining({ kid: 'rsa-1', origin: 'traffic', where: JWKS_URL }),
      }),
    ]);
    expect(result.problems).toEqual([]);
  });

  it('verifies ES256, PS256 and EdDSA tokens too, choosing keys by alg when there is no kid', async () => {
    const keys = await Promise.all([keyPair('ES256', 'a'), keyPair('PS256', 'b'), keyPair('EdDSA', 'c')]);
    const tokens = await Promise.all(
      (['ES256', 'PS256', 'EdDSA'] as const).map((alg, i) =>
        signToken(alg, keys[i]?.privateKey as CryptoKey),
      ),
    );
    const result = await verifyTokens(
      tokens.map((t) => recordOf(t)),
      [jwksDocument(keys.map((k) => k.jwk))],
    );
    expect(result.verified.map((v) => [v.status, v.key?.kid])).toEqual([
      ['verified', 'a'],
      ['verified', 'b'],
      ['verified', 'c'],
    ]);
  });

  it('reports sig-invalid when the issuer’s keys do not verify it', async () => {
    const published = await keyPair('RS256', 'rsa-1');
    const forger = await keyPair('RS256', 'rsa-1');
    const token = await signToken('RS256', forger.privateKey, { kid: 'rsa-1' });
    const result = await verifyTokens(
      [recordOf(token)],
      [discoveryDocument(), jwksDocument([published.jwk])],
    );
    expect(ruleIds(result.hits)).toEqual(['sig-invalid']);
    expect(result.hits[0]?.severity).toBeUndefined();
    expect(result.hits[0]?.detail).toBe(
      `RS256 signature does not verify: none of the 1 key(s) of issuer ${ISSUER} verifies it`,
    );
    expect(result.verified[0]?.status).toBe('invalid');
  });

  it('keeps sig-invalid at its catalog severity when a server answered 2xx: sig-invalid-accepted reports that', async () => {
    const published = await keyPair('ES256', 'k');
    const forger = await keyPair('ES256', 'k');
    const token = await signToken('ES256', forger.privateKey, { kid: 'k' });
    const result = await verifyTokens(
      [recordOf(token, [sighting(401), sighting(200)])],
      [jwksDocument([published.jwk])],
    );
    const [hit] = result.hits;
    expect(hit?.ruleId).toBe('sig-invalid');
    expect(hit?.severity).toBeUndefined();
    expect(hit?.detail).not.toMatch(/accepted/);
    expect(hit?.sightingIds).toBeUndefined();
  });

  it('says when the kid is not in the issuer’s key set', async () => {
    const published = await keyPair('RS256', 'old');
    const signer = await keyPair('RS256', 'new');
    const token = await signToken('RS256', signer.privateKey, { kid: 'new' });
    const result = await verifyTokens(
      [recordOf(token)],
      [discoveryDocument(), jwksDocument([published.jwk])],
    );
    expect(result.hits[0]?.detail).toBe(
      'RS256 signature does not verify: kid "new" is not among the issuer\'s 1 key(s), none of which verifies it',
    );
  });

  it('reports sig-unverifiable when no key is known', async () => {
    const signer = await keyPair('RS256', 'x');
    const token = await signToken('RS256', signer.privateKey, { kid: 'x' });
    const result = await verifyTokens([recordOf(token)], []);
    expect(ruleIds(result.hits)).toEqual(['sig-unverifiable']);
    expect(result.hits[0]?.detail).toBe(
      'no key set was seen in the capture and none was supplied, so the RS256 signature was not checked',
    );
    expect(result.verified[0]?.status).toBe('unverifiable');
  });

  it('does not call a key set of another origin the issuer’s: unverifiable, not invalid', async () => {
    const stranger = await keyPair('RS256', 's');
    const signer = await keyPair('RS256', 'x');
    const token = await signToken('RS256', signer.privateKey, { kid: 'x' });
    const result = await verifyTokens(
      [recordOf(token)],
      [jwksDocument([stranger.jwk], 'https://other.example/jwks')],
    );
    expect(ruleIds(result.hits)).toEqual(['sig-unverifiable']);
    expect(result.hits[0]?.detail).toBe(
      `none of the 1 key(s) tried verifies it, and none is known to belong to issuer ${ISSUER}`,
    );
  });

  it('ties a key set to its issuer through the discovery document even on another host', async () => {
    const issuerKey = await keyPair('RS256', 'k');
    const forger = await keyPair('RS256', 'k2');
    const token = await signToken('RS256', forger.privateKey, {});
    const cdn = 'https://keys.cdn.example/idp/jwks';
    const result = await verifyTokens(
      [recordOf(token)],
      [discoveryDocument(ISSUER, cdn), jwksDocument([issuerKey.jwk], cdn)],
    );
    expect(ruleIds(result.hits)).toEqual(['sig-invalid']);
  });

  it('ignores a discovery document not served from its issuer, and says so', async () => {
    const key = await keyPair('RS256', 'k');
    const fake = discoveryDocument(
      ISSUER,
      'https://evil.example/jwks',
      'https://evil.example/.well-known/openid-configuration',
    );
    const result = await verifyTokens([], [fake, jwksDocument([key.jwk], 'https://evil.example/jwks')]);
    expect(result.problems).toEqual([
      `discovery document https://evil.example/.well-known/openid-configuration: names issuer ${ISSUER} but is not served from it (OpenID Connect Discovery §4.3); its jwks_uri is not tied to that issuer`,
    ]);
  });

  it('uses keys the auditor supplied, and never fetches jku/x5u/jwks_uri', async () => {
    const signer = await keyPair('ES384', 'user-key');
    const token = await signToken('ES384', signer.privateKey, {
      kid: 'user-key',
      jku: 'https://attacker.example/jwks',
    });
    const user = await parseUserKeys(JSON.stringify({ keys: [signer.jwk] }), 'keys.json');
    const result = await verifyTokens([recordOf(token)], [discoveryDocument()], user.keys);
    expect(result.hits[0]?.detail).toMatch(/from keys\.json \(supplied by the auditor\)$/);
    expect(result.verified[0]?.key?.origin).toBe('user');
  });
});

describe('verifyTokens: key strength and declarations', () => {
  it('flags a 1024-bit RSA key in a key set on the token it verified, and still verifies it', async () => {
    const { token, jwk } = shortRsaToken('weak');
    const result = await verifyTokens([recordOf(token)], [jwksDocument([jwk])]);
    expect(ruleIds(result.hits)).toEqual(['rsa-key-too-short', 'sig-verified']);
    const short = result.hits.find((h) => h.ruleId === 'rsa-key-too-short');
    expect(short?.detail).toMatch(
      /^RSA key kid "weak" \(thumbprint [\w-]+\) from .* has a 1024-bit modulus; RFC 7518 requires at least 2048 bits$/,
    );
    expect(short?.fingerprint).toBe(recordOf(token).token.fingerprint);
  });

  it('flags a short RSA key no token uses as an exchange-level finding', async () => {
    const { jwk } = shortRsaToken('idle');
    const result = await verifyTokens([], [jwksDocument([jwk])]);
    expect(result.hits).toEqual([expect.objectContaining({ ruleId: 'rsa-key-too-short', fingerprint: '' })]);
  });

  it('flags a short RSA key embedded in the jwk header', async () => {
    const { jwk } = shortRsaToken('embedded');
    const signer = await keyPair('RS256', 'x');
    const token = await signToken('RS256', signer.privateKey, { jwk: { kty: jwk.kty, n: jwk.n, e: jwk.e } });
    const result = await verifyTokens([recordOf(token)], []);
    expect(result.hits.find((h) => h.ruleId === 'rsa-key-too-short')?.detail).toBe(
      'the jwk header embeds an RSA key with a 1024-bit modulus; RFC 7518 requires at least 2048 bits',
    );
  });

  it('reports key-alg-mismatch for a P-256 key named by an ES384 token', async () => {
    const p256 = await keyPair('ES256', 'k');
    const p384 = await keyPair('ES384', 'other');
    const token = await signToken('ES384', p384.privateKey, { kid: 'k' });
    const result = await verifyTokens([recordOf(token)], [jwksDocument([p256.jwk])]);
    expect(ruleIds(result.hits)).toEqual(['key-alg-mismatch', 'sig-invalid']);
    expect(result.hits.find((h) => h.ruleId === 'key-alg-mismatch')?.detail).toMatch(
      /^the key named by kid, kid "k" .* does not fit ES384: the key is on P-256 but ES384 needs P-384$/,
    );
    expect(result.hits.find((h) => h.ruleId === 'sig-invalid')?.detail).toBe(
      'ES384 signature does not verify: the key named by kid "k" cannot verify it: the key is on P-256 but ES384 needs P-384',
    );
  });

  it('reports key-alg-mismatch for a use:enc key that verified the signature', async () => {
    const signer = await keyPair('RS256', 'enc-key', { use: 'enc', alg: 'RSA-OAEP' });
    const token = await signToken('RS256', signer.privateKey, { kid: 'enc-key' });
    const result = await verifyTokens([recordOf(token)], [jwksDocument([signer.jwk])]);
    expect(ruleIds(result.hits)).toEqual(['key-alg-mismatch', 'sig-verified']);
    expect(result.hits.find((h) => h.ruleId === 'key-alg-mismatch')?.detail).toMatch(
      /does not fit RS256: the key declares alg "RSA-OAEP"; the key declares use "enc"$/,
    );
  });

  it('stays quiet about well-declared keys', async () => {
    const signer = await keyPair('PS256', 'k', { use: 'sig', alg: 'PS256', key_ops: ['verify'] });
    const token = await signToken('PS256', signer.privateKey, { kid: 'k' });
    const result = await verifyTokens([recordOf(token)], [jwksDocument([signer.jwk])]);
    expect(ruleIds(result.hits)).toEqual(['sig-verified']);
  });
});

describe('verifyTokens: tokens it leaves alone', () => {
  it('skips unsigned, stripped, encrypted and malformed tokens', async () => {
    const signer = await keyPair('RS256', 'k');
    const token = await signToken('RS256', signer.privateKey);
    const stripped = `${token.split('.').slice(0, 2).join('.')}.`;
    const unsecured = 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.';
    const result = await verifyTokens(
      [recordOf(stripped), recordOf(unsecured), recordOf('not.a.token'), recordOf('eyJ')],
      [
        jwksDocument([signer.jwk]),
        { kind: 'openid-configuration', url: DISCOVERY_URL, requestId: 'x', json: {} },
      ],
    );
    expect(result.hits).toEqual([]);
    expect(result.verified).toEqual([]);
    expect(result.problems).toEqual([
      `discovery document ${DISCOVERY_URL}: "issuer" and "jwks_uri" must both be strings`,
    ]);
  });
});

describe('verifyTokens: custom verifiers', () => {
  it('takes answers given at once or later, in key order, the same as the default verifier', async () => {
    const signer = await keyPair('RS256', 'rsa-1');
    const other = await keyPair('RS256', 'rsa-2');
    const records = [
      recordOf(await signToken('RS256', signer.privateKey)),
      recordOf(await signToken('RS256', other.privateKey)),
    ];
    const documents = [discoveryDocument(), jwksDocument([other.jwk, signer.jwk])];
    const reference = await verifyTokens(records, documents);
    // The default verifier's answers, recorded, then given back at once for every other check.
    const answers = new Map<string, VerifyOutcome>();
    const jose = createVerifier();
    await verifyTokens(records, documents, [], {
      verifier: async (token, key, alg) => {
        const outcome = await jose(token, key, alg);
        answers.set(`${token.text}|${key.thumbprint}`, outcome);
        return outcome;
      },
    });
    let calls = 0;
    const mixed = await verifyTokens(records, documents, [], {
      verifier: (token, key) => {
        const outcome = answers.get(`${token.text}|${key.thumbprint}`) ?? { problem: 'not recorded' };
        return calls++ % 2 === 0 ? outcome : Promise.resolve(outcome);
      },
    });
    expect(calls).toBeGreaterThan(2);
    expect(mixed).toEqual(reference);
    expect(reference.verified.map((v) => v.status)).toEqual(['verified', 'verified']);
  });

  it('turns a verifier that throws into a problem line for that token and checks the others', async () => {
    const signer = await keyPair('RS256', 'rsa-1');
    const a = recordOf(await signToken('RS256', signer.privateKey, {}, { iss: ISSUER, sub: 'a' }));
    const b = recordOf(await signToken('RS256', signer.privateKey, {}, { iss: ISSUER, sub: 'b' }));
    const result = await verifyTokens([a, b], [discoveryDocument(), jwksDocument([signer.jwk])], [], {
      verifier: (token) => {
        if (token.text === a.token.text) throw new TypeError('boom');
        return 'valid';
      },
    });
    expect(result.problems).toEqual([`token ${a.token.fingerprint}: signature check failed (TypeError)`]);
    expect(result.verified.map((v) => v.fingerprint)).toEqual([b.token.fingerprint]);
  });

  describe('nested JWTs (RFC 8725 §3.3: both layers)', () => {
    /** An outer ES256 JWS (signed with `outerKey`) whose payload is the compact token `inner`. */
    async function wrap(inner: string, outerKey: CryptoKey): Promise<string> {
      const { CompactSign } = await import('jose');
      return new CompactSign(new TextEncoder().encode(inner))
        .setProtectedHeader({ alg: 'ES256', cty: 'JWT', kid: 'outer' })
        .sign(outerKey);
    }

    it('verifies the inner token too and reports it on the outer token', async () => {
      const inner = await keyPair('RS256', 'rsa-1');
      const outer = await keyPair('ES256', 'outer');
      const text = await wrap(await signToken('RS256', inner.privateKey, { kid: 'rsa-1' }), outer.privateKey);
      const record = recordOf(text);
      const result = await verifyTokens([record], [discoveryDocument(), jwksDocument([inner.jwk])]);
      // The outer key is nowhere in the capture: unverifiable; the inner one verifies, on the same token.
      expect(result.hits.map((h) => [h.ruleId, h.fingerprint])).toEqual([
        ['sig-unverifiable', record.token.fingerprint],
        ['sig-verified', record.token.fingerprint],
      ]);
      expect(result.hits[1]?.detail).toMatch(/^Nested token: RS256 signature verified with key kid "rsa-1"/);
    });

    it('reports a forged inner signature even when the outer one verifies', async () => {
      const published = await keyPair('RS256', 'rsa-1');
      const forger = await keyPair('RS256', 'rsa-1');
      const outer = await keyPair('ES256', 'outer');
      const inner = await signToken('RS256', forger.privateKey, { kid: 'rsa-1' });
      const record = recordOf(await wrap(inner, outer.privateKey));
      const userKeys = await parseUserKeys(JSON.stringify(outer.jwk), 'outer.jwk');
      const result = await verifyTokens(
        [record],
        [discoveryDocument(), jwksDocument([published.jwk])],
        userKeys.keys,
      );
      expect(result.hits.map((h) => h.ruleId)).toEqual(['sig-verified', 'sig-invalid']);
      expect(result.hits[1]?.detail).toMatch(/^Nested token: RS256 signature does not verify/);
      // `verified` describes the token as presented (the outer layer) only.
      expect(result.verified.map((v) => v.status)).toEqual(['verified']);
    });
  });
});
