import { isLuhnValid } from './luhn';

/** Issuer prefixes (IIN ranges) and the lengths they use; the first match names the brand. */
const BRANDS: readonly { brand: string; prefix: RegExp; lengths: readonly number[] }[] = [
  { brand: 'Visa', prefix: /^4/, lengths: [13, 16, 19] },
  { brand: 'Mastercard', prefix: /^(5[1-5]|222[1-9]|22[3-9]\d|2[3-6]\d\d|27[01]\d|2720)/, lengths: [16] },
  { brand: 'American Express', prefix: /^3[47]/, lengths: [15] },
  { brand: 'Discover', prefix: /^(6011|64[4-9]|65)/, lengths: [16, 17, 18, 19] },
  { brand: 'Diners Club', prefix: /^(30[0-5]|3095|36|3[89])/, lengths: [14, 15, 16, 17, 18, 19] },
  { brand: 'JCB', prefix: /^35(2[89]|[3-8]\d)/, lengths: [16, 17, 18, 19] },
  { brand: 'UnionPay', prefix: /^62/, lengths: [16, 17, 18, 19] },
  { brand: 'Maestro', prefix: /^(5[06-9]|6\d)/, lengths: [12, 13, 14, 15, 16, 17, 18, 19] },
];

/**
 * The card brand when `text` (digits, optionally grouped by spaces or dashes) is a plausible payment
 * card number: 13–19 digits, a known issuer prefix with a length it uses, a Luhn-valid check digit, and
 * not one repeated digit. `undefined` otherwise.
 */
export function checkPaymentCard(text: string): string | undefined {
  const digits = text.replace(/[ -]/g, '');
  if (!/^\d{13,19}$/.test(digits) || /^(\d)\1+$/.test(digits)) return undefined;
  if (!isLuhnValid(digits)) return undefined;
  const match = BRANDS.find((b) => b.prefix.test(digits) && b.lengths.includes(digits.length));
  return match?.brand;
}
