import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { goodToken, hitOf, ids, NOW, run, sighting } from './helpers';

const H = 3600;
const D = 24 * H;

/** A request that presented the token at `at` (epoch seconds). */
const usedAt = (at: number, id = `r${at}`) =>
  sighting({ id, requestId: id, startedAt: new Date(at * 1000).toISOString() });
const pasted = sighting({ id: 'paste-1:0', where: 'input', name: 'pasted', url: '', startedAt: '' });

describe('exp-expired', () => {
  it('judges a token seen in traffic at its request times, not at the reference time', () => {
    const text = goodToken({ iat: NOW - 60, exp: NOW + 300 });
    // Used while valid, scanned two days later: not expired.
    const later = { sightings: [usedAt(NOW), usedAt(NOW + 200)], now: NOW + 2 * D };
    expect(ids(run(text, later))).not.toContain('exp-expired');
    // Used 10 minutes after exp: expired, at that request's time, whatever the reference time.
    const late = run(text, { sightings: [usedAt(NOW), usedAt(NOW + 900, 'r-late')], now: NOW - D });
    const hit = hitOf(late, 'exp-expired');
    expect(hit?.detail).toBe(
      'Used at 2023-11-14T22:28:20Z, 10 min after it expired at 2023-11-14T22:18:20Z (request time). 1 of 2 sightings came after expiry.',
    );
    expect(hit?.evidence).toEqual([
      { label: 'exp', value: String(NOW + 300) },
      { label: 'clock', value: 'request time' },
    ]);
    expect(hit?.sightingIds).toEqual(['r-late']);
  });

  it('forgives a minute of clock skew (EXPIRY_LEEWAY_SECONDS)', () => {
    const text = goodToken({ exp: NOW });
    expect(ids(run(text, { sightings: [usedAt(NOW + 60)], now: NOW + D }))).not.toContain('exp-expired');
    expect(ids(run(text, { sightings: [usedAt(NOW + 61)], now: NOW + D }))).toContain('exp-expired');
    expect(ids(run(text, { now: NOW + 60 }))).not.toContain('exp-expired');
    expect(ids(run(text, { now: NOW + 61 }))).toContain('exp-expired');
  });

  it("forgives the policy's clockSkewSeconds instead when set (one skew with the lifecycle rules)", () => {
    const text = goodToken({ exp: NOW });
    const late = { sightings: [usedAt(NOW + 90)], now: NOW + D };
    expect(ids(run(text, late))).toContain('exp-expired');
    expect(ids(run(text, { ...late, policy: { clockSkewSeconds: 120 } }))).not.toContain('exp-expired');
    const strict = { sightings: [usedAt(NOW + 5)], now: NOW + D, policy: { clockSkewSeconds: 0 } };
    expect(ids(run(text, strict))).toContain('exp-expired');
  });

  it('says "seen" for a token that was only delivered to the client after its exp', () => {
    const response = sighting({
      where: 'response-body',
      name: '$.access_token',
      startedAt: '2023-11-15T00:00:00Z',
    });
    const hit = hitOf(run(goodToken(), { sightings: [response], now: NOW }), 'exp-expired');
    expect(hit?.detail).toMatch(
      /^Seen at 2023-11-15T00:00:00Z, 1 h 36 min after it expired at .* \(request time\)\.$/,
    );
  });

  it('judges a token found in web storage at the time of the scan, and says so', () => {
    const stored = sighting({
      where: 'storage',
      name: 'localStorage["token"]',
      startedAt: '2023-11-15T00:00:00Z',
    });
    const hit = hitOf(run(goodToken(), { sightings: [stored], now: NOW + 30 * D }), 'exp-expired');
    expect(hit?.detail).toMatch(
      /^Seen at 2023-11-15T00:00:00Z, 1 h 36 min after .* \(storage scan time\)\.$/,
    );
    expect(hit?.evidence?.[1]).toEqual({ label: 'clock', value: 'storage scan time' });
    expect(
      ids(run(goodToken(), { sightings: [{ ...stored, startedAt: '2023-11-14T22:14:00Z' }], now: NOW + D })),
    ).not.toContain('exp-expired');
  });

  it('judges a token with no request time (pasted, a token list, no sightings) at the reference time', () => {
    const text = goodToken({ exp: NOW + 600 });
    for (const sightings of [
      [],
      [pasted],
      [sighting({ startedAt: '' })],
      [sighting({ startedAt: 'yesterday' })],
    ]) {
      const hit = hitOf(run(text, { sightings, now: NOW + 2 * D + 3 * H }), 'exp-expired');
      expect(hit?.detail).toBe(
        'Expired at 2023-11-14T22:23:20Z, 2 d 2 h before 2023-11-17T01:13:20Z (reference time, no request time known).',
      );
      expect(hit?.evidence?.[1]).toEqual({ label: 'clock', value: 'reference time' });
      expect(ids(run(text, { sightings, now: NOW }))).not.toContain('exp-expired');
    }
  });

  it('prefers a request time as evidence when a token was also pasted, and names only the late sightings', () => {
    const text = goodToken({ exp: NOW + 600 });
    const hit = hitOf(
      run(text, { sightings: [pasted, usedAt(NOW + 4000, 'late')], now: NOW + D }),
      'exp-expired',
    );
    expect(hit?.evidence?.[1]?.value).toBe('request time');
    expect(hit?.sightingIds).toEqual(['paste-1:0', 'late']);
    const valid = hitOf(run(text, { sightings: [pasted, usedAt(NOW)], now: NOW + D }), 'exp-expired');
    expect(valid?.evidence?.[1]?.value).toBe('reference time');
    expect(valid?.sightingIds).toEqual(['paste-1:0']);
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
    const rest = hitOf(run(goodToken({ iat: undefined, exp: NOW + 13 * H })), 'lifetime-excessive');
    expect(rest?.detail).toContain('lives 13 h (remaining validity, exp − reference time)');
    expect(rest?.evidence).toEqual([{ label: 'clock', value: 'reference time' }]);
  });

  it('measures the remaining validity from the first sighting, not from a later reference time', () => {
    const text = goodToken({ iat: undefined, exp: NOW + 2 * H });
    const hits = run(text, { sightings: [usedAt(NOW + H), usedAt(NOW)], now: NOW + 90 * 60 });
    const hit = hitOf(hits, 'lifetime-excessive');
    expect(hit?.detail).toBe(
      'Token lives 2 h (remaining validity when first seen, exp − request time), above the 1 h threshold.',
    );
    expect(hit?.evidence).toEqual([{ label: 'clock', value: 'request time' }]);
    expect(ids(run(text, { sightings: [usedAt(NOW + H)], now: NOW }))).not.toContain('lifetime-excessive');
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
    [
      { iat: NOW + 2 * H, exp: NOW + 3 * H },
      'iat is 2 h after 2023-11-14T22:13:20Z (reference time, no request time known)',
    ],
  ])('%o', (claims, detail) => {
    expect(hitOf(run(goodToken(claims)), 'time-claim-invalid')?.detail).toContain(detail);
  });

  it('judges iat against the first request that carried the token, not the reference time', () => {
    const text = goodToken({ iat: NOW + D, exp: NOW + D + 600 });
    // Scanned with a reference time a day before the traffic (`--now` in the past): nothing wrong.
    expect(ids(run(text, { sightings: [usedAt(NOW + D + 10)], now: NOW }))).not.toContain(
      'time-claim-invalid',
    );
    const early = hitOf(
      run(text, { sightings: [usedAt(NOW + D - H)], now: NOW + 2 * D }),
      'time-claim-invalid',
    );
    expect(early?.detail).toBe('iat is 1 h after it was first used at 2023-11-15T21:13:20Z (request time).');
    expect(early?.evidence).toEqual([{ label: 'clock', value: 'request time' }]);
  });

  it('reports a token used before its nbf, beyond 5 minutes of skew', () => {
    const text = goodToken({ nbf: NOW + H, exp: NOW + 2 * H });
    const early = hitOf(run(text, { sightings: [usedAt(NOW)], now: NOW + D }), 'time-claim-invalid');
    expect(early?.detail).toBe(
      'nbf is 1 h after it was first used at 2023-11-14T22:13:20Z (request time): used before it was valid.',
    );
    expect(ids(run(text, { sightings: [usedAt(NOW + H - 240)], now: NOW }))).not.toContain(
      'time-claim-invalid',
    );
    // Issued for later and only delivered so far (a token response): not used early.
    const issued = sighting({
      where: 'response-body',
      name: '$.access_token',
      startedAt: '2023-11-14T22:13:20Z',
    });
    expect(ids(run(text, { sightings: [issued], now: NOW }))).not.toContain('time-claim-invalid');
    // Pasted: judged at the reference time.
    expect(hitOf(run(text, { sightings: [pasted], now: NOW }), 'time-claim-invalid')?.detail).toBe(
      'nbf is 1 h after 2023-11-14T22:13:20Z (reference time, no request time known): used before it was valid.',
    );
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

describe('the clock of time findings (property)', () => {
  const times = fc.integer({ min: NOW - 10 * D, max: NOW + 10 * D });
  const sightings = fc.array(
    fc.record({
      where: fc.constantFrom('request-header', 'response-body', 'input', 'storage' as const),
      startedAt: fc.oneof(
        fc.constantFrom('', 'not a date'),
        times.map((t) => new Date(t * 1000).toISOString()),
      ),
    }),
    { maxLength: 4 },
  );

  it('exp-expired fires exactly when a sighting (at its request time, else at now) is past exp + 60 s', () => {
    fc.assert(
      fc.property(times, times, sightings, (exp, now, seen) => {
        const list = seen.map((s, i) => sighting({ ...s, id: String(i), name: 'n' }));
        const hit = hitOf(run(goodToken({ iat: exp - 600, exp }), { sightings: list, now }), 'exp-expired');
        const moment = (s: (typeof seen)[number]) =>
          s.where === 'input' || !Number.isFinite(Date.parse(s.startedAt))
            ? now
            : Date.parse(s.startedAt) / 1000;
        const moments = seen.length > 0 ? seen.map(moment) : [now];
        expect(hit !== undefined).toBe(moments.some((t) => t - exp > 60));
        if (hit)
          expect(['request time', 'storage scan time', 'reference time']).toContain(hit.evidence?.[1]?.value);
      }),
      { numRuns: 300 },
    );
  });
});
