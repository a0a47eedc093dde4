import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { captureEntry } from '../../../src/core/capture';
import type { CaptureResult, Sighting } from '../../../src/core/types';
import { fakeJwt, makeEntry } from './har-builders';

const T = fakeJwt({ sub: 'alice', iss: 'https://id.example.test' });
/** The cookie domain Chrome records on every request cookie it exports. */
const D = 'api.example.test';
const T2 = fakeJwt({ sub: 'bob' }, { alg: 'RS256', kid: 'k1' });

/** The (where, name) pairs of the sightings of token `text`. */
function places(result: CaptureResult, text = T): string[] {
  return result.sightings.filter((s) => s.tokenText === text).map((s) => `${s.where} ${s.name}`);
}

function only(result: CaptureResult): Sighting {
  expect(result.sightings).toHaveLength(1);
  return result.sightings[0] as Sighting;
}

describe('captureEntry: request headers', () => {
  it.each([
    ['Authorization', `Bearer ${T}`],
    ['Authorization', `JWT ${T}`],
    ['Authorization', `DPoP ${T}`],
    ['Authorization', `CustomScheme realm=x, token=${T}`],
    ['X-Auth-Token', T],
    ['DPoP', T],
  ])('finds a token in %s: %s', (name, value) => {
    const result = captureEntry(makeEntry({ requestHeaders: [{ name, value }] }), '0');
    expect(places(result)).toEqual([`request-header ${name}`]);
  });

  it('spells HTTP/2 lower-case header names the usual way and skips pseudo-headers', () => {
    const entry = makeEntry({
      url: `https://api.example.test/x?access_token=${T}`,
      requestHeaders: [
        { name: ':path', value: `/x?access_token=${T}` },
        { name: 'authorization', value: `Bearer ${T}` },
        { name: 'x-auth-token', value: T },
        { name: 'dpop', value: T },
      ],
    });
    expect(places(captureEntry(entry, '0')).sort()).toEqual([
      'query access_token',
      'request-header Authorization',
      'request-header DPoP',
      'request-header X-Auth-Token',
    ]);
  });

  it('records the full context of a sighting', () => {
    const entry = makeEntry({
      method: 'POST',
      url: 'http://api.example.test/orders',
      status: 201,
      startedDateTime: '2025-03-14T09:30:00.000Z',
      requestHeaders: [
        { name: 'Authorization', value: `Bearer ${T}` },
        { name: 'Origin', value: 'https://App.example.test' },
      ],
    });
    expect(only(captureEntry(entry, '7'))).toEqual({
      id: '7:0',
      tokenText: T,
      where: 'request-header',
      name: 'Authorization',
      url: 'http://api.example.test/orders',
      method: 'POST',
      status: 201,
      scheme: 'http',
      startedAt: '2025-03-14T09:30:00.000Z',
      requestId: '7',
      initiatorOrigin: 'https://app.example.test',
    });
  });

  it('takes the initiator from Referer when there is no Origin, else from the page', () => {
    const headers = [
      { name: 'Authorization', value: `Bearer ${T}` },
      { name: 'Referer', value: 'https://app.example.test/home?x=1' },
    ];
    expect(only(captureEntry(makeEntry({ requestHeaders: headers }), '0')).initiatorOrigin).toBe(
      'https://app.example.test',
    );
    const bare = makeEntry({ requestHeaders: [{ name: 'Authorization', value: `Bearer ${T}` }] });
    expect(only(captureEntry(bare, '0', 'https://page.example.test')).initiatorOrigin).toBe(
      'https://page.example.test',
    );
    expect(only(captureEntry(bare, '0')).initiatorOrigin).toBeUndefined();
  });

  it('reports a token inside a Referer URL as the Referer header', () => {
    const entry = makeEntry({
      requestHeaders: [{ name: 'Referer', value: `https://app.example.test/cb#id_token=${T}` }],
    });
    expect(places(captureEntry(entry, '0'))).toEqual(['request-header Referer']);
  });

  it('finds several tokens in one value and dedupes identical sightings', () => {
    const entry = makeEntry({
      requestHeaders: [
        { name: 'X-Tokens', value: `${T} ${T2}` },
        { name: 'X-Tokens', value: T },
      ],
    });
    const result = captureEntry(entry, '3');
    expect(result.sightings.map((s) => [s.id, s.tokenText])).toEqual([
      ['3:0', T],
      ['3:1', T2],
    ]);
  });

  it('ignores headers without tokens', () => {
    const entry = makeEntry({ requestHeaders: [{ name: 'Accept', value: 'application/json' }] });
    expect(captureEntry(entry, '0').sightings).toEqual([]);
  });
});

