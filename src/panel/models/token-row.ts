import { parseUrlParts } from '../../core/capture';
import { isPiiValue, maskValue } from '../../core/report';
import { memoByName } from '../../core/rules/pii/name-memo';
import { claimsLayer } from '../../core/token/claims-layer';
import type { Severity, TokenKind, TokenPurpose, TokenRecord, Where } from '../../core/types';

/** What one line of the token list shows, derived from a TokenRecord (static part, cached per record). */
export interface TokenRowBase {
  fingerprint: string;
  kind: TokenKind;
  purpose: TokenPurpose;
  alg: string;
  iss: string;
  sub: string;
  /** `exp` in epoch seconds when it is a usable number. */
  exp: number | null;
  /** `iat` in epoch seconds when it is a usable number: tells apart rows that differ only in time. */
  iat: number | null;
  /**
   * When the token was first seen in traffic (epoch seconds), for tokens with no `iat` (opaque tokens, JWTs
   * without one): the list then shows that time instead, so such rows can be told apart too.
   */
  firstSeen: number | null;
  /** Short "where seen" summary: `header Authorization, cookie session +2`. */
  where: string;
  hosts: string[];
  sightingCount: number;
}

/** A full row: the static part plus what the findings say about the token. */
export interface TokenRow extends TokenRowBase {
  /** Most severe finding, `null` when the token has none. */
  severity: Severity | null;
  findingCount: number;
  ruleIds: string[];
}

/** Human labels of the places a token travels, as the list shows them. */
export const WHERE_LABELS: Record<Where, string> = {
  'request-header': 'header',
  'request-cookie': 'cookie',
  'set-cookie': 'Set-Cookie',
  query: 'query',
  fragment: 'fragment',
  path: 'path',
  'request-body': 'request body',
  'response-header': 'response header',
  'response-body': 'response body',
  storage: 'storage',
  input: 'pasted',
};

/** What the list calls each token purpose; a purpose without a label shows as it is. */
export const PURPOSE_LABELS: Readonly<Record<string, string>> = {
  access: 'access',
  id: 'ID',
  refresh: 'refresh',
  logout: 'logout',
  unknown: 'unknown',
};

/** The list's label of a token purpose. */
export function purposeLabel(purpose: string): string {
  return Object.hasOwn(PURPOSE_LABELS, purpose) ? (PURPOSE_LABELS[purpose] as string) : purpose;
}

/**
 * A value derived from a record, cached per record until it gains or loses sightings. Rows are built only
 * for the rows on screen and the hosts for every token (the host menu); the search text only while the
 * list is searched: kept for every token, it held a copy of each token's text (a tenth of the heap).
 */
function cachedPerRecord<T>(build: (record: TokenRecord) => T): (record: TokenRecord) => T {
  const cache = new WeakMap<TokenRecord, { count: number; value: T }>();
  return (record) => {
    const hit = cache.get(record);
    if (hit && hit.count === record.sightings.length) return hit.value;
    const value = build(record);
    cache.set(record, { count: record.sightings.length, value });
    return value;
  };
}

/** One string per host name, however many tokens were seen there (bounded, as `memoByName` is). */
const sharedHost = memoByName((host: string) => host);

/** The hosts a token was seen at, distinct, in order of sighting. */
export const hostsOf = cachedPerRecord((record) => [
  ...new Set(record.sightings.map((s) => sharedHost(parseUrlParts(s.url).host)).filter((h) => h !== '')),
]);

/** The static part of a row; recomputed only when the record gained or lost sightings. */
export const toTokenRowBase = cachedPerRecord(buildRow);

/** Where a token was seen, distinct: `header Authorization`, `cookie session`… */
function placesOf(sightings: TokenRecord['sightings']): string[] {
  return [...new Set(sightings.map((s) => `${WHERE_LABELS[s.where] ?? s.where} ${s.name}`.trim()))];
}

/** Lower-cased text the search box matches against: issuer, subject, where, hosts, fingerprint, token text. */
export const haystackOf = cachedPerRecord((record) => {
  const row = toTokenRowBase(record);
  const claims = claimsLayer(record.token).claims;
  return [
    row.fingerprint,
    row.kind,
    row.purpose,
    row.alg,
    row.iss,
    stringOf(claims?.sub),
    ...placesOf(record.sightings),
    ...row.hosts,
    record.token.text,
  ]
    .join('\n')
    .toLowerCase();
});

function buildRow(record: TokenRecord): TokenRowBase {
  const { token, sightings } = record;
  // A nested JWT shows the issuer, subject and expiry of the layer that has claims.
  const claims = claimsLayer(token).claims;
  const places = placesOf(sightings);
  const hosts = hostsOf(record);
  return {
    fingerprint: token.fingerprint,
    kind: token.kind,
    purpose: record.purpose,
    alg: stringOf(token.header?.alg),
    iss: stringOf(claims?.iss),
    sub: maskedIfPersonal(stringOf(claims?.sub)),
    exp: numericDateOf(claims?.exp),
    iat: numericDateOf(claims?.iat),
    firstSeen: firstSeenOf(sightings),
    where: places.length > 2 ? `${places.slice(0, 2).join(', ')} +${places.length - 2}` : places.join(', '),
    hosts,
    sightingCount: sightings.length,
  };
}

/** The earliest request time among the sightings, in epoch seconds; `null` when none has one. */
function firstSeenOf(sightings: TokenRecord['sightings']): number | null {
  let first = Infinity;
  for (const sighting of sightings) {
    const ms = sighting.startedAt === '' ? Number.NaN : Date.parse(sighting.startedAt);
    if (ms < first) first = ms;
  }
  return Number.isFinite(first) ? Math.floor(first / 1000) : null;
}

/** A time claim when it is a finite number (a NumericDate), else `null`. */
function numericDateOf(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** A subject that is an e-mail address or phone number is masked as the exports mask it. */
function maskedIfPersonal(value: string): string {
  return value !== '' && isPiiValue(value) ? maskValue(value) : value;
}

/** Claims are untrusted: only strings are shown as issuer/subject, bounded in length. */
function stringOf(value: unknown): string {
  if (typeof value !== 'string') return '';
  return value.length > 200 ? `${value.slice(0, 200)}…` : value;
}
