import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bearerError, isLoginRedirect, parseChallenges, verdictOf } from '../../../src/core/lifecycle';
import type { ExchangeFacts } from '../../../src/core/lifecycle/types';

const facts = (over: Partial<ExchangeFacts> = {}): ExchangeFacts => ({
  requestId: '1',
  kind: 'use',
  method: 'GET',
  url: 'https://api.example.test/v1/orders',
  status: 200,
  startedAt: '2025-03-14T09:00:00.000Z',
  ...over,
});

describe('verdictOf', () => {
  it('accepts 2xx and a redirect elsewhere than a login page', () => {
    expect(verdictOf(200, facts())).toEqual({ verdict: 'accepted', reason: 'HTTP 200' });
    expect(verdictOf(204, undefined)).toEqual({ verdict: 'accepted', reason: 'HTTP 204' });
    expect(verdictOf(302, facts({ location: '/dashboard' }))).toEqual({
      verdict: 'accepted',
      reason: 'HTTP 302',
    });
  });

  it('does not take a redirect to a login or authorization page, or one with no Location, for acceptance', () => {
    for (const location of [
      '/login?next=%2Forders',
      'https://id.example.test/signin',
      'https://op.example.test/oauth2/authorize?client_id=x',
      'https://op.example.test/x?response_type=code&client_id=x',
      '/account/log-in',
    ])
      expect(verdictOf(302, facts({ location })), location).toEqual({
        verdict: 'unknown',
        reason: 'HTTP 302 to a login page',
      });
    expect(verdictOf(302, facts())).toEqual({
      verdict: 'unknown',
      reason: 'HTTP 302 (no Location recorded)',
    });
    expect(isLoginRedirect('/loginhelp-articles')).toBe(false);
    expect(isLoginRedirect('https://app.test/blog/sign-in-tips')).toBe(false);
  });

  it('rejects 401 and 403 with the RFC 6750 error and description', () => {
    const challenge =
      'Bearer realm="api", error="invalid_token", error_description="The access token expired"';
    expect(verdictOf(401, facts({ status: 401, wwwAuthenticate: challenge }))).toEqual({
      verdict: 'rejected',
      reason: 'HTTP 401 invalid_token',
      error: 'invalid_token',
      errorDescription: 'The access token expired',
    });
    expect(
      verdictOf(403, facts({ wwwAuthenticate: 'Bearer error="insufficient_scope", scope="orders"' })),
    ).toEqual({
      verdict: 'rejected',
      reason: 'HTTP 403 insufficient_scope',
      error: 'insufficient_scope',
    });
    expect(verdictOf(401, undefined)).toEqual({ verdict: 'rejected', reason: 'HTTP 401' });
  });

  it("reads a token endpoint's invalid_grant as a rejection, its other errors as saying nothing of the token", () => {
    expect(verdictOf(400, facts({ kind: 'token', oauthError: 'invalid_grant' }))).toEqual({
      verdict: 'rejected',
      reason: 'HTTP 400 invalid_grant',
      error: 'invalid_grant',
    });
    expect(verdictOf(401, facts({ kind: 'token', oauthError: 'invalid_client' }))).toEqual({
      verdict: 'unknown',
      reason: 'HTTP 401 invalid_client',
    });
  });

  it('is unknown for no response, 5xx, other 4xx, CORS preflights and answers from a cache', () => {
    expect(verdictOf(0, facts())).toEqual({ verdict: 'unknown', reason: 'no response' });
    expect(verdictOf(503, facts())).toEqual({ verdict: 'unknown', reason: 'HTTP 503' });
    expect(verdictOf(404, facts())).toEqual({ verdict: 'unknown', reason: 'HTTP 404' });
    expect(verdictOf(400, undefined)).toEqual({ verdict: 'unknown', reason: 'HTTP 400' });
    expect(verdictOf(200, facts({ preflight: true }))).toEqual({
      verdict: 'unknown',
      reason: 'CORS preflight',
    });
    expect(verdictOf(200, facts({ fromCache: true }))).toEqual({
      verdict: 'unknown',
      reason: 'served from cache',
    });
    expect(verdictOf(304, undefined)).toEqual({ verdict: 'unknown', reason: 'served from cache' });
    expect(verdictOf(Number.NaN, undefined).verdict).toBe('unknown');
  });
});

describe('WWW-Authenticate (RFC 9110 §11.6.1, RFC 6750 §3)', () => {
  it('parses several challenges, quoted strings with escapes, commas and = inside quotes', () => {
    expect(
      parseChallenges(
        'Newauth realm="apps", type=1, title="Login to \\"apps\\", please", Basic realm="simple, a=b", Bearer error=invalid_token',
      ),
    ).toEqual([
      { scheme: 'Newauth', params: { realm: 'apps', type: '1', title: 'Login to "apps", please' } },
      { scheme: 'Basic', params: { realm: 'simple, a=b' } },
      { scheme: 'Bearer', params: { error: 'invalid_token' } },
    ]);
  });

  it('reads token68 credentials, bare schemes and odd spacing', () => {
    expect(parseChallenges('Negotiate abc123==, Bearer')).toEqual([
      { scheme: 'Negotiate', params: {}, token68: 'abc123==' },
      { scheme: 'Bearer', params: {} },
    ]);
    expect(parseChallenges('  Bearer   ERROR = "invalid_token" ,,  ')).toEqual([
      { scheme: 'Bearer', params: { error: 'invalid_token' } },
    ]);
  });

  it('takes the Bearer (or DPoP) error first, else any challenge with one', () => {
    expect(bearerError('Basic error="other", Bearer error="invalid_token"')).toEqual({
      error: 'invalid_token',
    });
    expect(bearerError('DPoP algs="ES256", error="use_dpop_nonce"')).toEqual({ error: 'use_dpop_nonce' });
    expect(bearerError('Custom error="expired"')).toEqual({ error: 'expired' });
    expect(bearerError('Bearer realm="x"')).toEqual({});
    expect(bearerError(undefined)).toEqual({});
    expect(bearerError('Bearer error="invalid_token", error_description="unterminated')).toEqual({
      error: 'invalid_token',
      errorDescription: 'unterminated',
    });
  });

  it('never throws and stays bounded on any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        const challenges = parseChallenges(text);
        expect(challenges.length).toBeLessThanOrEqual(32);
        for (const c of challenges) expect(Object.keys(c.params).length).toBeLessThanOrEqual(32);
        bearerError(text);
      }),
      { numRuns: 500 },
    );
    const huge = `Bearer ${'a="b", '.repeat(50_000)}`;
    expect(parseChallenges(huge)[0]?.scheme).toBe('Bearer');
  });
});
