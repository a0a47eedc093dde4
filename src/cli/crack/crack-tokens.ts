import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { collectCaptureValues, type TokenWithSightings } from '../../core/secrets/capture-candidates';
import { createHmacCracker, type HmacCracker } from '../../core/secrets/hmac-cracker';
import type { SecretOrigin } from '../../core/secrets/secret-hits';
import { createSecretSearch, type SecretSearch } from '../../core/secrets/secret-search';
import type { CaptureHit, ParsedToken } from '../../core/types';
import { describeFsError } from '../errors';
import { builtWorkerFile } from '../worker-file';
import { tryBuiltInSources } from './built-in-sources';
import { createProblemLog, type ProblemLog } from './problem-log';
import { runTask, type TaskResult } from './run-task';
import { type CrackTask, planTasks, taskSize, type WordlistFile } from './tasks';
import { createWorkerPool, type WorkerPool } from './worker-pool';

/** Progress of the wordlist and brute-force phase (the built-in phase takes milliseconds). */
export interface CrackProgress {
  /** Wordlist bytes plus digit candidates covered so far, out of `total`. */
  done: number;
  total: number;
  tried: number;
  cracked: number;
  targets: number;
}

export interface CrackOptions {
  /** Wordlist files (one secret per line; streamed, any size). */
  wordlists?: readonly string[];
  /** Also try every numeric secret of 1 to N digits (N ≤ 6). */
  bruteDigits?: number;
  onProgress?: (progress: CrackProgress) => void;
  /** Skipped lines, unreadable files: one line each, never fatal. */
  onProblem?: (message: string) => void;
  /**
   * Threads that crack, this one included (default: every core). This thread takes wordlist and digit
   * tasks too, as it would otherwise sit waiting. 1 runs everything here.
   */
  threads?: number;
  /** The built worker script; default: `crack-worker.js` next to the built CLI. */
  workerFile?: URL;
  /** Published and built-in secrets and capture-derived candidates first (default true). */
  builtIn?: boolean;
  /** Every token against every candidate, not one token per key group (`--crack-each`). */
  eachToken?: boolean;
}

