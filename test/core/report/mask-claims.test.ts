import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isPiiClaimName,
  isPiiValue,
  maskClaims,
  mayBePiiShaped,
  PII_VALUE_PATTERNS,
} from '../../../src/core/report/mask-claims';

describe('maskClaims', () => {
  it('masks PII by claim name, by value shape and by known evidence, and reports what it masked', () => {
    const found = new Set<string>();
    const claims = {
      sub: 'user-1',
      email: 'bob@example.org',
      contact: { mobile: 15551234567, note: 'call +44 20 7946 0958' },
      backup: 'carol@example.net',
      employee: 'E-99812',
      address: { street_address: '10 Downing St', locality: 'London' },
      scope: 'read',
      exp: 1700000000,
    };
    const out = maskClaims(claims, new Set(['E-99812']), found) as Record<string, unknown>;
    expect(out).toEqual({
      sub: 'user-1',
      email: '…@ex…',
      contact: { mobile: '…', note: 'ca…' },
      backup: 'ca…@ex…',
      employee: 'E-…',
      address: { street_address: '10…', locality: 'Lo…' },
      scope: 'read',
      exp: 1700000000,
    });
    expect([...found].sort()).toEqual([
      '10 Downing St',
      '15551234567',
      'E-99812',
      'London',
      'bob@example.org',
      'call +44 20 7946 0958',
      'carol@example.net',
    ]);
  });

  it('masks PII deep inside a tree whose other branches it hands back uncopied', () => {
    const claims = JSON.parse('{"a": {"b": [1, "x"]}, "c": [{"d": "u-1"}, {"phone": "+44 20 7946 0958"}]}');
    const out = maskClaims(claims, new Set(), new Set()) as Record<string, unknown>;
    expect(JSON.stringify(out)).toBe('{"a":{"b":[1,"x"]},"c":[{"d":"u-1"},{"phone":"+4…"}]}');
    expect(out.a).toBe(claims.a);
    expect((out.c as unknown[])[0]).toBe(claims.c[0]);
    expect(claims.c[1].phone).toBe('+44 20 7946 0958');
    const clean = { sub: 'user-1', scope: ['read'] };
    expect(maskClaims(clean, new Set(), new Set())).toBe(clean);
  });

  it('keeps __proto__ keys as plain data', () => {
    const claims = JSON.parse('{"__proto__": {"email": "x@y.zz"}, "a": 1}');
    const out = maskClaims(claims, new Set(), new Set()) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.hasOwn(out, '__proto__')).toBe(true);
    expect(JSON.stringify(out)).toBe('{"__proto__":{"email":"…@…"},"a":1}');
  });

  it.each([
    ['email', true],
    ['Phone_Number', true],
    ['client_secret', true],
    ['user_password', true],
    ['src_ip', true],
    ['scope', false],
    ['exp', false],
    ['zip', false],
  ])('isPiiClaimName(%s) = %s', (name, expected) => {
    expect(isPiiClaimName(name)).toBe(expected);
  });

  it.each([
    ['a@b.co', true],
    ['+14155550123', true],
    ['(415) 555-0123', true],
    ['078-05-1120', true],
    ['4111 1111 1111 1111', true],
    ['DE89 3704 0044 0532 0130 00', true],
    ['192.168.0.1', true],
    ['2001:db8::1', true],
    ['mail me: a@b.co', true],
    ['read write', false],
    ['1700000000', false],
    ['https://id.example.com', false],
  ])('isPiiValue(%s) = %s', (value, expected) => {
    expect(isPiiValue(value)).toBe(expected);
  });

  it('never throws and never grows a value on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const found = new Set<string>();
        const out = maskClaims(value, new Set(), found);
        expect(JSON.stringify(out).length).toBeLessThanOrEqual(
          JSON.stringify(value).length + 64 * found.size + 8,
        );
      }),
    );
  });
});

describe('mayBePiiShaped', () => {
  it('never rules out a value that some PII value pattern matches', () => {
    for (const pattern of PII_VALUE_PATTERNS) {
      // fast-check generates from case-sensitive patterns only: a case-blind one is tried in both cases.
      const exact = new RegExp(pattern.source, pattern.flags.replace('i', ''));
      fc.assert(
        fc.property(fc.stringMatching(exact), fc.boolean(), (value, upper) => {
          const shaped = pattern.flags.includes('i') && upper ? value.toUpperCase() : value;
          expect(pattern.test(shaped)).toBe(true);
          expect(mayBePiiShaped(shaped)).toBe(true);
        }),
      );
    }
    fc.assert(
      fc.property(fc.string({ maxLength: 64 }), (value) => {
        if (PII_VALUE_PATTERNS.some((pattern) => pattern.test(value)))
          expect(mayBePiiShaped(value)).toBe(true);
      }),
    );
  });

  it('rules out the usual claim values', () => {
    for (const value of ['user-42', 'https://auth.example', 'read write', 'jti-1', 'api.example']) {
      expect(mayBePiiShaped(value)).toBe(false);
      expect(isPiiValue(value)).toBe(false);
    }
  });
});
