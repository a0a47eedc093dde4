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

/** Builds the index in one pass over the records and one over the exchanges (plus one sort). */
export function indexRequests(
  records: readonly TokenRecord[],
  exchanges: readonly ExchangeFacts[],
): RequestIndex {
  const sightings = new Map<string, Seen[]>();
  const byFingerprint = new Map<string, TokenRecord>();
  for (const record of records) {
    const fingerprint = record?.token?.fingerprint;
    if (typeof fingerprint !== 'string' || !Array.isArray(record.sightings)) continue;
    if (!byFingerprint.has(fingerprint)) byFingerprint.set(fingerprint, record);
    for (const sighting of record.sightings) {
      if (typeof sighting?.requestId !== 'string') continue;
      let list = sightings.get(sighting.requestId);
      if (!list) {
        list = [];
        sightings.set(sighting.requestId, list);
      }
      list.push({ sighting, fingerprint, record });
    }
  }
  const byRequest = new Map<string, ExchangeFacts>();
  for (const raw of exchanges) {
    const facts = trustedFacts(raw);
    if (facts && !byRequest.has(facts.requestId)) byRequest.set(facts.requestId, facts);
  }
  const ordered = inRequestOrder([...byRequest.values()], factsTime);
  return { sightings, exchanges: byRequest, ordered, records: byFingerprint };
}

/**
 * Items sorted by time in seconds (stable: equal times keep their order), those with no readable time last.
 * Captures list their requests in time order nearly always: items already in order are returned as given.
 */
export function inRequestOrder<T>(items: T[], time: (item: T) => number | undefined): T[] {
  const times = items.map((item) => time(item) ?? Number.POSITIVE_INFINITY);
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
