import { describe, expect, it } from 'vitest';
import { checkRefreshTokenExposed } from '../../../../src/core/rules/context/refresh-token-exposed';
import { checkTokenResponseCacheable } from '../../../../src/core/rules/context/token-response-cacheable';
import { checkTokenThirdPartyLeak } from '../../../../src/core/rules/context/token-third-party-leak';
import { ctx, record, sighting, token } from './records';

const tokenResponse = (responseCacheControl: string, status = 200) =>
  sighting({
    where: 'response-body',
    name: '$.access_token',
    method: 'POST',
    url: 'https://id.example.test/token',
    status,
    responseCacheControl,
  });

describe('token-response-cacheable', () => {
  it('fires when the token response has no Cache-Control', () => {
    const [hit] = checkTokenResponseCacheable(ctx(record(token(), [tokenResponse('')])));
    expect(hit?.detail).toBe(
      'returned in 1 request (POST https://id.example.test/token → 200) with no Cache-Control header, not no-store',
    );
  });

  it('fires when Cache-Control is present but not no-store', () => {
    const [hit] = checkTokenResponseCacheable(
      ctx(record(token(), [tokenResponse('no-cache, pragma: no-cache')])),
    );
    expect(hit?.detail).toContain('with Cache-Control "no-cache, pragma: no-cache", not no-store');
  });

  it('does not fire with no-store, on errors, or for request-side sightings', () => {
    const r = record(token(), [
      tokenResponse('private, no-store'),
      tokenResponse('', 400),
      sighting({ responseCacheControl: undefined }),
    ]);
    expect(checkTokenResponseCacheable(ctx(r))).toEqual([]);
  });
});

describe('refresh-token-exposed', () => {
  it('fires for a refresh token in a JSON body, and says when exp is missing', () => {
    const r = record(token({ sub: 'a' }), [tokenResponse('no-store')], 'refresh');
    const [hit] = checkRefreshTokenExposed(ctx(r));
    expect(hit?.detail).toBe(
      'refresh token handled by page scripts (response body $.access_token) in 1 request; has no exp claim, so it never expires on its own',
    );
  });

  it('fires for a refresh cookie without HttpOnly', () => {
    const cookie = sighting({ where: 'set-cookie', name: 'rt', cookie: { httpOnly: false, secure: true } });
    const [hit] = checkRefreshTokenExposed(ctx(record(token({ exp: 2e9 }), [cookie], 'refresh')));
    expect(hit?.detail).toBe('refresh token kept in cookie "rt" without HttpOnly');
  });

  it('does not fire for an HttpOnly refresh cookie with exp, nor for other purposes', () => {
    const cookie = sighting({ where: 'set-cookie', name: 'rt', cookie: { httpOnly: true, secure: true } });
    expect(checkRefreshTokenExposed(ctx(record(token({ exp: 2e9 }), [cookie], 'refresh')))).toEqual([]);
    expect(checkRefreshTokenExposed(ctx(record(token({}), [tokenResponse('')], 'access')))).toEqual([]);
  });

  it('makes no claim-based statement about a malformed token', () => {
    const cookie = sighting({ where: 'set-cookie', name: 'rt', cookie: { httpOnly: true, secure: true } });
    expect(
      checkRefreshTokenExposed(ctx(record(token(undefined, {}, 'malformed'), [cookie], 'refresh'))),
    ).toEqual([]);
  });
});

