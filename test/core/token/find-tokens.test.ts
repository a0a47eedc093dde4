import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { findTokens } from '../../../src/core/token/find-tokens';
import { parseToken } from '../../../src/core/token/parse-token';
import { b64, createSampleTokens, HS256_HEADER, type SampleTokens } from './token-helpers';

const texts = (input: string) => findTokens(input).map((found) => found.text);

describe('findTokens', () => {
  let tokens: SampleTokens;
  beforeAll(async () => {
    tokens = await createSampleTokens();
  });

  it('finds a token in each kind of carrier, with its index', () => {
    const { hs256 } = tokens;
    for (const carrier of [
      `Bearer ${hs256}`,
      `session=${hs256}; Path=/; HttpOnly`,
      `https://app.example/cb#id_token=${hs256}&state=x`,
      JSON.stringify({ access_token: hs256, token_type: 'Bearer' }),
      `<input value="${hs256}">`,
      `token is ${hs256}.`,
    ]) {
      expect(findTokens(carrier)).toEqual([{ text: hs256, index: carrier.indexOf(hs256) }]);
    }
  });

  it('finds several tokens per value, of every kind, in order', () => {
    const { rs256, es256, eddsa, unsecured, jwe, nested } = tokens;
    const body = JSON.stringify({ a: rs256, b: [es256, eddsa], c: `${unsecured} ${jwe}`, d: nested });
    expect(texts(body)).toEqual([rs256, es256, eddsa, unsecured, jwe, nested]);
    expect(texts(`${rs256},${es256}`)).toEqual([rs256, es256]);
  });

  it('returns truncated and damaged tokens that start with a JOSE header', () => {
    const cut = `${HS256_HEADER}...`;
    expect(texts(`Authorization: Bearer ${cut}`)).toEqual([cut]);
    expect(texts('copied eyJhbGciOi\u2026 from the log')).toEqual(['eyJhbGciOi\u2026']);
    expect(texts(`x ${HS256_HEADER}.eyJzdWIi\u2026 y`)).toEqual([`${HS256_HEADER}.eyJzdWIi\u2026`]);
    expect(texts(`t=${HS256_HEADER}.eyJzdWIiOiIxIn0`)).toEqual([`${HS256_HEADER}.eyJzdWIiOiIxIn0`]);
    expect(texts('eyJhbGciOi... and eyJhbGc...')).toEqual(['eyJhbGciOi...']);
    for (const found of texts(`${cut} eyJhbGciOi\u2026`)) expect(parseToken(found).kind).toBe('malformed');
  });

  it('ends a token at the first character outside base64url and dots', () => {
    const [header, payload] = tokens.hs256.split('.');
    expect(texts(`${header}.${payload}+rest.sig`)).toEqual([`${header}.${payload}`]);
  });

  it('ignores random base64, eyJ junk and non-JOSE JSON', () => {
    const junk = [
      'eyJ',
      'eyJeyJeyJ.eyJ.eyJ',
      `${b64('{"foo":1,"bar":2}')}.${b64('{"alg":"HS256"}')}x.c2ln`,
      `${b64('{"kty":"RSA","n":"x"}')}.e30.c2ln`,
      b64(JSON.stringify({ alg: 'HS256' })),
      `{"protected":"${HS256_HEADER}","payload":"e30","signature":"c2ln"}`,
      `data:application/json;base64,${Buffer.from('{"alg":"x"}{').toString('base64')}`,
      'eyJhbGciOiJIUzI1NiJ9', // a header alone is not a token
      'aGVsbG8gd29ybGQ.eyJzdWIiOiIxIn0.c2ln',
    ];
    for (const text of junk) expect(texts(text)).toEqual([]);
  });

  it('never throws on arbitrary text and only returns text that was there', () => {
    const tokenish = fc.constantFrom(
      'eyJ',
      'eyJhbGciOi',
      HS256_HEADER,
      '.',
      '...',
      '\u2026',
      ' ',
      '+',
      'e30',
    );
    const input = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.array(tokenish).map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(input, (text) => {
        for (const found of findTokens(text)) {
          expect(text.slice(found.index, found.index + found.text.length)).toBe(found.text);
          expect(found.text.startsWith('eyJ')).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('finishes a megabyte of eyJ in well under a second', () => {
    const text = 'eyJ'.repeat(350_000);
    const start = performance.now();
    expect(findTokens(text)).toEqual([]);
    expect(performance.now() - start).toBeLessThan(1000);
  });

  // Unloaded, each takes 5–150 ms; a quadratic scan would take minutes. The bound leaves room for a
  // busy CI machine without letting a quadratic regression through.
  it.each([
    ['eyJ. repeated', 'eyJ.'],
    ['cut headers', 'eyJhbGciOi...'],
    ['ellipses', 'eyJhbGciOi\u2026'],
    ['headers and dots', `${HS256_HEADER}.`],
    ['spaced headers', 'eyJhbGciOiJIUzI1NiJ9 '],
    ['two-segment tokens', `${HS256_HEADER}.e30 `],
  ])('is linear on a megabyte of %s', (_name, unit) => {
    const text = unit.repeat(Math.ceil(1_000_000 / unit.length));
    const start = performance.now();
    findTokens(text);
    expect(performance.now() - start).toBeLessThan(5000);
  });
});