async function statWordlists(
  paths: readonly string[],
  log: (message: string) => void,
): Promise<WordlistFile[]> {
  const files: WordlistFile[] = [];
  for (const path of paths) {
    try {
      const info = await stat(path);
      if (!info.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
      files.push({ path, size: info.size });
    } catch (error) {
      log(`${path}: ${describeFsError(error)}`);
    }
  }
  return files;
}

function originOf(task: CrackTask): SecretOrigin {
  if (task.kind === 'built-in') return { kind: 'built-in' };
  return task.kind === 'wordlist' ? { kind: 'wordlist', name: task.path } : { kind: 'digits' };
}

/** Takes tasks from the shared queue on this thread until it is empty or every token is cracked. */
async function drainInThread(
  search: SecretSearch,
  queue: CrackTask[],
  cracker: HmacCracker,
  handlers: TaskHandlers,
) {
  for (let task = queue.shift(); task && !search.done(); task = queue.shift()) {
    const current = task;
    try {
      handlers.done(
        current,
        await runTask(current, cracker, (target, secret) => handlers.found(current, target, secret)),
      );
    } catch (error) {
      handlers.failed(current, { code: (error as { code?: string }).code, message: String(error) });
    }
  }
}

interface TaskHandlers {
  found(task: CrackTask, target: number, secret: Uint8Array, origin?: SecretOrigin): void;
  done(task: CrackTask, result: TaskResult): void;
  failed(task: CrackTask, error: { code?: string; message: string }): void;
}

/**
 * The built-in phase in a worker thread, so this thread goes on (the scan audits meanwhile); on this
 * thread when the worker fails. Only the capture's values cross over; the worker derives the candidates.
 */
async function builtInInPool(
  pool: WorkerPool,
  search: SecretSearch,
  tokens: readonly (ParsedToken | TokenWithSightings)[],
  handlers: TaskHandlers,
): Promise<CaptureHit[]> {
  const task: CrackTask = { kind: 'built-in', capture: collectCaptureValues(tokens) };
  let failed = false;
  // Not a wordlist or digit task: no progress, no problem log; a failure means "run it here instead".
  await pool.run([task], { ...handlers, done: () => {}, failed: () => (failed = true) });
  return failed ? tryBuiltInSources(search, tokens) : [];
}

/**
 * Looks for the HMAC secret of every HS256/384/512 token: published and built-in secrets and candidates
 * derived from the capture first (tens of milliseconds, in a worker thread when there is a second core,
 * so the caller's own work goes on), then the wordlists and the numeric brute force on every core (worker
 * threads, and this thread). Stops as soon as every token is cracked. Problems with wordlists (missing
 * file, NUL bytes, over-long lines) go to `onProblem` and never stop the scan.
 */
export async function crackTokens(
  tokens: readonly (ParsedToken | TokenWithSightings)[],
  options: CrackOptions = {},
): Promise<CaptureHit[]> {
  const search = createSecretSearch(tokens, { eachToken: options.eachToken ?? false });
  if (search.targets.length === 0) return [];
  const report = options.onProblem ?? (() => {});
  const queue = planTasks(await statWordlists(options.wordlists ?? [], report), options.bruteDigits ?? 0);
  const workerFile = options.workerFile ?? builtWorkerFile('crack-worker');
  const builtIn = options.builtIn !== false;
  // This thread takes a queued task too; the built-in phase wants a worker of its own.
  const wanted = Math.max(queue.length - 1, builtIn ? 1 : 0);
  const workers = Math.min((options.threads ?? availableParallelism()) - 1, wanted);
  const pool =
    workers > 0 && workerFile ? createWorkerPool(workerFile, workers, search.representatives) : undefined;
  const hits: CaptureHit[] = [];
  const log = createProblemLog();
  const handlers = createHandlers(search, hits, log, queue, options);
  let local: HmacCracker | undefined;
  handlers.onCracked = (target) => {
    pool?.cracked(target);
    local?.markCracked(target);
    if (search.done()) pool?.drain();
  };
  // Without wordlists or digits, a worker runs the built-in phase so the scan's audit goes on here. With
  // them, this thread runs it at once instead of waiting ~100 ms for a worker to start, and the workers
  // start meanwhile; they get wordlist tasks only after it, so the first origin to find a secret is fixed.
  if (builtIn && pool && queue.length === 0)
    hits.push(...(await builtInInPool(pool, search, tokens, handlers)));
  else if (builtIn) hits.push(...tryBuiltInSources(search, tokens));
  if (search.done() || queue.length === 0) {
    await pool?.stop();
    return hits;
  }
  local = createHmacCracker(search.representatives);
  for (const target of search.crackedRepresentatives()) handlers.onCracked(target);
  await Promise.all([pool?.run(queue, handlers), drainInThread(search, queue, local, handlers)]);
  await pool?.stop();
  for (const message of log.messages()) report(message);
  return hits;
}

function createHandlers(
  search: SecretSearch,
  hits: CaptureHit[],
  log: ProblemLog,
  tasks: readonly CrackTask[],
  options: CrackOptions,
): TaskHandlers & { onCracked?: (target: number) => void } {
  const total = tasks.reduce((sum, task) => sum + taskSize(task), 0);
  let done = 0;
  let tried = 0;
  const handlers: TaskHandlers & { onCracked?: (target: number) => void } = {
    found(task, target, secret, origin) {
      if (search.crackedRepresentatives().has(target)) return;
      const before = new Set(search.crackedRepresentatives());
      hits.push(...search.reportFound(target, secret, origin ?? originOf(task)));
      for (const cracked of search.crackedRepresentatives())
        if (!before.has(cracked)) handlers.onCracked?.(cracked);
    },
    done(task, result) {
      log.done(task, result);
      done += taskSize(task);
      tried += result.tried;
      options.onProgress?.({
        done,
        total,
        tried,
        cracked: search.crackedTokens(),
        targets: search.targets.length,
      });
    },
    failed: (task, error) => log.failed(task, error),
  };
  return handlers;
}
