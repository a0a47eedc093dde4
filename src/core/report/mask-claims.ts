import { memoByName } from '../rules/pii/name-memo';
import { mapEntriesUnlessSame, mapUnlessSame } from './map-unless-same';
import { maskValue } from './redact';

/**
 * Claim names whose values are personal or secret (OIDC Core §5.1 End-User claims, plus the secret-like
 * names RULES.md's `secret-in-payload` looks for). Matched on the lower-cased name anywhere in the tree.
 */
const PII_NAMES = new Set([
  'name',
  'given_name',
  'family_name',
  'middle_name',
  'nickname',
  'preferred_username',
  'profile',
  'picture',
  'website',
  'email',
  'emails',
  'gender',
  'birthdate',
  'phone_number',
  'address',
  'upn',
  'unique_name',
]);
const PII_NAME_PATTERN =
  /pass(word|wd)?$|^pwd$|secret|api_?key|private_?key|^otp|totp|ssn|iban|phone|mobile|e_?mail|birth|street|postal|(^|_)ip(_|$|addr)/i;

/**
 * Value shapes that are personal whatever the claim is called. Deliberately generous: masking an
 * innocent value costs a reader little, leaking a real one breaks the report's promise.
 */
export const PII_VALUE_PATTERNS: readonly RegExp[] = [
  /^[^\s@]+@[^\s@]+\.[^\s@]+$/, // e-mail
  /^\+[0-9][0-9 ().-]{6,}$/, // E.164-ish phone
  /^\(?[0-9]{3}\)?[ .-][0-9]{3}[ .-][0-9]{4}$/, // NANP phone
  /^[0-9]{3}-[0-9]{2}-[0-9]{4}$/, // US SSN
  /^(?:[0-9]{4}[ -]?){3}[0-9]{1,7}$/, // payment card
  /^[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?$/, // IBAN
  /^(?:[0-9]{1,3}\.){3}[0-9]{1,3}$/, // IPv4
  /^[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}$/i, // IPv6
];

/** Personal data inside longer free text (`"call me on +44 20 7946 0958"`). */
// Bounded quantifiers: an unbounded `[^\s@]+@` retried at every offset is quadratic on long claim values.
const EMAIL_INSIDE = /[^\s@]{1,64}@[^\s@]{1,255}\.[a-z]{2,}/i;
const PHONE_INSIDE = /\+[0-9][0-9 ().-]{7,20}[0-9]/;

/**
 * True when a claim with this name holds personal or secret data. Memoised: every token of a capture
 * repeats the same few claim names.
 */
export const isPiiClaimName = memoByName((name: string): boolean => {
  const lower = name.toLowerCase();
  return PII_NAMES.has(lower) || PII_NAME_PATTERN.test(lower);
});

/** A first character one of `PII_VALUE_PATTERNS` may begin with (all but e-mail and IPv6). */
const PII_VALUE_START = /^[0-9+(A-Z]/;
const IPV6_START = /^[0-9a-f:]/i;

/**
 * False only for a value no pattern of `PII_VALUE_PATTERNS` can match, found without running them:
 * each pattern is anchored at the start and begins with a digit, `+`, `(` or an upper-case letter, or
 * needs an `@` (e-mail), or begins with a hex digit or `:` and needs a `:` (IPv6). Most claim values
 * (`user-42`, `https://…`, `read write`) fail all of these.
 */
export function mayBePiiShaped(value: string): boolean {
  return (
    PII_VALUE_START.test(value) || value.includes('@') || (IPV6_START.test(value) && value.includes(':'))
  );
}

/** True when a string looks like personal data whatever its claim name. */
export function isPiiValue(value: string): boolean {
  if (
    value.length <= 64 &&
    mayBePiiShaped(value) &&
    PII_VALUE_PATTERNS.some((pattern) => pattern.test(value))
  )
    return true;
  return (
    (value.includes('@') && EMAIL_INSIDE.test(value)) || (value.includes('+') && PHONE_INSIDE.test(value))
  );
}

/**
 * A claims tree with personal values masked; a branch without any is the input's own, not a copy (the
 * result is read-only). Strings equal to a value in `known` (evidence a rule flagged) are masked too. Every unmasked value that was masked is added to `found`, so the caller
 * can scrub the same values from free text elsewhere in the report.
 */
export function maskClaims(
  value: unknown,
  known: ReadonlySet<string>,
  found: Set<string>,
  underPii = false,
  depth = 0,
): unknown {
  // Parsed claims are bounded by the parser; the depth cap only protects hand-built input.
  if (depth > 64) return '…';
  if (typeof value === 'string') {
    if (underPii || known.has(value) || isPiiValue(value)) {
      found.add(value);
      return maskValue(value);
    }
    return value;
  }
  if (typeof value === 'number' && underPii) {
    found.add(String(value));
    return '…';
  }
  if (Array.isArray(value))
    return mapUnlessSame(value, (item) => maskClaims(item, known, found, underPii, depth + 1));
  if (value !== null && typeof value === 'object') {
    return mapEntriesUnlessSame(
      value,
      (key) => key,
      (item, key) => maskClaims(item, known, found, underPii || isPiiClaimName(key), depth + 1),
    );
  }
  return value;
}
