import { createHarImportSession, type HarImportBatch, type HarImportEnd } from './har-import-session';

/** One streamed import as the page sees it: the worker's session, or one in this page. */
export interface HarImportChannel {
  push(chunk: Uint8Array): Promise<HarImportBatch>;
  end(): Promise<HarImportEnd>;
  /** Drops the session (after Cancel); nothing more is read or returned. */
  cancel(): void;
}

/** Starts streamed imports: the devtools glue hands the panel one backed by the core worker. */
export type HarImporter = (importNumber: number) => Promise<HarImportChannel>;

/** The fallback (tests, the harness page): the same session, run in this page. */
export const inPageHarImporter: HarImporter = (importNumber) => {
  const session = createHarImportSession(importNumber);
  return Promise.resolve({
    push: (chunk) => Promise.resolve(session.push(chunk)),
    end: () => Promise.resolve(session.end()),
    cancel: () => undefined,
  });
};

/** Bytes handed to the session at a time: few enough round trips, short enough work per step. */
export const IMPORT_CHUNK_BYTES = 1024 * 1024;

export interface FileImportOptions {
  /** Each batch, as soon as it is captured (the caller adds it to the audit). */
  onBatch(batch: HarImportBatch): void;
  /** Bytes of the file read so far, and its size. */
  onProgress?(bytes: number, size: number): void;
  /** Cancel: reading stops at the next chunk; batches already handed over stay with the caller. */
  signal?: AbortSignal;
  chunkBytes?: number;
}

/** How a file import ended: read to its end (or its fault), or cancelled after `entries` entries. */
export type FileImportOutcome = { end: HarImportEnd } | { cancelled: true; entries: number; bytes: number };

/**
 * Streams `file` (`Blob.stream()`) through a channel in chunks of about `chunkBytes`, reading the next
 * chunk while the channel captures the previous one. The page only copies bytes and adds each batch,
 * so it stays responsive whatever the file's size.
 */
export async function importHarFile(
  file: Blob,
  channel: HarImportChannel,
  options: FileImportOptions,
): Promise<FileImportOutcome> {
  const reader = file.stream().getReader();
  const gather = createGatherer(options.chunkBytes ?? IMPORT_CHUNK_BYTES);
  const seen = { entries: 0, bytes: 0 };
  let inflight: Promise<HarImportBatch> | undefined;
  /** Waits for the chunk in flight and hands its batch over; false when the file cannot go on. */
  const settle = async (): Promise<boolean> => {
    if (!inflight) return true;
    const batch = await inflight;
    inflight = undefined;
    seen.entries = batch.entries;
    seen.bytes = batch.bytes;
    options.onBatch(batch);
    options.onProgress?.(batch.bytes, file.size);
    return batch.going;
  };
  const cancelled = async (): Promise<FileImportOutcome | undefined> => {
    if (!options.signal?.aborted) return undefined;
    channel.cancel();
    await reader.cancel().catch(() => undefined);
    return { cancelled: true, ...seen };
  };
  const end = async (): Promise<FileImportOutcome> => {
    await reader.cancel().catch(() => undefined);
    return { end: await channel.end() };
  };
  for (;;) {
    const { done, value } = await reader.read();
    const stop = await cancelled();
    if (stop) return stop;
    for (const chunk of gather(value, done)) {
      if (!(await settle())) return end();
      const stopNow = await cancelled();
      if (stopNow) return stopNow;
      inflight = channel.push(chunk);
    }
    if (done) break;
  }
  await settle();
  return (await cancelled()) ?? end();
}

/**
 * Collects the stream's pieces into chunks of `size` bytes (the last one may be smaller): small pieces
 * are joined, a large one is split, so each step of the capture does a bounded amount of work.
 */
function createGatherer(size: number): (piece: Uint8Array | undefined, last: boolean) => Uint8Array[] {
  let pieces: Uint8Array[] = [];
  let length = 0;
  return (piece, last) => {
    const out: Uint8Array[] = [];
    let rest = piece ?? new Uint8Array(0);
    while (length + rest.length >= size) {
      const take = size - length;
      pieces.push(rest.subarray(0, take));
      rest = rest.subarray(take);
      out.push(concat(pieces, size));
      pieces = [];
      length = 0;
    }
    if (rest.length > 0) {
      pieces.push(rest);
      length += rest.length;
    }
    if (last && length > 0) {
      out.push(concat(pieces, length));
      pieces = [];
      length = 0;
    }
    return out;
  };
}

function concat(pieces: readonly Uint8Array[], length: number): Uint8Array {
  const only = pieces.length === 1 ? (pieces[0] as Uint8Array) : undefined;
  // A view into a larger buffer is copied: posting it to the worker would clone the whole buffer.
  if (only) return only.byteLength === only.buffer.byteLength ? only : only.slice();
  const out = new Uint8Array(length);
  let at = 0;
  for (const piece of pieces) {
    out.set(piece, at);
    at += piece.length;
  }
  return out;
}
