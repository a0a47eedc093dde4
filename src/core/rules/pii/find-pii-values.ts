import type { PiiDetectors } from '../../types';
import { claimNameWords, normalizeClaimName } from './claim-name';
import { findEmails } from './email';
import { isValidIban } from './iban';
import { checkIpAddress } from './ip-address';
import { memoByName } from './name-memo';
import { checkNationalId } from './national-ids';
import { checkPaymentCard } from './payment-card';
import { findE164Phones } from './phone';
import { isValidUsSsn } from './us-ssn';
import type { JsonLeaf } from './walk-json';

/** A personal-data value found by pattern and checksum. */
export interface PiiValueMatch {
  path: string;
  /** What it is, for the finding detail: `e-mail address`, `Visa card number (Luhn-valid)`… */
  kind: string;
  /** The matching text (unmasked: callers mask it for evidence). */
  value: string;
}

/** Long strings are scanned only this far: PII in a claim sits near the start, and cost stays bounded. */
const MAX_SCAN = 4096;
const CARD = /(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])/g;
const IBAN = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b/g;
const SSN = /(?<![\d-])\d{3}[- ]?\d{2}[- ]?\d{4}(?![\d-])/g;
const IP_WORD = /^(ip|ipv4|ipv6|ipaddr|ipaddress|(client|remote|source|src|user|login|origin|last|real)ip)$/;
/**
 * A long run of base64/hex alphabet with no spaces: an opaque blob (nonce, hash, embedded data). Numbers
 * inside it are noise, not readable card or id numbers; a `+` in it is not a phone number; and scanning
 * such blobs dominated the audit's cost.
 */
const NOT_BLOB_CHAR = /[^\w+/=-]/;

/** Over 40 characters of that alphabet only. A search for an outsider beats an anchored `{41,}` match. */
function isOpaqueBlob(text: string): boolean {
  return text.length > 40 && !NOT_BLOB_CHAR.test(text);
}
const NATIONAL_HINT = /nhs|aadha?ar|pesel|nationalid|personalid|idnumber|^nin$|^dni$|^nif$|^nie$/;
const SSN_HINT = /ssn|socialsecurity/;

/** What the value recognizers need to know about a claim name, worked out once per distinct name. */
interface NameFacts {
  /** Named like an IP address (`ip`, `client_ip`, `ipAddress`), not merely containing "ip". */
  ip: boolean;
  /** The name says which national id it holds (allows undelimited numbers). */
  national: boolean;
  /** The name says it holds a US SSN (allows undelimited numbers). */
  ssn: boolean;
}

/** What the claim name says, worked out once per distinct name. */
const factsOf = memoByName((key): NameFacts => {
  const name = normalizeClaimName(key);
  return {
    ip: claimNameWords(key).some((w) => IP_WORD.test(w)),
    national: NATIONAL_HINT.test(name),
    ssn: SSN_HINT.test(name),
  };
});

/** Digits in `text`: every numeric recognizer needs at least 7, cards 12, so most strings stop here. */
function countDigits(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

/** Claims named like an IP address (`ip`, `client_ip`, `ipAddress`), not merely containing "ip". */
export function isIpClaimName(key: string): boolean {
  return factsOf(key).ip;
}

function scanText(leaf: JsonLeaf, text: string, on: PiiDetectors, out: PiiValueMatch[]): void {
  // No recognizer can match inside an opaque blob (no "@", ".", ":" or spaces): skip it in one pass.
  if (isOpaqueBlob(text)) return;
  const { path } = leaf;
  if (on.email && text.includes('@')) {
    for (const v of findEmails(text)) out.push({ path, kind: 'e-mail address', value: v });
  }
  if (on.phone)
    for (const v of findE164Phones(text)) out.push({ path, kind: 'phone number (E.164)', value: v });
  const facts = factsOf(leaf.key);
  if (on.ipAddress && facts.ip) {
    const ip = checkIpAddress(text.trim());
    if (ip) out.push({ path, kind: `${ip} address`, value: text.trim() });
  }
  const digits = countDigits(text);
  if (digits < 7) return;
  if (on.paymentCard && digits >= 12) {
    for (const [v] of text.matchAll(CARD)) {
      const brand = checkPaymentCard(v);
      if (brand) out.push({ path, kind: `${brand} card number (Luhn-valid)`, value: v });
    }
  }
  if (on.iban) {
    for (const [v] of text.matchAll(IBAN))
      if (isValidIban(v)) out.push({ path, kind: 'IBAN (mod-97 valid)', value: v });
  }
  if (on.usSsn && digits >= 9) {
    for (const [v] of text.matchAll(SSN))
      if (isValidUsSsn(v, facts.ssn)) out.push({ path, kind: 'US Social Security Number', value: v });
  }
  if (on.nationalIds) {
    const scheme = checkNationalId(text.trim(), facts.national);
    if (scheme) out.push({ path, kind: scheme, value: text.trim() });
  }
}

function skipNone(): boolean {
  return false;
}

/**
 * Runs the switched-on value recognizers over string leaves. `skip` leaves out leaves already reported
 * by name (an `email` claim holding an e-mail address is one finding, not two).
 */
export function findPiiValues(
  leaves: readonly JsonLeaf[],
  detectors: PiiDetectors,
  skip: (leaf: JsonLeaf) => boolean = skipNone,
): PiiValueMatch[] {
  const out: PiiValueMatch[] = [];
  for (const leaf of leaves) {
    if (typeof leaf.value !== 'string' || leaf.value.length < 6 || skip(leaf)) continue;
    scanText(leaf, leaf.value.slice(0, MAX_SCAN), detectors, out);
  }
  return out;
}