describe('captureEntry: cookies', () => {
  it('reads the Cookie header and request.cookies[] once, keeping recorded flags', () => {
    const entry = makeEntry({
      requestHeaders: [{ name: 'Cookie', value: `theme=dark; session=${T}` }],
      requestCookies: [
        { name: 'session', value: T, domain: D, httpOnly: false, secure: true, sameSite: 'Lax' },
      ],
    });
    const s = only(captureEntry(entry, '0'));
    expect([s.where, s.name]).toEqual(['request-cookie', 'session']);
    expect(s.cookie).toEqual({ httpOnly: false, secure: true, sameSite: 'lax', domain: D });
  });

  it('takes no flags from a request cookie recorded without its domain (a proxy saw only the header)', () => {
    // mitmproxy's former har_dump wrote httpOnly/secure false on every request cookie: not evidence.
    const entry = makeEntry({
      requestHeaders: [{ name: 'Cookie', value: `session=${T}` }],
      requestCookies: [{ name: 'session', value: T, httpOnly: false, secure: false }],
    });
    expect(only(captureEntry(entry, '0')).cookie).toBeUndefined();
    const onlyInList = makeEntry({
      requestCookies: [{ name: 'session', value: T, httpOnly: false, secure: false }],
    });
    expect(only(captureEntry(onlyInList, '0'))).toMatchObject({ where: 'request-cookie', name: 'session' });
    expect(only(captureEntry(onlyInList, '0')).cookie).toBeUndefined();
  });

  it('leaves request cookies without flags unannotated', () => {
    const entry = makeEntry({ requestHeaders: [{ name: 'cookie', value: `at=${T}` }] });
    expect(only(captureEntry(entry, '0')).cookie).toBeUndefined();
  });

  it('parses Set-Cookie attributes and the __Host- prefix', () => {
    const line = `__Host-at=${T}; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=3600; Expires=Fri, 14 Mar 2025 10:00:00 GMT`;
    const entry = makeEntry({ responseHeaders: [{ name: 'Set-Cookie', value: line }] });
    const s = only(captureEntry(entry, '0'));
    expect([s.where, s.name]).toEqual(['set-cookie', '__Host-at']);
    expect(s.cookie).toEqual({
      httpOnly: true,
      secure: true,
      sameSite: 'strict',
      path: '/',
      maxAge: 3600,
      expires: 'Fri, 14 Mar 2025 10:00:00 GMT',
      prefix: '__Host-',
    });
    expect(s.responseCacheControl).toBe('');
  });

  it('splits newline-joined Set-Cookie values and prefers header attributes over response.cookies[]', () => {
    const entry = makeEntry({
      responseHeaders: [
        { name: 'set-cookie', value: `a=${T}; Domain=example.test\n__Secure-b=${T2}; Secure` },
      ],
      responseCookies: [
        { name: 'a', value: T, httpOnly: true, secure: true },
        { name: 'c', value: T, httpOnly: false, secure: false },
      ],
    });
    const result = captureEntry(entry, '0');
    expect(
      result.sightings.map((s) => [s.name, s.cookie?.httpOnly, s.cookie?.secure, s.cookie?.prefix]),
    ).toEqual([
      ['a', false, false, undefined],
      ['__Secure-b', false, true, '__Secure-'],
      ['c', false, false, undefined],
    ]);
    expect(result.sightings[0]?.cookie?.domain).toBe('example.test');
  });

  it('uses response.cookies[] flags when the Set-Cookie header was not exported', () => {
    const entry = makeEntry({ responseCookies: [{ name: 'rt', value: T, httpOnly: true, secure: false }] });
    expect(only(captureEntry(entry, '0')).cookie).toEqual({ httpOnly: true, secure: false });
  });
});

