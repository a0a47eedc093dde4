import { createHarCapture } from '../../core/capture/capture-har';
import {
  type HarChunksOptions,
  type HarReadResult,
  harReadResult,
} from '../../core/capture/capture-har-stream';
import { createHarStream, type HarStreamHandlers } from '../../core/capture/har-stream';
import type { StringCut } from '../../core/capture/string-cut';
import type { CapturePool } from './capture-pool';
import { createOrderedMerge } from './ordered-merge';
import type { BatchItem } from './protocol';

/** Entry bytes sent to a worker at a time: few messages, and a batch is captured in a few milliseconds. */
const BATCH_BYTES = 1024 * 1024;
/** Batches sent and not yet merged, per worker, before the read waits: memory stays bounded. */
const IN_FLIGHT_PER_WORKER = 4;

/**
 * `captureHarChunks` with the entries parsed and captured on worker threads: this thread runs the
 * streaming reader (which only delimits entries, `onEntryBytes`), sends the entries' bytes in batches
 * and merges the results in file order (`HarCapture.addCaptured`), so the capture is the one a serial
 * read gives, problem lines and page origins included. The read waits while `workers ×
 * IN_FLIGHT_PER_WORKER` batches are out, so memory stays bounded whatever the file's size.
 */
export async function captureHarChunksParallel(
  chunks: AsyncIterable<Uint8Array>,
  pool: CapturePool,
  workers: number,
  options: HarChunksOptions & { batchBytes?: number } = {},
): Promise<HarReadResult> {
  const capture = createHarCapture();
  const merge = createOrderedMerge();
  const batch = createBatcher(options.batchBytes ?? BATCH_BYTES, (bytes, items) => {
    const captured = pool.capture(bytes, items);
    merge.push(async () => {
      for (const item of await captured) {
        if ('problem' in item) capture.addUnreadable(item.problem);
        else capture.addCaptured(item.one, item.pageref, item.summary);
      }
    });
  });
  // Everything the reader hands over outside entries goes into the merge at its place in the file.
  const handlers: HarStreamHandlers = {
    onEntryBytes: (bytes, index, offset, cuts) => batch.add(bytes, index, offset, cuts),
    onLogMember: (name, value) => {
      if (name === 'creator') merge.push(() => capture.setCreator(value));
      if (name !== 'pages') return;
      batch.flush();
      pool.pages(value);
      merge.push(() => capture.setPages(value));
    },
    onProblem: (problem, entryIndex) => {
      batch.flush();
      merge.push(() => {
        if (entryIndex === undefined) capture.result.problems.push(problem);
        else capture.addUnreadable(problem);
      });
    },
  };
  const stream = createHarStream(handlers, options);
  for await (const chunk of chunks) {
    options.signal?.throwIfAborted();
    const going = stream.push(chunk);
    options.onProgress?.(stream.bytes, stream.entries);
    await merge.waitBelow(workers * IN_FLIGHT_PER_WORKER);
    if (!going) break;
  }
  const end = stream.end();
  batch.flush();
  await merge.done();
  return harReadResult(capture, end);
}

interface Batcher {
  add(bytes: Uint8Array, index: number, offset: number, cuts?: readonly StringCut[]): void;
  flush(): void;
}

/** Gathers entries' bytes into one buffer per batch (the reader's bytes are a view of its chunk). */
function createBatcher(batchBytes: number, send: (bytes: Uint8Array, items: BatchItem[]) => void): Batcher {
  let buffer = new Uint8Array(0);
  let used = 0;
  let items: BatchItem[] = [];
  const flush = () => {
    if (items.length === 0) return;
    send(buffer.subarray(0, used), items);
    buffer = new Uint8Array(0);
    used = 0;
    items = [];
  };
  return {
    add(bytes, index, offset, cuts) {
      if (used + bytes.length > buffer.length) {
        flush();
        buffer = new Uint8Array(Math.max(batchBytes, bytes.length));
      }
      buffer.set(bytes, used);
      const item: BatchItem = { index, start: used, end: used + bytes.length, offset };
      if (cuts) item.cuts = cuts;
      items.push(item);
      used += bytes.length;
      if (used >= batchBytes) flush();
    },
    flush,
  };
}
