import { Worker } from 'node:worker_threads';
import type { HmacTarget } from '../../core/secrets/hmac-types';
import { hs256KernelModule } from '../../core/secrets/hs256-wasm';
import type { TaskResult } from './run-task';
import type { CrackTask } from './tasks';
import type { FromWorker, ToWorker } from './worker-protocol';

/** What the pool reports while it runs. */
export interface PoolHandlers {
  found(task: CrackTask, target: number, secret: Uint8Array): void;
  done(task: CrackTask, result: TaskResult): void;
  failed(task: CrackTask, error: { code?: string; message: string }): void;
}

/** Worker threads sharing a queue of tasks. */
export interface WorkerPool {
  /**
   * Runs every task; resolves when all are done or `stop()` was called, with the tasks left undone
   * because every worker died (the caller can run them itself).
   */
  run(tasks: readonly CrackTask[], handlers: PoolHandlers): Promise<CrackTask[]>;
  /** Tells every worker a target is cracked. */
  cracked(target: number): void;
  /**
   * Hands out no more tasks; `run` resolves once the running ones report (they stop within a chunk when
   * every target is cracked), so their skipped-line reports are not lost.
   */
  drain(): void;
  /** Drops the queue and ends the workers. */
  stop(): Promise<void>;
}

interface Slot {
  worker: Worker;
  task?: { id: number; task: CrackTask };
  dead: boolean;
}

/**
 * Starts `count` workers right away (so their start-up overlaps the caller's own work) from the built
 * worker script `file`. Tasks are handed out one at a time to whichever worker is free, which balances
 * the load even when other processes share the cores.
 */
export function createWorkerPool(file: URL, count: number, targets: readonly HmacTarget[]): WorkerPool {
  // Compiled once here and shared: the workers start with the same native code instead of each compiling.
  const kernel = hs256KernelModule() ?? undefined;
  const slots: Slot[] = Array.from({ length: count }, () => ({
    worker: new Worker(file, { workerData: { targets, kernel } }),
    dead: false,
  }));
  let queue: CrackTask[] = [];
  let nextId = 0;
  let finish: ((leftover: CrackTask[]) => void) | undefined;
  let handlers: PoolHandlers | undefined;

  const post = (slot: Slot, message: ToWorker): void => {
    if (!slot.dead) slot.worker.postMessage(message);
  };
  const settleIfIdle = (): void => {
    if (slots.every((s) => s.dead)) {
      const leftover = queue;
      queue = [];
      finish?.(leftover);
    } else if (queue.length === 0 && slots.every((s) => s.dead || !s.task)) finish?.([]);
  };
  const feed = (slot: Slot): void => {
    const task = queue.shift();
    slot.task = task && { id: nextId++, task };
    if (slot.task) post(slot, { type: 'task', ...slot.task });
    settleIfIdle();
  };
  const onMessage = (slot: Slot, message: FromWorker): void => {
    const current = slot.task;
    if (!current || current.id !== message.id || !handlers) return;
    if (message.type === 'found') {
      handlers.found(current.task, message.target, message.secret);
      return;
    }
    if (message.type === 'done') handlers.done(current.task, message.result);
    else handlers.failed(current.task, message.error);
    feed(slot);
  };
  const onDeath = (slot: Slot, error: Error | number): void => {
    if (slot.dead) return;
    slot.dead = true;
    if (slot.task && handlers)
      handlers.failed(slot.task.task, { message: `worker stopped: ${String(error)}` });
    slot.task = undefined;
    settleIfIdle();
  };
  for (const slot of slots) {
    slot.worker.on('message', (message: FromWorker) => onMessage(slot, message));
    slot.worker.on('error', (error) => onDeath(slot, error));
    slot.worker.on('exit', (code) => onDeath(slot, code));
  }

  return {
    run(tasks, taskHandlers) {
      handlers = taskHandlers;
      queue = [...tasks];
      return new Promise<CrackTask[]>((resolve) => {
        finish = resolve;
        for (const slot of slots) if (!slot.dead && !slot.task) feed(slot);
        settleIfIdle();
      });
    },
    cracked(target) {
      for (const slot of slots) post(slot, { type: 'cracked', target });
    },
    drain() {
      queue = [];
      settleIfIdle();
    },
    async stop() {
      queue = [];
      handlers = undefined;
      for (const slot of slots) slot.task = undefined;
      await Promise.all(slots.map((slot) => (slot.dead ? undefined : slot.worker.terminate())));
      finish?.([]);
    },
  };
}
