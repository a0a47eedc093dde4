import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatDuration,
  formatExpiry,
  formatIssueTime,
  formatNumericDate,
} from '../../../src/panel/models/relative-time';

describe('formatExpiry', () => {
  const now = 1_000_000;
  it.each([
    [now + 240, 'expires in 4 min'],
    [now + 30, 'expires in 30 s'],
    [now - 7200, 'expired 2 h ago'],
    [now - 7260, 'expired 2 h ago'],
    [now - 3 * 86_400, 'expired 3 d ago'],
    [now + 36 * 3600, 'expires in 36 h'],
    [now, 'expired 0 s ago'],
  ])('exp %d → %s', (exp, text) => {
    expect(formatExpiry(exp, now)).toBe(text);
  });

  it('says "no expiry" when exp is missing or not a number', () => {
    expect(formatExpiry(null, now)).toBe('no expiry');
    expect(formatExpiry(Number.NaN, now)).toBe('no expiry');
  });

  it('always produces one of the two phrasings for any finite exp', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), (exp, at) => {
        expect(formatExpiry(exp, at)).toMatch(/^(expires in|expired) (\d+|over 9999) (s|min|h|d|y)( ago)?$/);
      }),
    );
  });
});

describe('formatDuration', () => {
  it('uses the largest unit that fits', () => {
    expect(formatDuration(59)).toBe('59 s');
    expect(formatDuration(60)).toBe('1 min');
    expect(formatDuration(3599)).toBe('59 min');
    expect(formatDuration(3600)).toBe('1 h');
    expect(formatDuration(172_800)).toBe('2 d');
    expect(formatDuration(3 * 31_557_600)).toBe('3 y');
    expect(formatDuration(1e300)).toBe('over 9999 y');
  });
});

describe('formatNumericDate', () => {
  it('gives ISO and local forms of a NumericDate', () => {
    const date = formatNumericDate(1_893_456_000);
    expect(date?.iso).toBe('2030-01-01T00:00:00.000Z');
    expect(date?.local).toBeTypeOf('string');
  });

  it('rejects values that are not dates', () => {
    for (const value of ['1700000000', null, {}, Number.POSITIVE_INFINITY, 1e13, true]) {
      expect(formatNumericDate(value)).toBeNull();
    }
  });
});

describe('formatIssueTime', () => {
  const now = 1_893_456_000 + 12 * 3600; // noon UTC: same local day as the hour before in any zone ±11 h
  it('shows the time of day with seconds on the same local day, else the date too', () => {
    const sameDay = now - 3600 + 7;
    expect(formatIssueTime(sameDay, now)).toBe(new Date(sameDay * 1000).toLocaleTimeString());
    const earlier = now - 3 * 86_400;
    expect(formatIssueTime(earlier, now)).toBe(new Date(earlier * 1000).toLocaleString());
  });

  it('is null without a usable iat, and never throws on any number', () => {
    expect(formatIssueTime(null, now)).toBeNull();
    expect(formatIssueTime(1e300, now)).toBeNull();
    fc.assert(
      fc.property(fc.double(), fc.integer(), (iat, at) => {
        const text = formatIssueTime(iat, at);
        expect(text === null || text.length > 0).toBe(true);
      }),
    );
  });
});
