import type { CaptureResult } from '../types';
import { createHarCapture, type HarCapture } from './capture-har';
import {
  createHarStream,
  type HarStreamEnd,
  type HarStreamHandlers,
  type HarStreamOptions,
} from './har-stream';

export interface HarChunksOptions extends HarStreamOptions {
  /** Called after each chunk with the bytes read and the entries handed over so far. */
  onProgress?(bytes: number, entries: number): void;
  /** Stops the read: the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

/**
 * What a streamed HAR read gives: a capture (complete, or everything before a fault, with the fault as
 * its last problem line), or `error` when nothing could be read (not a HAR, or broken before the first
 * entry).
 */
export type HarReadResult = { capture: CaptureResult } | { error: string };

/**
 * Reads a HAR file from its UTF-8 bytes, in chunks of any size (see `createHarStream`), and captures
 * every entry as `captureHar` would the whole document, in bounded memory. The reader stops at the
 * first fault.
 */
export async function captureHarChunks(
  chunks: AsyncIterable<Uint8Array>,
  options: HarChunksOptions = {},
): Promise<HarReadResult> {
  const capture = createHarCapture();
  const stream = createHarStream(harCaptureHandlers(capture), options);
  for await (const chunk of chunks) {
    options.signal?.throwIfAborted();
    const going = stream.push(chunk);
    options.onProgress?.(stream.bytes, stream.entries);
    if (!going) break;
  }
  return harReadResult(capture, stream.end());
}

/** Stream handlers that feed a `HarCapture`. */
export function harCaptureHandlers(capture: HarCapture): HarStreamHandlers {
  return {
    onEntry: (entry, index, _offset, cuts) => capture.addEntry(entry, index, cuts),
    onLogMember: (name, value) => {
      if (name === 'pages') capture.setPages(value);
    },
    onProblem: (problem, entryIndex) => {
      if (entryIndex === undefined) capture.result.problems.push(problem);
      else capture.addUnreadable(problem);
    },
  };
}

/** The capture, with the stream's fault (if any) as its last problem; `error` when nothing was read. */
export function harReadResult(capture: HarCapture, end: HarStreamEnd): HarReadResult {
  if (end.error === undefined) return { capture: capture.result };
  if (end.entries === 0) return { error: end.error };
  const count = end.entries === 1 ? 'the entry' : `the ${end.entries} entries`;
  capture.result.problems.push(`${end.error}; ${count} before it ${end.entries === 1 ? 'was' : 'were'} read`);
  return { capture: capture.result };
}
