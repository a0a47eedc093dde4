import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  harCookieAttributes,
  harRequestCookieAttributes,
  parseCookieHeader,
  parseSetCookie,
  splitSetCookie,
} from '../../../src/core/capture/cookies';

describe('parseSetCookie', () => {
  it('reads attributes case-insensitively and ignores unknown ones', () => {
    expect(
      parseSetCookie('__Secure-id=v=1; secure; HTTPONLY; samesite=None; max-age=abc; Priority=High'),
    ).toEqual({
      name: '__Secure-id',
      value: 'v=1',
      attributes: { httpOnly: true, secure: true, sameSite: 'none', prefix: '__Secure-' },
    });
  });

  it('rejects a line with no cookie pair', () => {
    expect(parseSetCookie('Secure; HttpOnly')).toBeNull();
  });

  it('does not take a differently-cased prefix as a prefix', () => {
    expect(parseSetCookie('__host-x=1')?.attributes.prefix).toBeUndefined();
  });
});

describe('parseCookieHeader / harCookieAttributes', () => {
  it('splits a Cookie header', () => {
    expect(parseCookieHeader('a=1; b = 2;junk; c=')).toEqual([
      { name: 'a', value: '1' },
      { name: 'b', value: '2' },
      { name: 'c', value: '' },
    ]);
  });

  it('only reports HAR flags that were recorded', () => {
    expect(harCookieAttributes({ name: 'a', value: '1' })).toBeUndefined();
    expect(
      harCookieAttributes({ name: '__Host-a', value: '1', secure: true, sameSite: 'Strict', path: '/' }),
    ).toEqual({
      httpOnly: false,
      secure: true,
      sameSite: 'strict',
      path: '/',
      prefix: '__Host-',
    });
  });
});

describe('harRequestCookieAttributes', () => {
  it('takes request cookie flags only with the domain a cookie jar records', () => {
    expect(
      harRequestCookieAttributes({ name: 'a', value: '1', httpOnly: false, secure: false }),
    ).toBeUndefined();
    expect(harRequestCookieAttributes({ name: 'a', value: '1', domain: '', httpOnly: true })).toBeUndefined();
    expect(
      harRequestCookieAttributes({ name: 'a', value: '1', domain: '.example.test', secure: true }),
    ).toEqual({
      httpOnly: false,
      secure: true,
      domain: '.example.test',
    });
  });
});

describe('splitSetCookie', () => {
  it('splits lines joined by newlines (Firefox) or commas (HTTP Toolkit), not the comma of a date', () => {
    expect(splitSetCookie('a=1; Path=/\nb=2')).toEqual(['a=1; Path=/', 'b=2']);
    expect(splitSetCookie('a=1; Expires=Wed, 21 Oct 2026 07:28:00 GMT; Path=/,b=2; Secure, c=3')).toEqual([
      'a=1; Expires=Wed, 21 Oct 2026 07:28:00 GMT; Path=/',
      'b=2; Secure',
      ' c=3',
    ]);
    expect(splitSetCookie('a=1; Expires=Wed, 21-Oct-2026 07:28:00 GMT')).toEqual([
      'a=1; Expires=Wed, 21-Oct-2026 07:28:00 GMT',
    ]);
  });

  const name = fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/);
  const value = fc.stringMatching(/^[A-Za-z0-9._-]{0,40}$/);
  const date = fc
    .date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true })
    .map((d) => d.toUTCString());
  const attributes = fc.array(
    fc.oneof(
      fc.constantFrom('Path=/', 'Secure', 'HttpOnly', 'SameSite=Lax', 'Max-Age=60', 'Domain=example.test'),
      date.map((d) => `Expires=${d}`),
    ),
    { maxLength: 4 },
  );
  const line = fc.tuple(name, value, attributes).map(([n, v, a]) => [`${n}=${v}`, ...a].join('; '));

  it('gives back each line of a comma- or newline-joined header (property)', () => {
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 1, maxLength: 5 }),
        fc.constantFrom(',', '\n', ', '),
        (lines, sep) => {
          const split = splitSetCookie(lines.join(sep)).map((l) => l.trim());
          expect(split).toEqual(lines);
        },
      ),
    );
  });

  it('never throws and drops only the one separator character between lines (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const parts = splitSetCookie(text);
        expect(parts.join('').length).toBe(text.length - (parts.length - 1));
      }),
    );
  });
});
