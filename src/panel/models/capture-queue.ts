import { captureEntry } from '../../core/capture';
import type { CaptureResult } from '../../core/types';
import type { SourceEntry } from '../capture-source';
import type { Scheduler } from './scheduler';

/** What the queue needs from its owner. */
export interface CaptureQueueOptions {
  schedule: Scheduler;
  /** Milliseconds, monotonic enough for a frame budget. */
  clock: () => number;
  budgetMs: number;
  maxPending: number;
  /** Origin of the inspected page, asked per entry (it changes on navigation). */
  pageOrigin: () => string | undefined;
  /** Receives each capture, in arrival order, with the entry it came from (absent if capture failed). */
  onCapture: (capture: CaptureResult, item?: SourceEntry) => void;
  /** Called once per frame that processed anything, with the number of entries still waiting. */
  onFrame: (pending: number) => void;
}

/** Live entries wait here and are captured a frame at a time, so a burst never blocks the panel. */
export interface CaptureQueue {
  push(entry: SourceEntry): boolean;
  /** Captures everything pending now, ignoring the budget (tests, export, import). */
  drain(): void;
  clear(): void;
  readonly pending: number;
  /** Entries dropped because the queue was full. */
  readonly dropped: number;
}

/** Creates the per-frame capture queue. */
export function createCaptureQueue(options: CaptureQueueOptions): CaptureQueue {
  let queue: Array<SourceEntry | undefined> = [];
  let head = 0;
  let dropped = 0;
  let scheduled = false;

  function captureOne(item: SourceEntry): void {
    // Listeners are isolated: one entry that trips a bug must not stop capture (STYLE.md).
    try {
      options.onCapture(captureEntry(item.entry, item.requestId, options.pageOrigin()), item);
    } catch {
      options.onCapture({
        sightings: [],
        observations: [],
        keyDocuments: [],
        problems: [`entry ${item.requestId}: could not be captured`],
        entryCount: 1,
      });
    }
  }

  function run(budget: number): void {
    const start = options.clock();
    let processed = 0;
    while (head < queue.length && (processed === 0 || options.clock() - start < budget)) {
      const item = queue[head];
      queue[head] = undefined; // release the entry for GC as soon as it is used
      head++;
      processed++;
      if (item) captureOne(item);
    }
    if (head >= queue.length) {
      queue = [];
      head = 0;
    }
    if (processed > 0) options.onFrame(queue.length - head);
  }

  function frame(): void {
    scheduled = false;
    run(options.budgetMs);
    if (head < queue.length) schedule();
  }

  function schedule(): void {
    if (scheduled) return;
    scheduled = true;
    options.schedule(frame);
  }

  return {
    push(entry) {
      if (queue.length - head >= options.maxPending) {
        dropped++;
        return false;
      }
      queue.push(entry);
      schedule();
      return true;
    },
    drain: () => run(Number.POSITIVE_INFINITY),
    clear() {
      queue = [];
      head = 0;
      dropped = 0;
    },
    get pending() {
      return queue.length - head;
    },
    get dropped() {
      return dropped;
    },
  };
}
