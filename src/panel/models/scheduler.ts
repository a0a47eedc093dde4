/** Runs `fn` once, later: on the next animation frame in the panel, by hand in tests. */
export type Scheduler = (fn: () => void) => void;

/**
 * The panel's scheduler: one callback per animation frame, so a burst of thousands of requests costs one
 * render per frame. Falls back to a timer where `requestAnimationFrame` is missing (workers, Node).
 */
export function createFrameScheduler(): Scheduler {
  return (fn) => {
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => fn());
    else setTimeout(fn, 16);
  };
}

/** A scheduler for tests: callbacks wait until `run()` is called. */
export interface ManualScheduler {
  schedule: Scheduler;
  /** Runs every callback queued so far (and those they queue, up to a limit); returns how many ran. */
  run(): number;
  /** Runs one frame: the callbacks queued so far, not those they queue (as requestAnimationFrame does). */
  runFrame(): number;
  readonly pending: number;
}

/** Creates a manual scheduler; deterministic, so tests assert exactly what one frame does. */
export function createManualScheduler(): ManualScheduler {
  let queue: Array<() => void> = [];
  return {
    schedule: (fn) => {
      queue.push(fn);
    },
    run: () => {
      let ran = 0;
      // Bounded so a callback that always reschedules cannot hang a test.
      for (let round = 0; round < 1000 && queue.length > 0; round++) {
        const batch = queue;
        queue = [];
        for (const fn of batch) fn();
        ran += batch.length;
      }
      return ran;
    },
    runFrame: () => {
      const batch = queue;
      queue = [];
      for (const fn of batch) fn();
      return batch.length;
    },
    get pending() {
      return queue.length;
    },
  };
}
