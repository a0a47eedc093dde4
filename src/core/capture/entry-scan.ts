import { memoByName } from '../rules/pii/name-memo';
import type { ExchangeObservation, KeyDocument } from '../types';
import type { NameValue } from './guards';
import { createSightingSink, type EntryContext, type FindCache, type SightingSink } from './sighting-sink';

/** The working state while one HAR entry is scanned; each scanner adds to it. */
export interface EntryScan {
  context: EntryContext;
  sink: SightingSink;
  observations: ExchangeObservation[];
  keyDocuments: KeyDocument[];
  /** Problems with this entry, without the `entry N: ` prefix. */
  problems: string[];
  /**
   * The response body's text and its JSON, when the scan parsed it: the lifecycle facts read `expires_in`
   * or a discovery document's endpoints from it instead of parsing the body again.
   */
  responseJson?: ParsedBody;
}

/** A body's text and the JSON parsed from it. */
export interface ParsedBody {
  text: string;
  json: unknown;
}

/** The validated pieces of an entry. */
export interface EntryParts {
  entry: Record<string, unknown>;
  request: Record<string, unknown>;
  response: Record<string, unknown>;
  url: string;
  requestHeaders: NameValue[];
  responseHeaders: NameValue[];
}

/** Starts the scan of one entry. */
export function createEntryScan(context: EntryContext, cache?: FindCache): EntryScan {
  return {
    context,
    sink: createSightingSink(context, cache),
    observations: [],
    keyDocuments: [],
    problems: [],
  };
}

/** HTTP/2 lower-cases header names; reports read better with the usual spelling. */
const CANONICAL = new Map([
  ['dpop', 'DPoP'],
  ['www', 'WWW'],
  ['te', 'TE'],
  ['id', 'ID'],
  ['etag', 'ETag'],
]);

/**
 * `x-auth-token` → `X-Auth-Token`, `dpop` → `DPoP`, `authorization` → `Authorization`. Memoised: the same
 * few names (`authorization`, `cookie`) name a sighting in nearly every entry of a HAR.
 */
export const canonicalHeaderName = memoByName((name: string): string =>
  name
    .split('-')
    .map((part) => {
      const lower = part.toLowerCase();
      return CANONICAL.get(lower) ?? lower.charAt(0).toUpperCase() + lower.slice(1);
    })
    .join('-'),
);

/** Headers without HTTP/2 pseudo-headers (`:path` repeats the URL, which is scanned on its own). */
export function realHeaders(headers: NameValue[]): NameValue[] {
  for (const h of headers)
    if (h.name.charCodeAt(0) === 0x3a) return headers.filter((x) => x.name.charCodeAt(0) !== 0x3a);
  return headers;
}
