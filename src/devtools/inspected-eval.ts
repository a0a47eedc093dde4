import type { StorageItem } from '../panel/capture-source';

/** Caps on what one storage scan brings back from the inspected page (its values are attacker-controlled). */
export const MAX_STORAGE_ITEMS = 1000;
export const MAX_STORAGE_VALUE_CHARS = 256 * 1024;

/**
 * Runs in the inspected page (main world, through `devtools.inspectedWindow.eval`). Reads both web storage
 * areas defensively: a sandboxed page throws on `window.localStorage`, and values are capped in the page
 * so a huge store is not copied across. Returned as JSON text so only plain data crosses over.
 */
export const STORAGE_SCAN_EXPRESSION = `(() => {
  const out = [];
  const origin = String(location.origin);
  for (const area of ['localStorage', 'sessionStorage']) {
    let store = null;
    try { store = window[area]; } catch (e) { continue; }
    if (!store) continue;
    for (let i = 0; i < store.length && out.length < ${MAX_STORAGE_ITEMS}; i++) {
      const key = store.key(i);
      const value = key === null ? null : store.getItem(key);
      if (key === null || value === null) continue;
      out.push({ area, key: String(key), value: String(value).slice(0, ${MAX_STORAGE_VALUE_CHARS}), origin });
    }
  }
  return JSON.stringify(out);
})()`;

/** Runs in the inspected page: its origin, for `pageOrigin()`. */
export const ORIGIN_EXPRESSION = 'String(location.origin)';

/**
 * The value of an `inspectedWindow.eval` call. Chromium resolves to the bare result; Firefox (and the
 * webextension-polyfill contract) resolve to `[result, exceptionInfo]`. A thrown expression is `undefined`.
 */
export function unwrapEvalResult(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  if (value.length !== 2) return value;
  const [result, exceptionInfo] = value as [unknown, unknown];
  const failed =
    typeof exceptionInfo === 'object' &&
    exceptionInfo !== null &&
    ((exceptionInfo as { isException?: unknown }).isException === true ||
      (exceptionInfo as { isError?: unknown }).isError === true);
  return failed ? undefined : result;
}

function isStorageItem(value: unknown): value is StorageItem {
  if (typeof value !== 'object' || value === null) return false;
  const item = value as Record<string, unknown>;
  return (
    (item.area === 'localStorage' || item.area === 'sessionStorage') &&
    typeof item.key === 'string' &&
    typeof item.value === 'string' &&
    typeof item.origin === 'string'
  );
}

/** Validates what {@link STORAGE_SCAN_EXPRESSION} returned; anything malformed is dropped, never thrown. */
export function parseStorageItems(value: unknown): StorageItem[] {
  if (typeof value !== 'string') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  return parsed
    .filter(isStorageItem)
    .slice(0, MAX_STORAGE_ITEMS)
    .map(({ area, key, value: text, origin }) => ({
      area,
      key,
      value: text.slice(0, MAX_STORAGE_VALUE_CHARS),
      origin,
    }));
}

/** An origin string from the page, or `undefined` for anything else (`"null"` for opaque origins). */
export function parseOrigin(value: unknown): string | undefined {
  return typeof value === 'string' && /^[a-z][a-z0-9+.-]*:\/\/[^/\s]+$/i.test(value) ? value : undefined;
}
