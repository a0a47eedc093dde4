import type { Sighting, TokenRecord } from '../types';
import { factsTime, trustedFacts } from './facts-guard';
import type { ExchangeFacts } from './types';

/** A sighting and the fingerprint of the token it saw. */
export interface Seen {
  sighting: Sighting;
  fingerprint: string;
  record: TokenRecord;
}

/** What the model looks up per request: its sightings and its exchange facts (the first per request id). */
export interface RequestIndex {
  sightings: Map<string, Seen[]>;
  exchanges: Map<string, ExchangeFacts>;
  /** The exchanges, one per request id, in request order (those with no time last). */
  ordered: ExchangeFacts[];
  /** Records by fingerprint. */
  records: Map<string, TokenRecord>;
}

/** What a request with no sighting has: one shared empty list, never written to. */
export const NO_SIGHTINGS: readonly Seen[] = Object.freeze([]);

/**
 * Builds the index in one pass over the records and one over the exchanges (plus one sort). Indexed
 * loops: the model is built once per change, so this runs mostly unoptimised, where `for…of` costs an
 * iterator and its result objects per item.
 */
export function indexRequests(
  records: readonly TokenRecord[],
  exchanges: readonly ExchangeFacts[],
): RequestIndex {
  const sightings = new Map<string, Seen[]>();
  const byFingerprint = new Map<string, TokenRecord>();
  for (let i = 0; i < records.length; i++) {
    const record = records[i] as TokenRecord;
    const fingerprint = record?.token?.fingerprint;
    const list = record?.sightings;
    if (typeof fingerprint !== 'string' || !Array.isArray(list)) continue;
    if (!byFingerprint.has(fingerprint)) byFingerprint.set(fingerprint, record);
    for (let j = 0; j < list.length; j++) {
      const sighting = list[j] as Sighting;
      const requestId = sighting?.requestId;
      if (typeof requestId !== 'string') continue;
      const seen: Seen = { sighting, fingerprint, record };
      const group = sightings.get(requestId);
      if (group) group.push(seen);
      else sightings.set(requestId, [seen]);
    }
  }
  const byRequest = new Map<string, ExchangeFacts>();
  const unique: ExchangeFacts[] = [];
  const times: number[] = [];
  for (let i = 0; i < exchanges.length; i++) {
    const facts = trustedFacts(exchanges[i]);
    if (!facts || byRequest.has(facts.requestId)) continue;
    byRequest.set(facts.requestId, facts);
    unique.push(facts);
    times.push(factsTime(facts) ?? Number.POSITIVE_INFINITY);
  }
  return { sightings, exchanges: byRequest, ordered: inTimeOrder(unique, times), records: byFingerprint };
}

/**
 * Items sorted by time in seconds (stable: equal times keep their order), those with no readable time last.
 * Captures list their requests in time order nearly always: items already in order are returned as given.
 */
export function inRequestOrder<T>(items: T[], time: (item: T) => number | undefined): T[] {
  return inTimeOrder(
    items,
    items.map((item) => time(item) ?? Number.POSITIVE_INFINITY),
  );
}

/** `inRequestOrder` with the times already read: `times[i]` is `items[i]`'s (`Infinity`: none). */
export function inTimeOrder<T>(items: T[], times: readonly number[]): T[] {
  if (isAscending(times)) return items;
  const order = times.map((_, i) => i);
  order.sort((a, b) => {
    const ta = times[a] as number;
    const tb = times[b] as number;
    return ta === tb ? a - b : ta < tb ? -1 : 1;
  });
  return order.map((i) => items[i] as T);
}

function isAscending(times: readonly number[]): boolean {
  for (let i = 1; i < times.length; i++)
    if (!((times[i - 1] as number) <= (times[i] as number))) return false;
  return true;
}
