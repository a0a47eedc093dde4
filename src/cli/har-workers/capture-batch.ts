import { captureHarEntry, harPageOrigins } from '../../core/capture/capture-har';
import { createExportSummary, summarizeEntry } from '../../core/capture/export-summary';
import { parseJsonBytes } from '../../core/capture/har-stream';
import type { FindCache } from '../../core/capture/sighting-sink';
import type { BatchItem, CapturedItem } from './protocol';

/**
 * Parses and captures batches of entries as `HarCapture.addEntry` does, on whichever thread runs it
 * (a capture worker, or the main thread when a worker fails): the page origins seen so far and the
 * `findTokens` memo live here, one per thread.
 */
export interface BatchCapturer {
  setPages(pages: unknown): void;
  capture(bytes: Uint8Array, items: readonly BatchItem[]): CapturedItem[];
}

export function createBatchCapturer(): BatchCapturer {
  const origins = new Map<string, string>();
  const cache: FindCache = new Map();
  return {
    setPages(pages) {
      for (const [id, origin] of harPageOrigins(pages)) origins.set(id, origin);
    },
    capture: (bytes, items) =>
      items.map((item) => {
        const parsed = parseJsonBytes(bytes.subarray(item.start, item.end), item.offset);
        // The line the serial reader gives an entry that is not valid JSON (har-value-capture's `deliver`).
        if ('problem' in parsed) return { problem: `entry ${item.index}: ${parsed.problem}` };
        const summary = createExportSummary();
        summarizeEntry(summary, parsed.value);
        return { ...captureHarEntry(parsed.value, item.index, origins, cache, item.cuts), summary };
      }),
  };
}
