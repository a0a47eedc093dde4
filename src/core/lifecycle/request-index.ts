import type { Sighting, TokenRecord } from '../types';
import { cleanFacts } from './facts-guard';
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
    const facts = cleanFacts(raw);
    if (facts && !byRequest.has(facts.requestId)) byRequest.set(facts.requestId, facts);
  }
  const ordered = inRequestOrder([...byRequest.values()], (facts) => facts.startedAt);
  return { sightings, exchanges: byRequest, ordered, records: byFingerprint };
}

/** Seconds since the epoch of an ISO time, or `undefined` when it is missing or unreadable. */
export function timeOf(iso: unknown): number | undefined {
  if (typeof iso !== 'string' || iso === '') return undefined;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms / 1000 : undefined;
}

/** The ISO time as given when it is readable, else `''`. */
export function readableTime(iso: unknown): string {
  return timeOf(iso) === undefined ? '' : (iso as string);
}

/** Items sorted by time (stable: equal times keep their order), those with no readable time last. */
export function inRequestOrder<T>(items: T[], time: (item: T) => unknown): T[] {
  const keyed = items.map((item, i) => ({ item, i, t: timeOf(time(item)) ?? Number.POSITIVE_INFINITY }));
  keyed.sort((a, b) => (a.t === b.t ? a.i - b.i : a.t < b.t ? -1 : 1));
  return keyed.map((k) => k.item);
}
