import type { SecretOrigin } from '../../core/secrets/secret-hits';
import type { TaskResult } from './run-task';
import type { CrackTask } from './tasks';

/** Main thread → worker: a task to run, or a target cracked elsewhere (stop trying it). */
export type ToWorker = { type: 'task'; id: number; task: CrackTask } | { type: 'cracked'; target: number };

/** Worker → main thread: a secret (as soon as found), then the task's end. Errors are plain data. */
export type FromWorker =
  | { type: 'found'; id: number; target: number; secret: Uint8Array; origin?: SecretOrigin }
  | { type: 'done'; id: number; result: TaskResult }
  | { type: 'failed'; id: number; error: { code?: string; message: string } };
