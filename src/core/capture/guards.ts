/**
 * Guards and normalizers for HAR data, which is untrusted: a HAR file may be hand-edited, truncated or
 * written by a tool that bends the spec, and live DevTools entries differ between browsers.
 */

/** One header or name/value pair after normalization. */
export interface NameValue {
  name: string;
  value: string;
}

/** True for a plain object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The string at `key`, or `undefined` when absent or not a string. */
export function stringAt(record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key];
  return typeof value === 'string' ? value : undefined;
}

/** The finite number at `key`, or `fallback`. */
export function numberAt(record: Record<string, unknown>, key: string, fallback: number): number {
  const value = record[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/** The boolean at `key`, or `undefined`. */
export function booleanAt(record: Record<string, unknown>, key: string): boolean | undefined {
  const value = record[key];
  return typeof value === 'boolean' ? value : undefined;
}

/** True for a HAR name/value object whose name and value are strings. */
export function isNameValue(value: unknown): value is NameValue {
  // No Array.isArray here: this runs on every header of a HAR, and an array never has string name/value.
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as NameValue).name === 'string' &&
    typeof (value as NameValue).value === 'string'
  );
}

/**
 * The name/value pairs of a HAR array (`headers`, `cookies`, `queryString`, `params`). Items that are not
 * name/value pairs are skipped; `params[]` may omit `value` (file uploads), which counts as empty.
 */
export function normalizePairs(value: unknown): NameValue[] {
  if (!Array.isArray(value)) return [];
  // Well-formed arrays (nearly all) are used as they are: copying every header of a big HAR costs real time.
  if (value.every(isNameValue)) return value as NameValue[];
  const out: NameValue[] = [];
  for (const item of value) {
    if (!isRecord(item) || typeof item.name !== 'string') continue;
    out.push({ name: item.name, value: typeof item.value === 'string' ? item.value : '' });
  }
  return out;
}

/** The value of the first header called `name` (compared case-insensitively), or `undefined`. */
export function headerValue(headers: readonly NameValue[], lowerName: string): string | undefined {
  for (const header of headers) {
    if (header.name.length === lowerName.length && header.name.toLowerCase() === lowerName)
      return header.value;
  }
  return undefined;
}
