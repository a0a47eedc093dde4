import { describe, expect, it } from 'vitest';
import { isValidIban } from '../../../../src/core/rules/pii/iban';
import { isLuhnValid } from '../../../../src/core/rules/pii/luhn';
import {
  checkNationalId,
  checkSpanishId,
  isValidAadhaar,
  isValidNhsNumber,
  isValidPesel,
} from '../../../../src/core/rules/pii/national-ids';
import { checkPaymentCard } from '../../../../src/core/rules/pii/payment-card';
import { isValidUsSsn } from '../../../../src/core/rules/pii/us-ssn';
import { isVerhoeffValid } from '../../../../src/core/rules/pii/verhoeff';

describe('isLuhnValid', () => {
  it.each([
    ['79927398713', true],
    ['79927398710', false],
    ['4111111111111111', true],
    ['4111111111111112', false],
    ['0', true],
    ['12a4', false],
    ['', false],
  ])('%s → %s', (digits, valid) => {
    expect(isLuhnValid(digits)).toBe(valid);
  });
});

describe('checkPaymentCard', () => {
  it.each([
    ['4111 1111 1111 1111', 'Visa'],
    ['4222222222222', 'Visa'],
    ['5555-5555-5555-4444', 'Mastercard'],
    ['2223003122003222', 'Mastercard'],
    ['378282246310005', 'American Express'],
    ['6011111111111117', 'Discover'],
    ['3530111333300000', 'JCB'],
    ['30569309025904', 'Diners Club'],
    ['6200000000000005', 'UnionPay'],
  ])('%s is a %s card', (number, brand) => {
    expect(checkPaymentCard(number)).toBe(brand);
  });

  it.each([
    ['4111 1111 1111 1112', 'Luhn fails'],
    ['1234567812345670', 'no issuer uses prefix 1 (ms timestamps look like this)'],
    ['0000000000000000', 'one repeated digit'],
    ['41111111111', 'too short'],
    ['37828224631000', 'Amex prefix with the wrong length'],
  ])('%s is not a card: %s', (number) => {
    expect(checkPaymentCard(number)).toBeUndefined();
  });
});

describe('isValidIban', () => {
  it.each([
    'GB82 WEST 1234 5698 7654 32',
    'DE89370400440532013000',
    'fr1420041010050500013m02606',
    'NO9386011117947',
  ])('%s is valid', (iban) => {
    expect(isValidIban(iban)).toBe(true);
  });

  it.each([
    ['GB82 WEST 1234 5698 7654 33', 'mod-97 fails'],
    ['GB82 WEST 1234 5698 7654', 'wrong length for GB'],
    ['ZZ82WEST12345698765432', 'unknown country'],
    ['DE8937040044053201300X', 'letters where DE has digits still fail mod-97'],
    ['', 'empty'],
  ])('%s is invalid: %s', (iban) => {
    expect(isValidIban(iban)).toBe(false);
  });
});

describe('isValidUsSsn', () => {
  it.each(['536-90-4399', '536 90 4399'])('%s is plausible', (ssn) => {
    expect(isValidUsSsn(ssn)).toBe(true);
  });

  it.each([
    ['536904399', 'undelimited without a hint'],
    ['536-90 4399', 'mismatched delimiters'],
    ['000-12-3456', 'area 000'],
    ['666-12-3456', 'area 666'],
    ['912-12-3456', 'area 9xx (ITIN range, never issued as SSN)'],
    ['536-00-4399', 'group 00'],
    ['536-90-0000', 'serial 0000'],
    ['111-11-1111', 'one repeated digit'],
    ['123-45-6789', 'published sample'],
    ['078-05-1120', 'the Woolworth wallet card'],
    ['987-65-4320', 'sample range 98765432x'],
  ])('%s is rejected: %s', (ssn) => {
    expect(isValidUsSsn(ssn)).toBe(false);
  });

  it('accepts undelimited numbers when the claim is named like an SSN', () => {
    expect(isValidUsSsn('536904399', true)).toBe(true);
    expect(isValidUsSsn('666904399', true)).toBe(false);
  });
});

describe('national ids', () => {
  it('UK NHS number: mod-11', () => {
    expect(isValidNhsNumber('9434765919')).toBe(true);
    expect(isValidNhsNumber('9434765918')).toBe(false);
    expect(isValidNhsNumber('1111111111')).toBe(false);
  });

  it('Spanish NIF and NIE: check letter', () => {
    expect(checkSpanishId('12345678Z')).toBe('Spanish NIF');
    expect(checkSpanishId('12345678A')).toBeUndefined();
    expect(checkSpanishId('X1234567L')).toBe('Spanish NIE');
    expect(checkSpanishId('X1234567A')).toBeUndefined();
    expect(checkSpanishId('X12345678L')).toBeUndefined();
  });

  it('Polish PESEL: checksum and birth date', () => {
    expect(isValidPesel('44051401359')).toBe(true);
    expect(isValidPesel('44051401358')).toBe(false);
    expect(isValidPesel('44133001350')).toBe(false);
  });

  it('Indian Aadhaar: Verhoeff, first digit 2–9, not a palindrome', () => {
    expect(isVerhoeffValid('2363')).toBe(true);
    expect(isVerhoeffValid('2364')).toBe(false);
    expect(isValidAadhaar('234567890127')).toBe(true);
    expect(isValidAadhaar('234567890128')).toBe(false);
    expect(isValidAadhaar('134567890127')).toBe(false);
  });

  it('bare digit strings need grouping or a hint', () => {
    expect(checkNationalId('943 476 5919', false)).toBe('UK NHS number');
    expect(checkNationalId('9434765919', false)).toBeUndefined();
    expect(checkNationalId('9434765919', true)).toBe('UK NHS number');
    expect(checkNationalId('2345 6789 0127', false)).toBe('Indian Aadhaar');
    expect(checkNationalId('234567890127', false)).toBeUndefined();
    expect(checkNationalId('44051401359', false)).toBeUndefined();
    expect(checkNationalId('44051401359', true)).toBe('Polish PESEL');
    expect(checkNationalId('x1234567l', false)).toBe('Spanish NIE');
  });
});
