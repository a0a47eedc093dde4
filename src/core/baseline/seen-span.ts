import type { AuditResult } from '../types';
import type { SeenSpan } from './types';

/** A request time as a canonical ISO string (`2025-03-14T09:00:00.000Z`), or `''` when unknown or unreadable. */
export function canonicalTime(startedAt: string): string {
  if (startedAt === '') return '';
  const ms = Date.parse(startedAt);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : '';
}

/**
 * The capture's time range as canonical ISO strings and as epoch ms, or `undefined` when it has none
 * (a token list) or it cannot be read.
 */
export function rangeOf(range: AuditResult['timeRange']) {
  if (!range) return undefined;
  const iso = { start: canonicalTime(range.start), end: canonicalTime(range.end) };
  if (iso.start === '' || iso.end === '') return undefined;
  return { iso, ms: { start: Date.parse(iso.start), end: Date.parse(iso.end) } };
}

/** A span that has seen nothing with a time yet: both ends `''` (a token list has no request times). */
export function emptySpan(): SeenSpan {
  return { firstSeen: '', lastSeen: '' };
}

/** Widens `span` (in place) to include `iso`; `''` (unknown time) changes nothing. */
export function widenSpan(span: SeenSpan, iso: string): void {
  if (iso === '') return;
  if (span.firstSeen === '' || iso < span.firstSeen) span.firstSeen = iso;
  if (span.lastSeen === '' || iso > span.lastSeen) span.lastSeen = iso;
}

/** The span covering both: the earlier first sighting, the later last one. */
export function mergeSpans(a: SeenSpan, b: SeenSpan): SeenSpan {
  const out = { ...a };
  widenSpan(out, b.firstSeen);
  widenSpan(out, b.lastSeen);
  return out;
}

/** Merges span records (algorithm or key id → span) key by key. */
export function mergeSpanRecords(
  a: Readonly<Record<string, SeenSpan>>,
  b: Readonly<Record<string, SeenSpan>>,
): Record<string, SeenSpan> {
  const out = new Map(Object.entries(a).map(([key, span]) => [key, { ...span }]));
  for (const [key, span] of Object.entries(b)) {
    const seen = out.get(key);
    out.set(key, seen ? mergeSpans(seen, span) : { ...span });
  }
  return Object.fromEntries(out);
}
