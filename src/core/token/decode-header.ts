import type { JsonObject } from '../types';
import { decodeBase64Url } from './base64url';
import { decodeSegmentText, type Problems } from './decode-parts';
import { parseJsonObject } from './safe-json';
import { findInvalidUtf8 } from './utf8';

/** A decoded header with what decoding it said, ready to replay for the next token with the same header. */
interface HeaderOutcome {
  header?: JsonObject;
  errors: string[];
  warnings: string[];
}

/**
 * Tokens from one issuer share a handful of headers, so the outcome of decoding each header segment is
 * kept (bounded, cleared when full). Cached headers are deep-frozen: tokens share them, and nobody may
 * change a header one token shows another.
 */
const cache = new Map<string, HeaderOutcome>();
const MAX_CACHED_HEADERS = 512;
const MAX_CACHED_SEGMENT = 2048;

function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
}

/** Why a segment that should hold UTF-8 text does not (slow path: decodes the bytes again). */
function notUtf8(segment: string): string {
  const decoded = decodeBase64Url(segment);
  const bytes = decoded.ok ? decoded.bytes : new Uint8Array(0);
  const offset = findInvalidUtf8(bytes);
  const byte = bytes[offset] ?? 0;
  return `invalid byte 0x${byte.toString(16).padStart(2, '0')} at decoded offset ${offset}`;
}

function kindName(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

function decodeUncached(segment: string): HeaderOutcome {
  const outcome: HeaderOutcome = { errors: [], warnings: [] };
  const text = decodeSegmentText(segment, 0, 3, outcome);
  if (text === undefined) return outcome;
  if (text === null) {
    outcome.errors.push(`header is not UTF-8 text: ${notUtf8(segment)}`);
    return outcome;
  }
  const parsed = parseJsonObject(text, 'header');
  if (!parsed.ok) {
    if ('syntaxError' in parsed) outcome.errors.push(`header is not valid JSON: ${parsed.syntaxError}`);
    else outcome.errors.push(`header is a JSON ${parsed.found}, not an object`);
    return outcome;
  }
  outcome.warnings.push(...parsed.warnings);
  const alg = parsed.value.alg;
  if (alg === undefined) outcome.errors.push('header has no "alg" member');
  else if (typeof alg !== 'string')
    outcome.errors.push(`header "alg" is not a string (found ${kindName(alg)})`);
  outcome.header = parsed.value;
  return outcome;
}

/**
 * Decodes the protected header (segment 1): base64url, UTF-8, a JSON object, with a string `alg`.
 * Returns the (frozen) header whenever it is a JSON object, even if `alg` is missing (then with an error).
 */
export function decodeHeader(segment: string, problems: Problems): JsonObject | undefined {
  let outcome = cache.get(segment);
  if (!outcome) {
    outcome = decodeUncached(segment);
    deepFreeze(outcome.header);
    if (segment.length <= MAX_CACHED_SEGMENT) {
      if (cache.size >= MAX_CACHED_HEADERS) cache.clear();
      cache.set(segment, outcome);
    }
  }
  // Nearly every header has nothing to say: skip the spread calls then.
  if (outcome.errors.length > 0) problems.errors.push(...outcome.errors);
  if (outcome.warnings.length > 0) problems.warnings.push(...outcome.warnings);
  return outcome.header;
}
