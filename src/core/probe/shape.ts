import { headerValue, normalizePairs } from '../capture/guards';
import { parseJsonObject } from '../token/safe-json';
import type { ResponseShape } from './types';

/** JSON bodies parsed for their keys at most; a larger body keeps its status, type and length only. */
const MAX_JSON_CHARS = 1 << 20;
/** Keys kept per body, and characters per key: a response is evidence, not data to copy. */
const MAX_KEYS = 64;
const MAX_KEY_CHARS = 64;
const MAX_LOCATION_CHARS = 2048;

/**
 * The coarse length bucket: 0 for an empty body, else the smallest power of two at least as long, so a
 * timestamp or an id in the page does not change it and "≤ 1024 characters" reads well in a report.
 */
export function lengthBucket(length: number): number {
  if (!Number.isFinite(length) || length <= 0) return 0;
  return 2 ** Math.ceil(Math.log2(length));
}

function jsonKeys(body: string, contentType: string): string[] {
  const looksJson = contentType.includes('json') || /^\s*\{/.test(body.slice(0, 64));
  if (!looksJson || body.length > MAX_JSON_CHARS) return [];
  const parsed = parseJsonObject(body, 'response');
  if (!parsed.ok) return [];
  return Object.keys(parsed.value)
    .map((key) => key.slice(0, MAX_KEY_CHARS))
    .sort()
    .slice(0, MAX_KEYS);
}

/** Reads the shape of a response (status, content type, length bucket, JSON keys, Location of a 3xx). Never throws. */
export function shapeOf(
  status: number,
  headers: readonly { name: string; value: string }[],
  body: string,
): ResponseShape {
  const text = typeof body === 'string' ? body : '';
  const pairs = normalizePairs(headers);
  const type = (headerValue(pairs, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const shape: ResponseShape = {
    status: Number.isFinite(status) ? Math.trunc(status) : 0,
    contentType: type,
    lengthBucket: lengthBucket(text.length),
    jsonKeys: jsonKeys(text, type),
  };
  const location = headerValue(pairs, 'location');
  if (shape.status >= 300 && shape.status < 400 && location !== undefined)
    shape.location = location.slice(0, MAX_LOCATION_CHARS);
  return shape;
}
