import { describe, expect, it } from 'vitest';
import { goodToken, hitOf, ids, NOW, run } from './helpers';

const H = 3600;
const D = 24 * H;

describe('exp-expired', () => {
  it('fires at exp == reference time (RFC 7519: on or after exp)', () => {
    expect(hitOf(run(goodToken({ exp: NOW })), 'exp-expired')?.detail).toBe(
      'exp is 0 s before the reference time (exp 2023-11-14T22:13:20Z, reference 2023-11-14T22:13:20Z).',
    );
  });

  it('uses the reference time passed to the rules', () => {
    const text = goodToken({ exp: NOW + 600 });
    expect(hitOf(run(text, { now: NOW + 2 * D + 3 * H }), 'exp-expired')?.detail).toContain(
      'exp is 2 d 2 h before',
    );
    expect(ids(run(text, { now: NOW }))).not.toContain('exp-expired');
  });

  it('does not fire for a non-numeric exp (time-claim-invalid does)', () => {
    const found = ids(run(goodToken({ exp: 'yesterday' })));
    expect(found).toContain('time-claim-invalid');
    expect(found).not.toContain('exp-expired');
  });
});

describe('lifetime-excessive', () => {
  it.each([
    [H, undefined],
    [H + 1, 'low'],
    [12 * H + 1, 'medium'],
    [24 * H + 1, 'high'],
    [31 * D, 'high'],
  ])('a lifetime of %i s is %s', (seconds, severity) => {
    const hit = hitOf(run(goodToken({ iat: NOW, exp: NOW + seconds })), 'lifetime-excessive');
    expect(hit?.severity).toBe(severity);
  });

  it('says when AAL1 (30 days) is exceeded', () => {
    const hit = hitOf(run(goodToken({ iat: NOW, exp: NOW + 31 * D })), 'lifetime-excessive');
    expect(hit?.detail).toBe(
      'Token lives 31 d (exp − iat), above the 1 d threshold; exceeds NIST AAL1 (30 d).',
    );
  });

  it('falls back to exp − nbf, then to the remaining validity', () => {
    const nbf = run(goodToken({ iat: undefined, nbf: NOW, exp: NOW + 2 * H }));
    expect(hitOf(nbf, 'lifetime-excessive')?.detail).toContain('lives 2 h (exp − nbf)');
    const rest = run(goodToken({ iat: undefined, exp: NOW + 13 * H }));
    expect(hitOf(rest, 'lifetime-excessive')?.detail).toContain(
      'lives 13 h (remaining validity, exp − reference time)',
    );
  });

  it('follows the policy tiers', () => {
    const lifetime = { low: 60, medium: 120, high: 180, aal1: 240 };
    const hit = hitOf(
      run(goodToken({ iat: NOW, exp: NOW + 150 }), { policy: { lifetime } }),
      'lifetime-excessive',
    );
    expect(hit?.severity).toBe('medium');
    expect(hit?.detail).toContain('above the 2 min threshold');
  });

  it('measures refresh tokens against refreshMaxLifetime instead', () => {
    const text = goodToken({ iat: NOW, exp: NOW + 60 * D });
    expect(ids(run(text, { purpose: 'refresh' }))).not.toContain('lifetime-excessive');
    const long = hitOf(
      run(goodToken({ iat: NOW, exp: NOW + 100 * D }), { purpose: 'refresh' }),
      'lifetime-excessive',
    );
    expect(long?.severity).toBe('medium');
    expect(long?.detail).toBe('Refresh token lives 100 d (exp − iat), above the absolute maximum of 90 d.');
  });

  it('stays quiet when the times are broken (time-claim-invalid reports them)', () => {
    expect(ids(run(goodToken({ iat: NOW, exp: NOW - 10 })))).not.toContain('lifetime-excessive');
  });
});

describe('time-claim-invalid', () => {
  it.each([
    [{ exp: '1700000600' }, 'exp is "1700000600" (a string), not a NumericDate'],
    [{ nbf: true }, 'nbf is true, not a NumericDate'],
    [{ iat: null }, 'iat is null, not a NumericDate'],
    [{ iat: { $date: 1 } }, 'iat is an object, not a NumericDate'],
    [{ iat: -5 }, 'iat is -5 (negative)'],
    [
      { exp: 1_700_000_600_000 },
      'exp is 1700000600000, which looks like milliseconds (NumericDate is seconds)',
    ],
    [{ exp: 1e300 }, 'exp is 1e+300, beyond any plausible date'],
    [{ iat: NOW, exp: NOW - 3600 }, 'exp is not after iat (1 h before it)'],
    [{ nbf: NOW + 700, exp: NOW + 600 }, 'nbf is not before exp (the token is never valid)'],
    [{ iat: NOW + 2 * H, exp: NOW + 3 * H }, 'iat is 2 h after the reference time'],
  ])('%o', (claims, detail) => {
    expect(hitOf(run(goodToken(claims)), 'time-claim-invalid')?.detail).toContain(detail);
  });

  it('tolerates 5 minutes of clock skew and fractional NumericDates', () => {
    expect(ids(run(goodToken({ iat: NOW + 240 })))).not.toContain('time-claim-invalid');
    expect(ids(run(goodToken({ iat: NOW - 0.5, exp: NOW + 599.25 })))).toEqual([]);
  });

  it('lists every problem in one hit', () => {
    const hits = run(goodToken({ exp: 'x', nbf: -1 })).filter((h) => h.ruleId === 'time-claim-invalid');
    expect(hits).toHaveLength(1);
    expect(hits[0]?.detail).toBe('exp is "x" (a string), not a NumericDate; nbf is -1 (negative).');
  });
});
