/** Runs `fn` once, later: on the panel's next tick, by hand in tests. */
export type Scheduler = (fn: () => void) => void;

/**
 * The panel's tick, ms: captured requests reach the list at most this late. 20 a second rather than 60:
 * during traffic every tick is a task of its own (timer, signal batch, capture frame), and the list
 * refreshes a few times a second anyway (`MIN_PUBLISH_INTERVAL_MS`).
 */
export const TICK_MS = 50;

/**
 * The panel's scheduler: the callbacks queued before a tick run together on it (one timer, one batch of
 * signal updates), so a burst of thousands of requests costs one render per tick. A timer, not
 * `requestAnimationFrame`: a pending animation frame makes the browser produce a frame (style, layout,
 * paint) even when nothing changed, which during live capture was a cost on every frame; with a timer the
 * page only renders when the DOM did change.
 */
export function createTickScheduler(tickMs = TICK_MS): Scheduler {
  let queue: Array<() => void> = [];
  const tick = (): void => {
    const batch = queue;
    queue = [];
    // Callbacks are isolated: one that throws must not drop the others of its tick.
    for (const fn of batch) {
      try {
        fn();
      } catch (error) {
        reportError(error); // still reaches the console, as an uncaught error would
      }
    }
  };
  return (fn) => {
    queue.push(fn);
    if (queue.length === 1) setTimeout(tick, tickMs);
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
