import type { JsonObject } from '../types';
import { type Base64UrlBytes, decodeBase64Url } from './base64url';
import { parseJsonObject } from './safe-json';
import { decodeUtf8, findInvalidUtf8 } from './utf8';

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

/** Decodes segment `index` of `count`, recording a precise error or a non-canonical warning. */
export function decodeSegment(
  segment: string,
  index: number,
  count: number,
  problems: Problems,
): Uint8Array | undefined {
  const decoded = decodeBase64Url(segment);
  if (!decoded.ok) {
    problems.errors.push(`${segmentName(index, count)}: ${decoded.error}`);
    return undefined;
  }
  warnIfNonCanonical(decoded, index, count, problems);
  return decoded.bytes;
}

function warnIfNonCanonical(decoded: Base64UrlBytes, index: number, count: number, problems: Problems): void {
  if (!decoded.canonical) {
    problems.warnings.push(
      `${segmentName(index, count)}: non-canonical base64url (unused trailing bits are set)`,
    );
  }
}

/** Why bytes that should be UTF-8 text are not. */
function notUtf8(bytes: Uint8Array): string {
  const offset = findInvalidUtf8(bytes);
  const byte = bytes[offset] ?? 0;
  return `invalid byte 0x${byte.toString(16).padStart(2, '0')} at decoded offset ${offset}`;
}

/**
 * Decodes the protected header (segment 1): base64url, UTF-8, a JSON object, with a string `alg`.
 * Returns the header whenever it is a JSON object, even if `alg` is missing (then with an error).
 */
export function decodeHeader(segment: string, count: number, problems: Problems): JsonObject | undefined {
  const bytes = decodeSegment(segment, 0, count, problems);
  if (!bytes) return undefined;
  const text = decodeUtf8(bytes);
  if (text === null) {
    problems.errors.push(`header is not UTF-8 text: ${notUtf8(bytes)}`);
    return undefined;
  }
  const parsed = parseJsonObject(text, 'header');
  if (!parsed.ok) {
    if ('syntaxError' in parsed) problems.errors.push(`header is not valid JSON: ${parsed.syntaxError}`);
    else problems.errors.push(`header is a JSON ${parsed.found}, not an object`);
    return undefined;
  }
  problems.warnings.push(...parsed.warnings);
  const alg = parsed.value.alg;
  if (alg === undefined) problems.errors.push('header has no "alg" member');
  else if (typeof alg !== 'string')
    problems.errors.push(`header "alg" is not a string (found ${kindName(alg)})`);
  return parsed.value;
}

function kindName(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
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
