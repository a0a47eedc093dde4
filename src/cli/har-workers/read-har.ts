import { availableParallelism } from 'node:os';
import {
  captureHarChunks,
  type HarChunksOptions,
  type HarReadResult,
} from '../../core/capture/capture-har-stream';
import { builtWorkerFile } from '../worker-file';
import { createCapturePool } from './capture-pool';
import { captureHarChunksParallel } from './parallel-read';

/**
 * Files from this size up are captured on worker threads; smaller ones on this thread, where starting
 * the workers would cost more than they save (measured: see the commit that set it).
 */
export const PARALLEL_MIN_BYTES = 8 * 1024 * 1024;

/**
 * Reads a HAR in chunks: on worker threads (one per core) when the file is large enough and the worker
 * script is built, else on this thread. Both give the same capture. `JWT_LENS_CAPTURE_WORKERS` sets
 * the number of workers (0: this thread only), for benchmarks and tests.
 */
export async function readHarChunks(
  chunks: AsyncIterable<Uint8Array>,
  size: number,
  env: Record<string, string | undefined>,
  options: HarChunksOptions,
): Promise<HarReadResult> {
  const workers = workerCount(size, env);
  const file = workers > 0 ? builtWorkerFile('capture-worker') : undefined;
  if (!file) return captureHarChunks(chunks, options);
  const pool = createCapturePool(file, workers);
  try {
    return await captureHarChunksParallel(chunks, pool, workers, options);
  } finally {
    await pool.stop();
  }
}

function workerCount(size: number, env: Record<string, string | undefined>): number {
  const asked = env.JWT_LENS_CAPTURE_WORKERS;
  if (asked !== undefined && /^\d{1,2}$/.test(asked)) return Number(asked);
  return size >= PARALLEL_MIN_BYTES ? availableParallelism() : 0;
}
