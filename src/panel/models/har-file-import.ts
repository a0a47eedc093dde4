import { createHarImportSession, type HarImportBatch } from './har-import-session';

/** One step of a streamed import: its batch and whether the file is done; `error` when nothing could be read. */
export type HarImportStep = { batch: HarImportBatch; done: boolean } | { error: string };

/** A file being imported: read and captured a step at a time, in the core worker (or in this page). */
export interface HarImportChannel {
  /** Reads and captures about `IMPORT_STEP_BYTES` more of the file. */
  next(): Promise<HarImportStep>;
  /** Stops reading (Cancel): nothing more is read. */
  cancel(): Promise<void>;
}

/** Opens a file for a streamed import: the devtools glue hands the panel one backed by the core worker. */
export type HarImporter = (file: Blob, importNumber: number) => Promise<HarImportChannel>;

/** Bytes read and captured per step: few round trips, and a step's work stays short. */
export const IMPORT_STEP_BYTES = 1024 * 1024;

/**
 * Reads `file` with `Blob.stream()` through a HAR import session: each `next()` pushes the stream's
 * chunks until `stepBytes` more were read (or the file ends, or turns out broken) and returns what
 * they captured. In the extension this runs in the core worker and the page only asks for the next
 * step, so no byte of the file crosses the panel's UI thread.
 */
export function createBlobImport(
  file: Blob,
  importNumber: number,
  stepBytes = IMPORT_STEP_BYTES,
): HarImportChannel {
  const session = createHarImportSession(importNumber);
  const reader = file.stream().getReader();
  let finished = false;
  const stop = async (): Promise<void> => {
    finished = true;
    await reader.cancel().catch(() => undefined);
  };
  return {
    async next() {
      if (finished) return { error: 'the import has ended' };
      let read = 0;
      while (read < stepBytes) {
        const { done, value } = await reader.read();
        // A fault stops the read: the end says what it was, after everything before it.
        if (done || !session.push(value)) {
          await stop();
          const end = session.end();
          return 'error' in end ? end : { batch: end, done: true };
        }
        read += value.length;
      }
      return { batch: session.take(), done: false };
    },
    cancel: stop,
  };
}

/** The fallback importer (tests, the harness page): the same reading, in this page. */
export const inPageHarImporter: HarImporter = (file, importNumber) =>
  Promise.resolve(createBlobImport(file, importNumber));

export interface FileImportOptions {
  /** Each batch, as soon as it is captured (the caller adds it to the audit). */
  onBatch(batch: HarImportBatch): void;
  /** Bytes of the file read so far, and its size. */
  onProgress?(bytes: number, size: number): void;
  /** Cancel: reading stops after the step under way; batches already handed over stay with the caller. */
  signal?: AbortSignal;
}

/** How a file import ended: read to its end (or its fault), or cancelled after `entries` entries. */
export type FileImportOutcome =
  | { end: HarImportBatch | { error: string } }
  | { cancelled: true; entries: number; bytes: number };

/** Drives a channel to the end of its file (or Cancel), handing each batch over as it comes. */
export async function importHarFile(
  size: number,
  channel: HarImportChannel,
  options: FileImportOptions,
): Promise<FileImportOutcome> {
  const seen = { entries: 0, bytes: 0 };
  for (;;) {
    if (options.signal?.aborted) {
      await channel.cancel();
      return { cancelled: true, ...seen };
    }
    const step = await channel.next();
    if ('error' in step) return { end: step };
    const { batch } = step;
    seen.entries = batch.entries;
    seen.bytes = batch.bytes;
    options.onBatch(batch);
    options.onProgress?.(batch.bytes, size);
    if (step.done) return { end: batch };
  }
}
