import { Worker } from 'node:worker_threads';
import type { HmacTarget } from '../../core/secrets/hmac-types';
import { hs256KernelModule } from '../../core/secrets/hs256-wasm';
import type { SecretOrigin } from '../../core/secrets/secret-hits';
import type { TaskResult } from './run-task';
import type { CrackTask } from './tasks';
import type { FromWorker, ToWorker } from './worker-protocol';

/** What the pool reports while it runs. */
export interface PoolHandlers {
  found(task: CrackTask, target: number, secret: Uint8Array, origin?: SecretOrigin): void;
  done(task: CrackTask, result: TaskResult): void;
  failed(task: CrackTask, error: { code?: string; message: string }): void;
}

/** Worker threads sharing a queue of tasks. */
export interface WorkerPool {
  /**
   * Runs tasks from `queue`, a list it shares with the caller (who may take tasks from it too); resolves
   * when the queue is empty and the workers idle, when every worker has died, or on `stop()`.
   */
  run(queue: CrackTask[], handlers: PoolHandlers): Promise<void>;
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

/** The pool's shared state; the functions below act on it. */
interface Pool {
  slots: Slot[];
  queue: CrackTask[];
  nextId: number;
  finish?: () => void;
  handlers?: PoolHandlers;
}

function post(slot: Slot, message: ToWorker): void {
  if (!slot.dead) slot.worker.postMessage(message);
}

/** Resolves `run` when nothing is queued or running, or when every worker has died (the caller drains the queue). */
function settleIfIdle(pool: Pool): void {
  if (pool.slots.every((s) => s.dead || (!s.task && pool.queue.length === 0))) pool.finish?.();
}

function feed(pool: Pool, slot: Slot): void {
  const task = pool.queue.shift();
  slot.task = task && { id: pool.nextId++, task };
  if (slot.task) post(slot, { type: 'task', ...slot.task });
  settleIfIdle(pool);
}

function onMessage(pool: Pool, slot: Slot, message: FromWorker): void {
  const current = slot.task;
  const { handlers } = pool;
  if (!current || current.id !== message.id || !handlers) return;
  if (message.type === 'found') {
    handlers.found(current.task, message.target, message.secret, message.origin);
    return;
  }
  if (message.type === 'done') handlers.done(current.task, message.result);
  else handlers.failed(current.task, message.error);
  feed(pool, slot);
}

function onDeath(pool: Pool, slot: Slot, error: Error | number): void {
  if (slot.dead) return;
  slot.dead = true;
  if (slot.task) pool.handlers?.failed(slot.task.task, { message: `worker stopped: ${String(error)}` });
  slot.task = undefined;
  settleIfIdle(pool);
}

/**
 * Starts `count` workers right away (so their start-up overlaps the caller's own work) from the built
 * worker script `file`. Tasks are handed out one at a time to whichever worker is free, which balances
 * the load even when other processes share the cores.
 */
export function createWorkerPool(file: URL, count: number, targets: readonly HmacTarget[]): WorkerPool {
  // Compiled once here and shared: the workers start with the same native code instead of each compiling.
  const kernel = hs256KernelModule() ?? undefined;
  const pool: Pool = { slots: [], queue: [], nextId: 0 };
  for (let i = 0; i < count; i++) {
    const slot: Slot = { worker: new Worker(file, { workerData: { targets, kernel } }), dead: false };
    slot.worker.on('message', (message: FromWorker) => onMessage(pool, slot, message));
    slot.worker.on('error', (error) => onDeath(pool, slot, error));
    slot.worker.on('exit', (code) => onDeath(pool, slot, code));
    pool.slots.push(slot);
  }
  return {
    run: (queue, handlers) =>
      new Promise<void>((resolve) => {
        Object.assign(pool, { handlers, queue, finish: resolve });
        for (const slot of pool.slots) if (!slot.dead && !slot.task) feed(pool, slot);
        settleIfIdle(pool);
      }),
    cracked: (target) => {
      for (const slot of pool.slots) post(slot, { type: 'cracked', target });
    },
    drain: () => {
      // In place: the caller shares this array.
      pool.queue.length = 0;
      settleIfIdle(pool);
    },
    async stop() {
      pool.queue.length = 0;
      pool.handlers = undefined;
      for (const slot of pool.slots) slot.task = undefined;
      await Promise.all(pool.slots.map((slot) => (slot.dead ? undefined : slot.worker.terminate())));
      pool.finish?.();
    },
  };
}
