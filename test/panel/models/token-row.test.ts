import { describe, expect, it } from 'vitest';
import { parseToken } from '../../../src/core/token/parse-token';
import { haystackOf, hostsOf, toTokenRowBase } from '../../../src/panel/models/token-row';
import { b64, GOOD_CLAIMS, goodToken, NOW, sighting } from '../../core/rules/token/helpers';

describe('toTokenRowBase', () => {
  const row = (text: string) =>
    toTokenRowBase({ token: parseToken(text), sightings: [sighting({ id: '1' })], purpose: 'unknown' });

  it('shows the issuer, subject and expiry of the claims', () => {
    expect(row(goodToken())).toMatchObject({ iss: GOOD_CLAIMS.iss, sub: GOOD_CLAIMS.sub, exp: NOW + 600 });
  });

  it("shows a nested JWT's inner claims, which its outer layer does not have", () => {
    const nested = `${b64({ alg: 'HS256', cty: 'JWT' })}.${b64(goodToken())}.${b64(new Uint8Array(32))}`;
    expect(row(nested)).toMatchObject({
      alg: 'HS256',
      iss: GOOD_CLAIMS.iss,
      sub: GOOD_CLAIMS.sub,
      exp: NOW + 600,
    });
    // Neither a claim-less token nor one that is not a JWT gets made-up values.
    expect(row(`${b64({ alg: 'RSA-OAEP', enc: 'A256GCM' })}.a.b.c.d`)).toMatchObject({
      iss: '',
      sub: '',
      exp: null,
    });
  });
});

describe('hostsOf and haystackOf', () => {
  it('gives the hosts and the search text of a token; its row keeps no copy of the token text', () => {
    const text = goodToken();
    const record = {
      token: parseToken(text),
      sightings: [
        sighting({ id: '1', url: 'https://a.example.test/x' }),
        sighting({ id: '2', url: 'https://b.example.test/y' }),
      ],
      purpose: 'unknown' as const,
    };
    expect(hostsOf(record)).toEqual(['a.example.test', 'b.example.test']);
    expect(toTokenRowBase(record).hosts).toBe(hostsOf(record));
    expect(JSON.stringify(toTokenRowBase(record))).not.toContain(text);
    const haystack = haystackOf(record);
    for (const part of [
      text.toLowerCase(),
      'b.example.test',
      GOOD_CLAIMS.iss.toLowerCase(),
      'header x-token',
    ])
      expect(haystack).toContain(part);
  });
});
