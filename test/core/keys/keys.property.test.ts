import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJwks, parsePemKeys, parseUserKeys, verifyTokens } from '../../../src/core/keys';
import { encodeBase64 } from '../../../src/core/keys/pem';
import type { KeyDocument } from '../../../src/core/types';
import { keyPair, recordOf, signToken } from './helpers';

/** JWK-like objects: real member names with arbitrary (often wrong) values, plus arbitrary JSON. */
const jwkish = fc.oneof(
  fc.jsonValue(),
  fc.record(
    {
      kty: fc.constantFrom('RSA', 'EC', 'OKP', 'oct', 'AKP', '', 'rsa'),
      crv: fc.constantFrom('P-256', 'P-384', 'P-521', 'Ed25519', 'Ed448', 'X25519', 'secp256k1'),
      n: fc.oneof(fc.string(), fc.base64String()),
      e: fc.constantFrom('AQAB', 'Aw', '', 'AQAB=', 'AA'),
      x: fc.oneof(fc.string(), fc.base64String()),
      y: fc.oneof(fc.string(), fc.base64String()),
      kid: fc.jsonValue(),
      use: fc.jsonValue(),
      alg: fc.jsonValue(),
      key_ops: fc.jsonValue(),
    },
    { requiredKeys: [] },
  ),
);

const keyDocument: fc.Arbitrary<KeyDocument> = fc.record({
  kind: fc.constantFrom('jwks', 'openid-configuration'),
  url: fc.oneof(fc.webUrl(), fc.string()),
  requestId: fc.string(),
  json: fc.oneof(
    fc.jsonValue(),
    fc.record({ keys: fc.array(jwkish, { maxLength: 5 }) }),
    fc.record({
      issuer: fc.oneof(fc.webUrl(), fc.jsonValue()),
      jwks_uri: fc.oneof(fc.webUrl(), fc.jsonValue()),
    }),
  ),
});

describe('key parsing never throws', () => {
  it('verifyTokens: arbitrary key documents next to a real token', async () => {
    const signer = await keyPair('ES256', 'k');
    const records = [
      recordOf(await signToken('ES256', signer.privateKey, { kid: 'k' })),
      recordOf(await signToken('HS256', new Uint8Array(32))),
    ];
    await fc.assert(
      fc.asyncProperty(fc.array(keyDocument, { maxLength: 4 }), async (documents) => {
        const result = await verifyTokens(records, documents);
        expect(result.verified.length).toBeLessThanOrEqual(records.length);
        expect(result.problems.every((line) => typeof line === 'string' && !line.includes('\n'))).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('parseJwks: arbitrary entries', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.jsonValue(), fc.record({ keys: fc.array(jwkish, { maxLength: 8 }) })),
        async (json) => {
          const { keys, problems } = await parseJwks(json, { origin: 'user', where: 'f' });
          // Every entry becomes a key or (at least) one problem line; a non-set is one problem line.
          const entries = (json as { keys?: unknown } | null)?.keys;
          const expected = Array.isArray(entries) ? entries.length : 1;
          expect(keys.length + problems.length).toBeGreaterThanOrEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('parseUserKeys and parsePemKeys: arbitrary text and PEM-wrapped arbitrary bytes', async () => {
    const pem = fc
      .tuple(
        fc.constantFrom('PUBLIC KEY', 'RSA PUBLIC KEY', 'CERTIFICATE', 'X'),
        fc.uint8Array({ maxLength: 300 }),
      )
      .map(([label, der]) => `-----BEGIN ${label}-----\n${encodeBase64(der)}\n-----END ${label}-----\n`);
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), pem), async (text) => {
        const user = await parseUserKeys(text, 'f');
        const raw = await parsePemKeys(text, { origin: 'user', where: 'f' });
        expect(user.keys.length + user.problems.length).toBeGreaterThan(0);
        expect(raw.keys.length + raw.problems.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});
