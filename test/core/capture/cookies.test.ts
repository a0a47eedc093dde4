import { describe, expect, it } from 'vitest';
import { harCookieAttributes, parseCookieHeader, parseSetCookie } from '../../../src/core/capture/cookies';

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
