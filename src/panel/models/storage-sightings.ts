import { opaqueTokensNamedIn, parseUrlParts } from '../../core/capture';
import { findTokens } from '../../core/token/find-tokens';
import type { Sighting } from '../../core/types';
import type { StorageItem } from '../capture-source';
import { isStorageItem } from './guards';
import { MAX_STORAGE_VALUE_CHARS } from './limits';

/** Longest storage key kept in a sighting's name; keys come from the page and can be anything. */
const MAX_KEY_CHARS = 200;

/**
 * Turns the items read from the inspected page's web storage into sightings (`where: 'storage'`), one per
 * token found in a value (a JWT anywhere in it; an opaque token when the key or a JSON member names one).
 * The core's `token-in-web-storage` rule reports them. Items that fail the guard
 * (the page controls what the glue read) and oversized values are skipped.
 *
 * @param items - untrusted items from `CaptureSource.scanStorage()`
 * @param scan - a number unique to this scan, so sighting ids never collide with earlier scans
 * @param startedAt - ISO time of the scan
 */
export function storageSightings(items: readonly unknown[], scan: number, startedAt: string): Sighting[] {
  const out: Sighting[] = [];
  items.forEach((item, index) => {
    if (!isStorageItem(item) || item.value.length > MAX_STORAGE_VALUE_CHARS) return;
    const requestId = `storage-${scan}-${index}`;
    const jwts = findTokens(item.value);
    jwts.forEach((found, n) => {
      out.push(toSighting(item, found.text, requestId, n, startedAt));
    });
    // Opaque OAuth tokens only where a name says so: the key, or a member of a stored JSON session.
    opaqueTokensNamedIn(item.key, item.value).forEach((text, n) => {
      out.push({ ...toSighting(item, text, requestId, jwts.length + n, startedAt), opaque: true });
    });
  });
  return out;
}

function toSighting(
  item: StorageItem,
  tokenText: string,
  requestId: string,
  n: number,
  startedAt: string,
): Sighting {
  const key = item.key.length > MAX_KEY_CHARS ? `${item.key.slice(0, MAX_KEY_CHARS)}…` : item.key;
  const origin = parseUrlParts(item.origin).origin;
  const sighting: Sighting = {
    id: `${requestId}:${n}`,
    tokenText,
    where: 'storage',
    name: `${item.area}[${JSON.stringify(key)}]`,
    url: origin,
    method: '',
    status: 0,
    scheme: parseUrlParts(origin).scheme,
    startedAt,
    requestId,
  };
  if (origin) sighting.initiatorOrigin = origin;
  return sighting;
}
