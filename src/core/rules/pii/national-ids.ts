import { isVerhoeffValid } from './verhoeff';

/** A recognised national identifier: which scheme it matched. */
export type NationalIdScheme =
  | 'UK NHS number'
  | 'Spanish NIF'
  | 'Spanish NIE'
  | 'Polish PESEL'
  | 'Indian Aadhaar';

/** UK NHS number: 10 digits, weights 10…2, check = 11 − (sum mod 11); 11 → 0, 10 is never issued. */
export function isValidNhsNumber(digits: string): boolean {
  if (!/^\d{10}$/.test(digits) || /^(\d)\1+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (digits.charCodeAt(i) - 48) * (10 - i);
  const check = (11 - (sum % 11)) % 11;
  return check !== 10 && check === digits.charCodeAt(9) - 48;
}

const NIF_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';

/** Spanish DNI/NIF (`12345678Z`) or NIE (`X1234567L`): the letter is the number mod 23 in a fixed table. */
export function checkSpanishId(text: string): 'Spanish NIF' | 'Spanish NIE' | undefined {
  const id = text.toUpperCase();
  const m = /^([XYZ]?)(\d{7,8})([A-Z])$/.exec(id);
  if (!m) return undefined;
  const [, prefix = '', number = '', letter] = m;
  if (prefix === '' ? number.length !== 8 : number.length !== 7) return undefined;
  // NIE letters stand for a leading digit: X = 0, Y = 1, Z = 2.
  const value = Number((prefix ? String('XYZ'.indexOf(prefix)) : '') + number);
  if (NIF_LETTERS[value % 23] !== letter) return undefined;
  return prefix === '' ? 'Spanish NIF' : 'Spanish NIE';
}

/** PESEL month field encodes the century: +80 for 1800s, +0 1900s, +20 2000s, +40 2100s, +60 2200s. */
function peselDateValid(digits: string): boolean {
  const yy = Number(digits.slice(0, 2));
  const mm = Number(digits.slice(2, 4));
  const dd = Number(digits.slice(4, 6));
  const century = [1900, 2000, 2100, 2200, 1800][Math.floor(mm / 20)];
  const month = mm % 20;
  if (century === undefined || month < 1 || month > 12) return false;
  const days = new Date(Date.UTC(century + yy, month, 0)).getUTCDate();
  return dd >= 1 && dd <= days;
}

/** Polish PESEL: 11 digits, a valid birth date, weights 1-3-7-9 and check = (10 − sum mod 10) mod 10. */
export function isValidPesel(digits: string): boolean {
  if (!/^\d{11}$/.test(digits) || !peselDateValid(digits)) return false;
  const weights = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += (digits.charCodeAt(i) - 48) * (weights[i] ?? 0);
  return (10 - (sum % 10)) % 10 === digits.charCodeAt(10) - 48;
}

/** Indian Aadhaar: 12 digits, first digit 2–9, Verhoeff-valid, and not a palindrome (Presidio's rules). */
export function isValidAadhaar(digits: string): boolean {
  if (!/^[2-9]\d{11}$/.test(digits)) return false;
  if (digits === Array.from(digits).reverse().join('')) return false;
  return isVerhoeffValid(digits);
}

/**
 * The national-id scheme `text` matches, if any. Pure digit strings (NHS, Aadhaar) collide with ordinary
 * ids, so they need either their usual grouping (`943 476 5919`, `2345 6789 0124`) or a claim name that
 * says what they are (`hint`: the claim name mentions nhs / aadhaar / pesel / national id). PESEL has no
 * customary grouping, so it always needs the hint.
 */
export function checkNationalId(text: string, hint: boolean): NationalIdScheme | undefined {
  const spanish = checkSpanishId(text);
  if (spanish) return spanish;
  const nhsGrouped = /^\d{3}[ -]\d{3}[ -]\d{4}$/.test(text);
  if ((nhsGrouped || (hint && /^\d{10}$/.test(text))) && isValidNhsNumber(text.replace(/[ -]/g, ''))) {
    return 'UK NHS number';
  }
  if (hint && isValidPesel(text)) return 'Polish PESEL';
  const aadhaarGrouped = /^\d{4}[ -]\d{4}[ -]\d{4}$/.test(text);
  if ((aadhaarGrouped || (hint && /^\d{12}$/.test(text))) && isValidAadhaar(text.replace(/[ -]/g, ''))) {
    return 'Indian Aadhaar';
  }
  return undefined;
}
