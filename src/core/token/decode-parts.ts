import type { JsonObject } from '../types';
import { decodeBase64Url, decodeBase64UrlText } from './base64url';
import { parseJsonObject } from './safe-json';

/** Problems found while decoding one part; `errors` make the token malformed, `warnings` do not. */
export interface Problems {
  errors: string[];
  warnings: string[];
}

/** Names of compact segments, for messages: `segment 2 (payload)`. */
const JWS_NAMES = ['header', 'payload', 'signature'];
const JWE_NAMES = ['header', 'encrypted key', 'initialization vector', 'ciphertext', 'authentication tag'];

/** `segment 2 (payload)` for JWS (3 segments) or `segment 4 (ciphertext)` for JWE (5). */
export function segmentName(index: number, count: number): string {
  const names = count === 5 ? JWE_NAMES : JWS_NAMES;
  return `segment ${index + 1} (${names[index] ?? 'extra'})`;
}

/**
 * Decodes segment `index` of `count`, recording a precise error or a non-canonical warning. `allocate`
 * makes the byte array (see `decodeBase64Url`).
 */
export function decodeSegment(
  segment: string,
  index: number,
  count: number,
  problems: Problems,
  allocate?: (length: number) => Uint8Array,
): Uint8Array | undefined {
  const decoded = decodeBase64Url(segment, allocate);
  if (!decoded.ok) {
    problems.errors.push(`${segmentName(index, count)}: ${decoded.error}`);
    return undefined;
  }
  warnIfNonCanonical(decoded.canonical, index, count, problems);
  return decoded.bytes;
}

/**
 * Decodes segment `index` of `count` to UTF-8 text: `undefined` after a base64url error (recorded),
 * `null` when the bytes are not UTF-8 (the caller words that).
 */
export function decodeSegmentText(
  segment: string,
  index: number,
  count: number,
  problems: Problems,
): string | null | undefined {
  const decoded = decodeBase64UrlText(segment);
  if (!decoded.ok) {
    problems.errors.push(`${segmentName(index, count)}: ${decoded.error}`);
    return undefined;
  }
  warnIfNonCanonical(decoded.canonical, index, count, problems);
  return decoded.text;
}

function warnIfNonCanonical(canonical: boolean, index: number, count: number, problems: Problems): void {
  if (!canonical) {
    problems.warnings.push(
      `${segmentName(index, count)}: non-canonical base64url (unused trailing bits are set)`,
    );
  }
}

/** What a JWS payload turned out to be: claims, or why not. */
export interface PayloadReading {
  claims?: JsonObject;
  problem?: string;
  warnings: string[];
}

/** Reads payload text as a claims object (RFC 7519 §7.2 steps 9–10). */
export function readClaims(text: string | null): PayloadReading {
  if (text === null) return { problem: 'payload is not UTF-8 text', warnings: [] };
  if (text === '') return { problem: 'payload is empty (detached content?)', warnings: [] };
  const parsed = parseJsonObject(text, 'payload');
  if (parsed.ok) return { claims: parsed.value, warnings: parsed.warnings };
  if ('syntaxError' in parsed) return { problem: `payload is not JSON: ${parsed.syntaxError}`, warnings: [] };
  return { problem: `payload is a JSON ${parsed.found}, not a claims object`, warnings: [] };
}
