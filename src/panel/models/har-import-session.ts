import { createHarCapture, type HarCapture } from '../../core/capture/capture-har';
import { harCaptureHandlers, harReadResult } from '../../core/capture/capture-har-stream';
import { createExportSummary, prependFileProblems, summarizeEntry } from '../../core/capture/export-summary';
import { createHarStream } from '../../core/capture/har-stream';
import type { CaptureResult } from '../../core/types';
import { type KeptExchange, keptExchangeOf, MAX_KEPT_EXCHANGES, probeableRequestIds } from './exchange-store';
import { prefixCapture } from './har-import';

/** A request kept for "Probe this request…", under the (prefixed) id its sightings carry. */
export interface KeptItem {
  requestId: string;
  exchange: KeptExchange;
}

/** What a streamed import captured since the last batch: plain data, so it can cross from the worker. */
export interface HarImportBatch {
  /** The entries finished since the last batch, ids prefixed as `importHarJson` does. */
  capture: CaptureResult;
  /** Their probeable requests, the newest at most `maxKept` of them. */
  kept: KeptItem[];
  /** Bytes read and entries handed over so far, over the whole import. */
  bytes: number;
  entries: number;
  /** False once the file is known to be broken or not a HAR: read no further, call `end()`. */
  going: boolean;
}

/** The end of a streamed import: the last batch, or `error` when nothing could be read. */
export type HarImportEnd = HarImportBatch | { error: string };

/** One streamed HAR import: bytes in, batches of capture out (see `createHarImportSession`). */
export interface HarImportSession {
  /** Reads the next bytes of the file; false once it is known to be broken or not a HAR. */
  push(chunk: Uint8Array): boolean;
  /** What the entries finished since the last `take()` captured. */
  take(): HarImportBatch;
  /** The file has ended: the last batch, or `error` when nothing could be read. */
  end(): HarImportEnd;
}

/**
 * Reads one HAR file in chunks (S1's `createHarStream`) and hands back, on `take()`, what the entries
 * finished since captured; nothing of an entry is kept once its batch is taken, so memory is
 * bounded by the largest entry, not the file. Runs in the panel's worker (or in the page as a
 * fallback). Page origins come from `log.pages` as it streams by; pages written after the entries
 * (no browser does) only reach the entries of later batches.
 *
 * @param importNumber - 1 for the first import of the session… (ids get the `har<n>-` prefix)
 */
export function createHarImportSession(importNumber: number, maxKept = MAX_KEPT_EXCHANGES): HarImportSession {
  const prefix = `har${importNumber}-`;
  let pages: unknown;
  let creator: unknown;
  // The whole-file checks (a sanitized Chrome export…) look at every entry, across batches.
  const summary = createExportSummary();
  let capture = createHarCapture();
  let kept: KeptItem[] = [];
  const keep = (entry: unknown, index: number, from: number): void => {
    const id = String(index);
    const added = capture.result.sightings.slice(from);
    if (added.length === 0 || !probeableRequestIds(added).has(id)) return;
    const exchange = keptExchangeOf(entry);
    if (!exchange) return;
    kept.push({ requestId: prefix + id, exchange });
    // Only the newest `maxKept` can stay in the panel's store: drop the rest now, in bulk.
    if (kept.length >= 2 * maxKept) kept = kept.slice(-maxKept);
  };
  // S1's handlers, over a capture that is replaced by a fresh one at each `take()`.
  const sink: HarCapture = {
    get result() {
      return capture.result;
    },
    setPages(value) {
      pages = value;
      capture.setPages(value);
    },
    addEntry(entry, index, cuts) {
      const from = capture.result.sightings.length;
      summarizeEntry(summary, entry);
      capture.addEntry(entry, index, cuts);
      keep(entry, index, from);
    },
    addCaptured: (one, pageref) => capture.addCaptured(one, pageref),
    addUnreadable: (problem) => capture.addUnreadable(problem),
    setCreator(value) {
      creator = value;
    },
    // The last batch carries the lines about the whole file, first as `captureHar` puts them.
    finish() {
      prependFileProblems(capture.result.problems, creator, summary);
      return capture.result;
    },
  };
  const stream = createHarStream(harCaptureHandlers(sink));
  let going = true;
  const take = (taken: HarCapture['result']): HarImportBatch => {
    const batch = {
      going,
      capture: prefixCapture(taken, prefix),
      kept: kept.slice(-maxKept),
      bytes: stream.bytes,
      entries: stream.entries,
    };
    kept = [];
    capture = createHarCapture();
    if (pages !== undefined) capture.setPages(pages);
    return batch;
  };
  return {
    push(chunk) {
      going = stream.push(chunk);
      return going;
    },
    take: () => take(capture.result),
    end() {
      going = false;
      const read = harReadResult(sink, stream.end());
      return 'error' in read ? read : take(read.capture);
    },
  };
}
