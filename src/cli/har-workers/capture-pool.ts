import { Worker } from 'node:worker_threads';
import { type BatchCapturer, createBatchCapturer } from './capture-batch';
import type { BatchItem, CapturedItem, FromCaptureWorker, ToCaptureWorker } from './protocol';

/**
 * Capture worker threads for one read (the workers keep its page origins); a batch a worker cannot take
 * (it died, it threw) is captured on this thread.
 */
export interface CapturePool {
  /** `log.pages`, for every batch sent after it. */
  pages(pages: unknown): void;
  /** Captures a batch on the least busy worker; resolves to its entries in order. Never rejects. */
  capture(bytes: Uint8Array, items: BatchItem[]): Promise<CapturedItem[]>;
  stop(): Promise<void>;
}

interface Job {
  bytes: Uint8Array;
  items: BatchItem[];
  resolve(entries: CapturedItem[]): void;
}

interface Slot {
  worker: Worker;
  jobs: Map<number, Job>;
  dead: boolean;
}

/** Starts `count` workers from the built worker script `file` right away, so their start-up overlaps the read. */
export function createCapturePool(file: URL, count: number): CapturePool {
  const slots: Slot[] = [];
  // Kept in step with the workers' page origins, for batches this thread captures itself.
  let local: BatchCapturer | undefined;
  const pagesSeen: unknown[] = [];
  const here = (): BatchCapturer => {
    if (!local) {
      local = createBatchCapturer();
      for (const pages of pagesSeen) local.setPages(pages);
    }
    return local;
  };
  const fallBack = (job: Job) => job.resolve(here().capture(job.bytes, job.items));
  const die = (slot: Slot) => {
    if (slot.dead) return;
    slot.dead = true;
    for (const job of slot.jobs.values()) fallBack(job);
    slot.jobs.clear();
  };
  for (let i = 0; i < count; i++) {
    const slot: Slot = { worker: new Worker(file), jobs: new Map(), dead: false };
    slot.worker.on('message', (message: FromCaptureWorker) => {
      const job = slot.jobs.get(message.id);
      if (!job) return;
      slot.jobs.delete(message.id);
      if ('error' in message) fallBack(job);
      else job.resolve(message.entries);
    });
    slot.worker.on('error', () => die(slot));
    slot.worker.on('exit', () => die(slot));
    slots.push(slot);
  }
  let nextId = 0;
  const post = (slot: Slot, message: ToCaptureWorker, transfer: ArrayBuffer[] = []) =>
    slot.worker.postMessage(message, transfer);
  return {
    pages(pages) {
      pagesSeen.push(pages);
      local?.setPages(pages);
      for (const slot of slots) if (!slot.dead) post(slot, { type: 'pages', pages });
    },
    capture(bytes, items) {
      return new Promise((resolve) => {
        const job: Job = { bytes, items, resolve };
        const slot = leastBusy(slots);
        if (!slot) return fallBack(job);
        const id = nextId++;
        slot.jobs.set(id, job);
        // A copy goes over: the bytes stay here until the worker answers, for `fallBack`.
        const buffer = bytes.buffer.slice(
          bytes.byteOffset,
          bytes.byteOffset + bytes.byteLength,
        ) as ArrayBuffer;
        post(slot, { type: 'batch', id, buffer, items }, [buffer]);
      });
    },
    async stop() {
      // Batches still out (the read was stopped) are dropped, not captured here.
      const live = slots.filter((slot) => !slot.dead);
      for (const slot of slots) {
        slot.dead = true;
        slot.jobs.clear();
      }
      await Promise.all(live.map((slot) => slot.worker.terminate()));
    },
  };
}

function leastBusy(slots: readonly Slot[]): Slot | undefined {
  let best: Slot | undefined;
  for (const slot of slots) if (!slot.dead && (!best || slot.jobs.size < best.jobs.size)) best = slot;
  return best;
}
