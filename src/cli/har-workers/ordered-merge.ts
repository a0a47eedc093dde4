/**
 * Steps applied strictly in the order pushed, each once the ones before it are done: a worker's batch
 * that comes back early waits for the batches before it. `pending` counts the steps not yet applied.
 */
export interface OrderedMerge {
  push(step: () => void | Promise<void>): void;
  /** Resolves once at most `count` steps are pending. */
  waitBelow(count: number): Promise<void>;
  /** Resolves once every step pushed is applied; rejects with the first step's error. */
  done(): Promise<void>;
}

export function createOrderedMerge(): OrderedMerge {
  let tail: Promise<void> = Promise.resolve();
  let pending = 0;
  let waiters: { count: number; resolve(): void }[] = [];
  const settle = () => {
    pending--;
    const ready = waiters.filter((w) => pending <= w.count);
    waiters = waiters.filter((w) => pending > w.count);
    for (const w of ready) w.resolve();
  };
  return {
    push(step) {
      pending++;
      tail = tail.then(step).finally(settle);
    },
    waitBelow: (count) =>
      pending <= count ? Promise.resolve() : new Promise((resolve) => waiters.push({ count, resolve })),
    done: () => tail,
  };
}
