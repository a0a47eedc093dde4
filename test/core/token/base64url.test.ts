import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64Url, decodeBase64UrlText, encodeBase64Url } from '../../../src/core/token/base64url';

describe('base64url', () => {
  it('round-trips any bytes and agrees with Buffer', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const text = encodeBase64Url(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64url'));
        expect(decodeBase64Url(text)).toEqual({ ok: true, bytes, canonical: true });
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    ['ab+c', "character '+' at offset 2 is not base64url", 2],
    ['ab/c', "character '/' at offset 2 is not base64url", 2],
    ['YQ==', "character '=' at offset 2 is not base64url (padding is not allowed)", 2],
    ['YW Jj', 'character U+0020 at offset 2 is not base64url', 2],
    ['YWJj\n', 'character U+000A at offset 4 is not base64url', 4],
    ['YWJ\u00e9', 'character U+00E9 at offset 3 is not base64url', 3],
    ['\u{1F600}', 'character U+1F600 at offset 0 is not base64url', 0],
    ['YWJjZ', 'length 5 is not a valid base64url length', 4],
  ])('rejects %j', (text, error, offset) => {
    expect(decodeBase64Url(text)).toEqual({ ok: false, error, offset });
  });

  it('flags non-canonical trailing bits', () => {
    expect(decodeBase64Url('YR')).toMatchObject({
      ok: true,
      canonical: false,
      bytes: new Uint8Array([0x61]),
    });
    expect(decodeBase64Url('YWJ')).toMatchObject({ ok: true, canonical: false });
    expect(decodeBase64Url('YWI')).toMatchObject({ ok: true, canonical: true });
  });

  it('decodes the empty string to no bytes', () => {
    expect(decodeBase64Url('')).toEqual({ ok: true, bytes: new Uint8Array(0), canonical: true });
  });

  it('never throws and rejects exactly what Buffer would not round-trip', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        const result = decodeBase64Url(text);
        const strict = /^[A-Za-z0-9_-]*$/.test(text) && text.length % 4 !== 1;
        expect(result.ok).toBe(strict);
        if (result.ok) expect(result.bytes).toEqual(new Uint8Array(Buffer.from(text, 'base64url')));
      }),
      { numRuns: 500 },
    );
  });

  it('decodes to UTF-8 text, ASCII or not, and agrees with TextDecoder', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (text) => {
        const encoded = encodeBase64Url(new TextEncoder().encode(text));
        expect(decodeBase64UrlText(encoded)).toEqual({ ok: true, text, canonical: true });
      }),
      { numRuns: 500 },
    );
  });

  it('returns null text for bytes that are not UTF-8, and the same errors as the byte decoder', () => {
    expect(decodeBase64UrlText(encodeBase64Url(new Uint8Array([0x61, 0xff])))).toEqual({
      ok: true,
      text: null,
      canonical: true,
    });
    expect(decodeBase64UrlText('YQ==')).toEqual(decodeBase64Url('YQ=='));
    expect(decodeBase64UrlText('YWJjZ')).toEqual(decodeBase64Url('YWJjZ'));
    expect(decodeBase64UrlText('YR')).toEqual({ ok: true, text: 'a', canonical: false });
  });

  it('accepts in the text decoder exactly what the strict byte decoder accepts', () => {
    const unit = fc.constantFrom(
      'A',
      'b',
      '9',
      '-',
      '_',
      '+',
      '/',
      '=',
      ' ',
      '\t',
      '\n',
      '\u00e9',
      '\u2026',
      '.',
      '%',
    );
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 24 }), (units) => {
        const text = units.join('');
        const bytes = decodeBase64Url(text);
        const decoded = decodeBase64UrlText(text);
        expect(decoded.ok).toBe(bytes.ok);
        if (!bytes.ok) expect(decoded).toEqual(bytes);
        else if (decoded.ok) expect(decoded.canonical).toBe(bytes.canonical);
      }),
      { numRuns: 3000 },
    );
  });
});
