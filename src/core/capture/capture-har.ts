import type { ExchangeFacts } from '../lifecycle/types';
import type { CaptureResult } from '../types';
import { captureEntryWith } from './capture-entry';
import {
  createExportSummary,
  detachedBodiesProblem,
  sanitizedExportProblem,
  summarizeEntry,
} from './export-summary';
import { isRecord, stringAt } from './guards';
import type { FindCache } from './sighting-sink';
import { parseUrlParts } from './url-parts';

/**
 * Captures a whole HAR 1.2 document (already `JSON.parse`d). Returns `{ error }` with one precise line when
 * the document is not a HAR at all; a bad entry never aborts the capture, it becomes a `problems` line
 * (`entry 12: request.url is missing`, numbered as in `log.entries[12]`) and the other entries are kept.
 * Each entry's `requestId` is its index. Lines about the whole file come first: a HAR that looks like
 * Chrome's sanitized export (no cookies, no `Authorization`) says how to export one with them, and one
 * whose bodies were kept in separate files says so.
 */
export function captureHar(har: unknown): CaptureResult | { error: string } {
  if (!isRecord(har))
    return { error: `not a HAR file: expected a JSON object at the top level, found ${describe(har)}` };
  const log = har.log;
  if (log === undefined) return { error: 'not a HAR file: top-level "log" is missing' };
  if (!isRecord(log)) return { error: `not a HAR file: "log" is ${describe(log)}, expected an object` };
  const entries = log.entries;
  if (entries === undefined) return { error: 'not a HAR file: log.entries is missing' };
  if (!Array.isArray(entries)) return { error: `log.entries is not an array (found ${describe(entries)})` };
  const pageOrigins = pageOriginsOf(log.pages);
  const exchanges: ExchangeFacts[] = [];
  const result: CaptureResult = {
    sightings: [],
    exchanges,
    observations: [],
    keyDocuments: [],
    problems: [],
    entryCount: 0,
  };
  const cache: FindCache = new Map();
  const summary = createExportSummary();
  for (let i = 0; i < entries.length; i++) {
    const entry: unknown = entries[i];
    summarizeEntry(summary, entry);
    const pageref = isRecord(entry) ? stringAt(entry, 'pageref') : undefined;
    const one = captureEntryWith(
      entry,
      String(i),
      pageref === undefined ? undefined : pageOrigins.get(pageref),
      cache,
    );
    append(result.sightings, one.sightings);
    append(result.observations, one.observations);
    append(result.keyDocuments, one.keyDocuments);
    if (one.exchanges) append(exchanges, one.exchanges);
    append(result.problems, one.problems);
    result.entryCount++;
  }
  // Whole-file lines first, so a long list of entry problems cannot push them out of the CLI's warnings.
  const fileProblems = [sanitizedExportProblem(log.creator, summary), detachedBodiesProblem(summary)];
  for (const line of fileProblems.reverse()) if (line) result.problems.unshift(line);
  return result;
}

/** `push(...items)` overflows the stack for very large arrays; a loop does not. */
function append<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

/**
 * HAR `pages[]`: browsers put the page URL in `title` (Chrome) or use it as the id; its origin tells which
 * page made a request when the request itself carries no `Origin`/`Referer`.
 */
function pageOriginsOf(pages: unknown): Map<string, string> {
  const origins = new Map<string, string>();
  if (!Array.isArray(pages)) return origins;
  for (const page of pages) {
    if (!isRecord(page)) continue;
    const id = stringAt(page, 'id');
    const origin = parseUrlParts(stringAt(page, 'title') ?? '').origin;
    if (id !== undefined && /^https?:\/\//.test(origin)) origins.set(id, origin);
  }
  return origins;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