describe('captureEntry: URLs', () => {
  it('finds URL-encoded query tokens, fragment parameters and path segments', () => {
    const url = `https://app.example.test/reset/${T2}/confirm?access%5Ftoken=${encodeURIComponent(T)}#id_token=${T}&state=1`;
    const result = captureEntry(makeEntry({ url }), '0');
    expect(places(result)).toEqual(['query access_token', 'fragment id_token']);
    expect(places(result, T2)).toEqual(['path /reset/{token}/confirm']);
  });

  it('names a bare fragment "#"', () => {
    expect(places(captureEntry(makeEntry({ url: `https://app.example.test/#${T}` }), '0'))).toEqual([
      'fragment #',
    ]);
  });

  it('finds redirect targets in Location and redirectURL', () => {
    const target = `https://app.example.test/cb?code=x&token=${T}`;
    const entry = makeEntry({
      status: 302,
      responseHeaders: [{ name: 'location', value: target }],
      redirectURL: target,
    });
    const s = only(captureEntry(entry, '0'));
    expect([s.where, s.name, s.status]).toEqual(['response-header', 'Location', 302]);
  });

  it('observes passwords in the query and in userinfo, masked, with a stripped URL', () => {
    const result = captureEntry(
      makeEntry({ url: 'http://bob:hunter2@api.example.test/login?user=bob&password=s3cret!&pwd=' }),
      '4',
    );
    expect(result.observations).toEqual([
      {
        kind: 'password-in-url',
        requestId: '4',
        url: 'http://api.example.test/login',
        scheme: 'http',
        name: 'password',
        masked: '*** (7 characters)',
        startedAt: '2025-03-14T09:00:00.000Z',
      },
      expect.objectContaining({ kind: 'password-in-url', name: 'userinfo', masked: '*** (7 characters)' }),
    ]);
    expect(JSON.stringify(result)).not.toContain('hunter2');
    expect(JSON.stringify(result)).not.toContain('s3cret');
  });
});

describe('captureEntry: request times', () => {
  const startedAt = (startedDateTime: string) =>
    only(
      captureEntry(
        makeEntry({ startedDateTime, requestHeaders: [{ name: 'Authorization', value: `Bearer ${T}` }] }),
        '0',
      ),
    ).startedAt;

  it('reads a time written without a zone as UTC, whatever the machine (Python isoformat of a naive time)', () => {
    expect(startedAt('2026-01-13T15:41:11.497000')).toBe('2026-01-13T15:41:11.497000Z');
    expect(Date.parse(startedAt('2026-01-13T15:41:11.497000'))).toBe(Date.UTC(2026, 0, 13, 15, 41, 11, 497));
    expect(startedAt('2026-01-13T15:41')).toBe('2026-01-13T15:41Z');
  });

  it.each([
    '2026-01-13T15:41:11.497Z',
    '2024-05-14T11:29:33.3166355+02:00',
    '2023-07-25T10:58:25.577252+00:00',
    '2023-03-29T16:58:59.303-07:00',
    '2026-01-13',
    '2026-01-13 15:41:11',
    'Tue, 13 Jan 2026 15:41:11 GMT',
    '',
  ])('keeps %j as written', (time) => {
    expect(startedAt(time)).toBe(time);
  });

  it('never throws, and only ever adds a Z to a time that had no zone (property)', () => {
    const isoish = fc
      .tuple(fc.date({ noInvalidDate: true }), fc.constantFrom('', 'Z', '+02:00', '.1234567'))
      .map(([d, tail]) => d.toISOString().slice(0, 19) + tail);
    fc.assert(
      fc.property(fc.oneof(fc.string(), isoish), (time) => {
        const at = startedAt(time);
        expect(at === time || (at === `${time}Z` && !Number.isNaN(Date.parse(at)))).toBe(true);
      }),
    );
  });
});
