import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findEmails } from '../../../../src/core/rules/pii/email';
import { isIpClaimName } from '../../../../src/core/rules/pii/find-pii-values';
import { checkIpAddress } from '../../../../src/core/rules/pii/ip-address';
import { findE164Phones } from '../../../../src/core/rules/pii/phone';

describe('findEmails', () => {
  it.each([
    ['jane.doe@example.org', ['jane.doe@example.org']],
    ['write to a+b@mail.example.co.uk.', ['a+b@mail.example.co.uk']],
    ['x@y.co, z@w.io', ['x@y.co', 'z@w.io']],
    ['user@localhost', []],
    ['.a@example.com', []],
    ['a..b@example.com', []],
    ['a@-example.com', []],
    ['a@example.c0m', []],
    ['@@@', []],
  ])('%s → %o', (text, found) => {
    expect(findEmails(text)).toEqual(found);
  });

  it('stays fast on hostile input', () => {
    const start = performance.now();
    findEmails(`${'a'.repeat(30_000)}@${'b'.repeat(30_000)}`);
    findEmails('@'.repeat(60_000));
    expect(performance.now() - start).toBeLessThan(500);
  });
});

describe('findE164Phones', () => {
  it.each([
    ['+14155552671', ['+14155552671']],
    ['call +44 20 7946 0958 today', ['+44 20 7946 0958']],
    ['tel:+14155552671', ['+14155552671']],
    ['+1 (415) 555-2671', ['+1 (415) 555-2671']],
    ['+1234567', []],
    ['+1234567890123456', []],
    ['abc+14155552671', []],
    ['base64+14155552671x', []],
    ['+11111111111', []],
  ])('%s → %o', (text, found) => {
    expect(findE164Phones(text)).toEqual(found);
  });
});

describe('checkIpAddress', () => {
  it.each([
    ['203.0.113.7', 'IPv4'],
    ['255.255.255.255', 'IPv4'],
    ['2001:db8::1', 'IPv6'],
    ['::ffff:192.0.2.1', 'IPv6'],
    ['256.1.1.1', undefined],
    ['01.2.3.4', undefined],
    ['1.2.3', undefined],
    ['2001:db8:::1', undefined],
    ['gggg::1', undefined],
  ])('%s → %s', (text, kind) => {
    expect(checkIpAddress(text)).toBe(kind);
  });

  it.each([
    ['ip', true],
    ['client_ip', true],
    ['clientIp', true],
    ['ipAddress', true],
    ['remote-ip-v4', true],
    ['recipient', false],
    ['zip', false],
    ['description', false],
  ])('claim name %s looks like an IP claim: %s', (name, expected) => {
    expect(isIpClaimName(name)).toBe(expected);
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        checkIpAddress(s);
        findE164Phones(s);
        findEmails(s);
      }),
    );
  });
});
