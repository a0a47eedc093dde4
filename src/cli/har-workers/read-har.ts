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
 * Files from this size up are captured on worker threads; smaller ones on this thread. Measured on 2
 * cores (the bench HAR of 50 MB and 10,000 small entries; 60 MB of 150 entries with 400 kB bodies;
 * 4-16 MB): a worker takes 10% (small entries) to 27% (large bodies) of the main thread's CPU, since this
 * thread still delimits every byte, copies the batches and takes the results back; it adds 14-16% to the
 * process's CPU and 40-70 MB to its peak memory. That wins at most ~0.1 s of wall time on the 50 MB
 * bench when the second core is free (and loses when it is not: the crack workers, the signature checks
 * and the collector's helper threads use it too). Only very large files, where the read itself is
 * long, are worth the trade.
 */
export const PARALLEL_MIN_BYTES = 256 * 1024 * 1024;

/**
 * Reads a HAR in chunks: on worker threads (one per core besides this one, which delimits the entries)
 * when the file is large enough and the worker script is built, else on this thread. Both give the
 * same capture. `JWT_LENS_CAPTURE_WORKERS` sets the number of workers (0: this thread only), for
 * benchmarks and tests.
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
  // Two workers on two cores measured slower than one, with more memory: this thread is busy too.
  return size >= PARALLEL_MIN_BYTES ? availableParallelism() - 1 : 0;
}
