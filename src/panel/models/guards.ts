import type { SourceEntry, StorageItem } from '../capture-source';

/** True for a plain (non-array, non-null) object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value when it is a string, else `''` (for untrusted JSON fields that are text when present). */
export function stringOrEmpty(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Guard for a storage item handed over by the glue (it comes out of the inspected page: hostile). */
export function isStorageItem(value: unknown): value is StorageItem {
  if (!isRecord(value)) return false;
  return (
    (value.area === 'localStorage' || value.area === 'sessionStorage') &&
    typeof value.key === 'string' &&
    typeof value.value === 'string' &&
    typeof value.origin === 'string'
  );
}

/** Guard for one backfilled entry: the entry itself is checked by the core capture, the id here. */
export function isSourceEntry(value: unknown): value is SourceEntry {
  return isRecord(value) && 'entry' in value && typeof value.requestId === 'string' && value.requestId !== '';
}

/** Guard for a request id passed with a live entry. */
export function isRequestId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= 200;
}
