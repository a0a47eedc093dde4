import { describe, expect, it } from 'vitest';
import { CAPTURE_RULES, CONTEXT_RULES } from '../../../../src/core/rules/context';
import { checkAlgConfusionIndicator } from '../../../../src/core/rules/context/alg-confusion-indicator';
import { checkAudMissingMultiHost } from '../../../../src/core/rules/context/aud-missing-multi-host';
import { checkRefreshTokenReused } from '../../../../src/core/rules/context/refresh-token-reused';
import { LIFECYCLE_RULES } from '../../../../src/core/rules/lifecycle';
import { checkAlgNoneAccepted } from '../../../../src/core/rules/lifecycle/alg-none-accepted';
import { checkExpExpiredAccepted } from '../../../../src/core/rules/lifecycle/exp-expired-accepted';
import { formatDuration } from '../../../../src/core/rules/token/format-duration';
import { parseToken } from '../../../../src/core/token/parse-token';
import { record, sighting, TEST_POLICY, token } from './records';

const NOW = Date.parse('2025-03-14T12:00:00Z') / 1000;

describe('formatDuration', () => {
  it('formats durations', () => {
    expect([formatDuration(5), formatDuration(125), formatDuration(7500), formatDuration(90000)]).toEqual([
      '5 s',
      '2 min 5 s',
      '2 h 5 min',
      '1 d 1 h',
    ]);
  });
});

describe('refresh-token-reused', () => {
  const use = (requestId: string, status = 200) =>
    sighting({
      where: 'request-body',
      name: 'refresh_token',
      method: 'POST',
      url: 'https://id.example.test/token',
      requestId,
      status,
    });

  it('fires when one refresh token is accepted twice', () => {
    const [hit] = checkRefreshTokenReused(
      [record(token(), [use('1'), use('9')], 'refresh')],
      TEST_POLICY,
      NOW,
    );
    expect(hit?.detail).toBe(
      'the same refresh token was accepted in 2 requests (POST https://id.example.test/token → 200 first): it is not rotated on use',
    );
  });

  it('counts a refresh cookie only when sent to a token endpoint', () => {
    const cookieUse = (url: string, requestId: string) =>
      sighting({ where: 'request-cookie', name: 'rt', url, requestId });
    const apiOnly = [
      cookieUse('https://api.example.test/orders', '1'),
      cookieUse('https://api.example.test/cart', '2'),
      // Paths that merely contain the word are no token endpoint (the demo's GET /api/debug-tokens).
      cookieUse('https://api.example.test/api/debug-tokens', '5'),
      cookieUse('https://api.example.test/authors?q=token', '6'),
    ];
    expect(checkRefreshTokenReused([record(token(), apiOnly, 'refresh')], TEST_POLICY, NOW)).toEqual([]);
    const refreshes = [
      cookieUse('https://app.example.test/auth/refresh', '3'),
      cookieUse('https://app.example.test/oauth2/token', '4'),
    ];
    expect(checkRefreshTokenReused([record(token(), refreshes, 'refresh')], TEST_POLICY, NOW)).toHaveLength(
      1,
    );
  });

  it('does not fire for one use, a rejected reuse (rotation works), or an access token', () => {
    const records = [
      record(token(), [use('1')], 'refresh'),
      record(token(), [use('1'), use('2', 400)], 'refresh'),
      record(token(), [use('1'), use('2')], 'access'),
    ];
    expect(checkRefreshTokenReused(records, TEST_POLICY, NOW)).toEqual([]);
  });
});

describe('alg-confusion-indicator', () => {
  const iss = 'https://id.example.test';

  it('flags each HS token of an issuer that also uses RS/ES', () => {
    const hs = token({ iss }, { alg: 'HS256' });
    const records = [
      record(hs, []),
      record(token({ iss }, { alg: 'RS256' }), []),
      record(token({ iss }, { alg: 'ES256' }), []),
    ];
    const hits = checkAlgConfusionIndicator(records, TEST_POLICY, NOW);
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ ruleId: 'alg-confusion-indicator', fingerprint: hs.fingerprint });
    expect(hits[0]?.detail).toBe(
      'issuer "https://id.example.test" signs this token with HS256 but 2 other token(s) with RS256 and ES256: a verifier that accepts both may take the public key as an HMAC secret',
    );
  });

  it('does not fire for one family per issuer or across issuers', () => {
    const records = [
      record(token({ iss }, { alg: 'RS256' }), []),
      record(token({ iss }, { alg: 'PS256' }), []),
      record(token({ iss: 'https://other.test' }, { alg: 'HS256' }), []),
      record(token({}, { alg: 'HS256' }), []),
    ];
    expect(checkAlgConfusionIndicator(records, TEST_POLICY, NOW)).toEqual([]);
  });
});

describe('aud-missing escalation', () => {
  it('fires high when a token without aud is presented to two hosts', () => {
    const t = token({ sub: 'a' });
    const r = record(t, [
      sighting({ url: 'https://a.example.test/' }),
      sighting({ url: 'https://b.example.test/' }),
    ]);
    const [hit] = checkAudMissingMultiHost([r], TEST_POLICY, NOW);
    expect(hit).toMatchObject({ ruleId: 'aud-missing', severity: 'high', fingerprint: t.fingerprint });
    expect(hit?.detail).toBe(
      'no aud claim, and the same token was presented to 2 hosts (a.example.test and b.example.test): any of them can replay it at the others',
    );
  });

  it('fires for a token broken only in its signature, whose claims decoded', () => {
    const body = `${Buffer.from('{"alg":"ES256"}').toString('base64url')}.${Buffer.from('{"sub":"a"}').toString('base64url')}`;
    const r = record(parseToken(`${body}.AAAA\u2026`), [
      sighting({ url: 'https://a.example.test/' }),
      sighting({ url: 'https://b.example.test/' }),
    ]);
    expect(checkAudMissingMultiHost([r], TEST_POLICY, NOW).map((h) => h.ruleId)).toEqual(['aud-missing']);
    const cut = record(parseToken(`${body.slice(0, -3)}\u2026`), r.sightings);
    expect(checkAudMissingMultiHost([cut], TEST_POLICY, NOW)).toEqual([]);
  });

  it('does not fire with aud present, one host, or a malformed token', () => {
    const two = () => [sighting({ url: 'https://a.test/' }), sighting({ url: 'https://b.test/' })];
    const records = [
      record(token({ aud: 'x' }), two()),
      record(token({}), [sighting(), sighting()]),
      record(token(undefined, {}, 'malformed'), two()),
    ];
    expect(checkAudMissingMultiHost(records, TEST_POLICY, NOW)).toEqual([]);
  });
});

describe('rule lists', () => {
  it('export every context and capture rule', () => {
    expect(CONTEXT_RULES).toHaveLength(8);
    expect(CAPTURE_RULES).toHaveLength(3);
  });

  it('run the accepted escalations on the lifecycle model, not as capture rules', () => {
    expect(LIFECYCLE_RULES).toEqual(expect.arrayContaining([checkAlgNoneAccepted, checkExpExpiredAccepted]));
    expect(CAPTURE_RULES).not.toContain(checkAlgNoneAccepted);
  });
});