describe('token-third-party-leak', () => {
  const claims = { iss: 'https://id.example.test', aud: ['https://api.example.test', 'spa-client'] };
  const page = 'https://app.example.test';

  it('fires for a token sent to an analytics host in a request body', () => {
    const leak = sighting({
      where: 'request-body',
      name: '$.context.token',
      url: 'https://collect.tracker.test/v1/event',
      initiatorOrigin: page,
    });
    const [hit] = checkTokenThirdPartyLeak(
      ctx(record(token(claims), [sighting({ initiatorOrigin: page }), leak])),
    );
    expect(hit?.detail).toBe(
      "sent to collect.tracker.test in 1 request; that site is none of the token's own (example.test)",
    );
    expect(hit?.sightingIds).toEqual([leak.id]);
  });

  it('uses the co.uk-style heuristic and the page origin', () => {
    const ok = sighting({ url: 'https://api.shop.co.uk/x', initiatorOrigin: 'https://www.shop.co.uk' });
    const bad = sighting({
      name: 'Referer',
      url: 'https://cdn.other.co.uk/x.js',
      initiatorOrigin: 'https://www.shop.co.uk',
    });
    const [hit] = checkTokenThirdPartyLeak(ctx(record(token({ sub: 'a' }), [ok, bad])));
    expect(hit?.detail).toContain('sent to cdn.other.co.uk');
    expect(hit?.sightingIds).toEqual([bad.id]);
  });

  it('does not fire for first-party traffic, cookies, or when nothing is known to compare with', () => {
    const first = sighting({ url: 'https://api.example.test/', initiatorOrigin: page });
    const cookie = sighting({
      where: 'request-cookie',
      name: 'c',
      url: 'https://other.test/',
      initiatorOrigin: page,
    });
    expect(checkTokenThirdPartyLeak(ctx(record(token(claims), [first, cookie])))).toEqual([]);
    expect(
      checkTokenThirdPartyLeak(ctx(record(token({ sub: 'a' }), [sighting({ url: 'https://x.test/' })]))),
    ).toEqual([]);
  });

  it("counts a nested JWT's inner iss and aud as its own sites", () => {
    const outer = token({}, { alg: 'RS256', cty: 'JWT' });
    delete outer.claims; // the payload is the inner token
    outer.nested = token(claims);
    const api = sighting({
      url: 'https://api.example.test/orders',
      initiatorOrigin: 'https://www.shop.test',
    });
    const inBody = sighting({ ...api, id: 'b:0', where: 'request-body', name: '$.token' });
    expect(checkTokenThirdPartyLeak(ctx(record(outer, [api, inBody])))).toEqual([]);
    // Without the inner claims, a copy in a body to a site other than the page's own is a leak.
    const bare = token({}, { alg: 'RS256', cty: 'JWT' });
    delete bare.claims;
    expect(checkTokenThirdPartyLeak(ctx(record(bare, [api, inBody])))).toHaveLength(1);
  });

  it('names no leak when a token with no site of its own is presented in headers to one API', () => {
    // A Supabase anon key ({"iss":"supabase","role":"anon"}): no iss or aud URL. A localhost app sends it
    // in `apikey` and `Authorization` to its hosted API: that is how it reaches the API it is for.
    const anon = token({ iss: 'supabase', role: 'anon' });
    const local = 'http://localhost:5173';
    const api = (name: string, host: string) =>
      sighting({ name, url: `https://${host}/rest/v1/notes`, initiatorOrigin: local });
    const own = [api('apikey', 'abc.supabase.co'), api('Authorization', 'abc.supabase.co')];
    expect(checkTokenThirdPartyLeak(ctx(record(anon, own)))).toEqual([]);
    // The same key in headers to a second site: one of them may be foreign, so low, saying why.
    const [hit] = checkTokenThirdPartyLeak(
      ctx(record(anon, [...own, api('Authorization', 'cdn.vendor.test')])),
    );
    expect(hit?.severity).toBe('low');
    expect(hit?.detail).toContain('names no site of its own');
    // A token that names its own sites gets no such allowance.
    const named = token({ iss: 'https://id.example.test', aud: 'https://api.example.test' });
    expect(
      checkTokenThirdPartyLeak(ctx(record(named, [api('Authorization', 'abc.supabase.co')]))),
    ).toHaveLength(1);
  });

  it('ignores the claims of a malformed token but still uses the page', () => {
    const t = token({ iss: 'https://tracker.test' }, {}, 'malformed');
    const s = sighting({
      where: 'request-body',
      name: '$.t',
      url: 'https://tracker.test/',
      initiatorOrigin: page,
    });
    expect(checkTokenThirdPartyLeak(ctx(record(t, [s])))).toHaveLength(1);
  });
});
