import type { ExchangeFacts } from '../lifecycle/types';
import type { CaptureResult, Sighting } from '../types';
import { captureEntryWith } from './capture-entry';
import {
  createExportSummary,
  type ExportSummary,
  mergeExportSummaries,
  prependFileProblems,
  summarizeEntry,
} from './export-summary';
import { isRecord, stringAt } from './guards';
import type { FindCache } from './sighting-sink';
import { placeCuts, type StringCut } from './string-cut';
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
  const capture = createHarCapture();
  capture.setPages(log.pages);
  capture.setCreator(log.creator);
  for (let i = 0; i < entries.length; i++) capture.addEntry(entries[i], i);
  return capture.finish();
}

/**
 * A HAR capture built one entry at a time (the streaming reader's sink; `captureHar` uses it too, so a
 * file read whole or in chunks gives the same result). Entries are added in file order.
 */
export interface HarCapture {
  readonly result: CaptureResult;
  /**
   * `log.pages`: the page origins of entries that carry no `Origin`/`Referer`. Pages that come after
   * the entries (HAR writers put them first, but need not) are applied to the entries already added.
   */
  setPages(pages: unknown): void;
  /** Element `index` of `log.entries`, with the strings the streaming reader cut (`StringCut`). */
  addEntry(entry: unknown, index: number, cuts?: readonly StringCut[]): void;
  /**
   * An entry captured elsewhere (a worker thread, with `captureEntryWith` and the page origin known
   * then), merged in file order; `pageref` as the entry gave it.
   */
  addCaptured(one: CaptureResult, pageref: string | undefined, summary?: ExportSummary): void;
  /** `log.creator`: with the entries' summary, it tells a sanitized Chrome export (`finish`). */
  setCreator(creator: unknown): void;
  /**
   * The capture, with the lines about the whole file first (a sanitized Chrome export, bodies kept in
   * separate files), so a long list of entry problems cannot push them out of the CLI's warnings. Call
   * once, after the last entry.
   */
  finish(): CaptureResult;
  /** An entry that could not be read at all (not valid JSON): counted, with its problem line. */
  addUnreadable(problem: string): void;
}

/** An entry added before its page was known: its sightings, to be given the page's origin. */
interface AwaitingPage {
  pageref: string;
  from: number;
  to: number;
}

export function createHarCapture(): HarCapture {
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
  const pageOrigins = new Map<string, string>();
  let awaiting: AwaitingPage[] = [];
  let summary = createExportSummary();
  let creator: unknown;
  let finished = false;
  const addCaptured = (one: CaptureResult, pageref: string | undefined, part?: ExportSummary): void => {
    if (part) summary = mergeExportSummaries(summary, part);
    const from = result.sightings.length;
    append(result.sightings, one.sightings);
    if (pageref !== undefined && !pageOrigins.has(pageref) && one.sightings[0]?.initiatorOrigin === undefined)
      awaiting.push({ pageref, from, to: result.sightings.length });
    append(result.observations, one.observations);
    append(result.keyDocuments, one.keyDocuments);
    if (one.exchanges) append(exchanges, one.exchanges);
    append(result.problems, one.problems);
    result.entryCount++;
  };
  return {
    result,
    setPages(pages) {
      for (const [id, origin] of harPageOrigins(pages)) pageOrigins.set(id, origin);
      awaiting = giveOrigins(result.sightings, awaiting, pageOrigins);
    },
    addEntry(entry, index, cuts) {
      const { one, pageref } = captureHarEntry(entry, index, pageOrigins, cache, cuts);
      summarizeEntry(summary, entry);
      addCaptured(one, pageref);
    },
    addCaptured,
    addUnreadable(problem) {
      result.problems.push(problem);
      result.entryCount++;
    },
    setCreator(value) {
      creator = value;
    },
    finish() {
      if (finished) return result;
      finished = true;
      prependFileProblems(result.problems, creator, summary);
      return result;
    },
  };
}

/** An entry captured, with its `pageref` (for `HarCapture.addCaptured`). */
export interface CapturedHarEntry {
  one: CaptureResult;
  pageref: string | undefined;
}

/**
 * Captures element `index` of `log.entries` as `HarCapture.addEntry` does, given the page origins known
 * so far (`harPageOrigins`): what a worker thread runs before the main thread merges with `addCaptured`.
 */
export function captureHarEntry(
  entry: unknown,
  index: number,
  pageOrigins: ReadonlyMap<string, string>,
  cache: FindCache | undefined,
  cuts?: readonly StringCut[],
): CapturedHarEntry {
  const pageref = isRecord(entry) ? stringAt(entry, 'pageref') : undefined;
  const pageOrigin = pageref === undefined ? undefined : pageOrigins.get(pageref);
  const placed = cuts ? placeCuts(entry, cuts) : undefined;
  return { one: captureEntryWith(entry, String(index), pageOrigin, cache, placed), pageref };
}

/** Gives the sightings of entries awaiting their page its origin; returns those still awaiting. */
function giveOrigins(
  sightings: Sighting[],
  awaiting: AwaitingPage[],
  pageOrigins: ReadonlyMap<string, string>,
): AwaitingPage[] {
  if (awaiting.length === 0) return awaiting;
  const still: AwaitingPage[] = [];
  for (const item of awaiting) {
    const origin = pageOrigins.get(item.pageref);
    if (origin === undefined) still.push(item);
    else
      for (let k = item.from; k < item.to; k++)
        sightings[k] = withInitiator(sightings[k] as Sighting, origin);
  }
  return still;
}

/** The sighting with `initiatorOrigin` in the place capture puts it (after `requestId`), for stable reports. */
function withInitiator(sighting: Sighting, origin: string): Sighting {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(sighting)) {
    out[key] = value;
    if (key === 'requestId') out.initiatorOrigin = origin;
  }
  return out as unknown as Sighting;
}

/** `push(...items)` overflows the stack for very large arrays; a loop does not. */
function append<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

/**
 * HAR `pages[]`: browsers put the page URL in `title` (Chrome) or use it as the id; its origin tells which
 * page made a request when the request itself carries no `Origin`/`Referer`.
 */
export function harPageOrigins(pages: unknown): Map<string, string> {
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
