import { describe, expect, it } from 'vitest';
import { parseToken } from '../../../src/core/token/parse-token';
import { toTokenRowBase } from '../../../src/panel/models/token-row';
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
