import { describe, expect, it } from 'vitest';
import { checkCookieHttpOnly } from '../../../../src/core/rules/context/cookie-no-httponly';
import { checkCookieSecure } from '../../../../src/core/rules/context/cookie-no-secure';
import { checkCookieSameSite } from '../../../../src/core/rules/context/cookie-samesite-weak';
import type { CookieAttributes, Sighting } from '../../../../src/core/types';
import { ctx, record, sighting, token } from './records';

const setCookie = (name: string, cookie: CookieAttributes): Sighting =>
  sighting({
    where: 'set-cookie',
    name,
    cookie,
    url: 'https://app.example.test/login',
    responseCacheControl: '',
  });

const STRONG: CookieAttributes = {
  httpOnly: true,
  secure: true,
  sameSite: 'lax',
  path: '/',
  prefix: '__Host-',
};

describe('cookie-no-httponly', () => {
  it('fires with the cookie name and attributes as evidence, never the value', () => {
    const r = record(token(), [
      setCookie('session', { httpOnly: false, secure: true, sameSite: 'lax', path: '/' }),
    ]);
    const [hit] = checkCookieHttpOnly(ctx(r));
    expect(hit).toMatchObject({
      ruleId: 'cookie-no-httponly',
      detail: 'cookie "session" set by app.example.test without HttpOnly: page scripts can read the token',
      evidence: [{ label: 'cookie', value: 'session; Secure; SameSite=lax; Path=/' }],
    });
  });

  it('fires for a request cookie the HAR recorded as httpOnly:false', () => {
    const r = record(token(), [
      sighting({ where: 'request-cookie', name: 'at', cookie: { httpOnly: false, secure: true } }),
    ]);
    expect(checkCookieHttpOnly(ctx(r))[0]?.detail).toBe(
      'cookie "at" sent to api.example.test without HttpOnly: page scripts can read the token',
    );
  });

  it('does not fire for HttpOnly cookies or cookies without recorded flags', () => {
    const r = record(token(), [
      setCookie('__Host-s', STRONG),
      sighting({ where: 'request-cookie', name: 's' }),
    ]);
    expect(checkCookieHttpOnly(ctx(r))).toEqual([]);
  });
});

describe('cookie-no-secure', () => {
  it('is medium without Secure', () => {
    const [hit] = checkCookieSecure(
      ctx(record(token(), [setCookie('s', { httpOnly: true, secure: false })])),
    );
    expect(hit).toMatchObject({ ruleId: 'cookie-no-secure', severity: 'medium' });
    expect(hit?.detail).toContain('without Secure');
  });

  it.each(['http://localhost:3000/login', 'http://127.0.0.1/login', 'http://[::1]/login'])(
    'is low without Secure on a loopback host (%s), as transport-cleartext',
    (url) => {
      const cookie = { ...setCookie('s', { httpOnly: true, secure: false }), url };
      const [hit] = checkCookieSecure(ctx(record(token(), [cookie])));
      expect(hit).toMatchObject({ ruleId: 'cookie-no-secure', severity: 'low' });
      expect(hit?.detail).toMatch(/over plain http \(loopback only\)$/);
      const mixed = [cookie, setCookie('s', { httpOnly: true, secure: false })];
      expect(checkCookieSecure(ctx(record(token(), mixed)))[0]?.severity).toBe('medium');
    },
  );

  it('is low when Secure but without a prefix', () => {
    const [hit] = checkCookieSecure(ctx(record(token(), [setCookie('s', { httpOnly: true, secure: true })])));
    expect(hit).toMatchObject({ severity: 'low' });
    expect(hit?.detail).toContain('without a __Host- or __Secure- name prefix');
  });

  it('does not fire for a Secure prefixed cookie', () => {
    expect(checkCookieSecure(ctx(record(token(), [setCookie('__Host-s', STRONG)])))).toEqual([]);
  });
});

describe('cookie-samesite-weak', () => {
  it.each([
    [{ httpOnly: true, secure: true }, 'no SameSite'],
    [{ httpOnly: true, secure: true, sameSite: 'none' }, 'SameSite=None'],
    [
      { httpOnly: true, secure: true, sameSite: 'bogus' },
      'an unrecognised SameSite=bogus (treated as absent)',
    ],
  ])('fires for %j', (cookie, reason) => {
    const [hit] = checkCookieSameSite(ctx(record(token(), [setCookie('s', cookie)])));
    expect(hit?.detail).toBe(
      `cookie "s" set by app.example.test with ${reason}: sent on cross-site requests`,
    );
  });

  it('does not fire for Lax/Strict, nor for a HAR request cookie that merely omits SameSite', () => {
    const r = record(token(), [
      setCookie('a', STRONG),
      setCookie('b', { ...STRONG, sameSite: 'strict' }),
      sighting({ where: 'request-cookie', name: 'c', cookie: { httpOnly: true, secure: true } }),
    ]);
    expect(checkCookieSameSite(ctx(r))).toEqual([]);
  });

  it('fires for a HAR request cookie recorded with SameSite=None', () => {
    const cookie = { httpOnly: true, secure: true, sameSite: 'none' };
    expect(
      checkCookieSameSite(ctx(record(token(), [sighting({ where: 'request-cookie', name: 'c', cookie })]))),
    ).toHaveLength(1);
  });
});
