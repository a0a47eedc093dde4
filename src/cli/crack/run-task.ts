import { open } from 'node:fs/promises';
import { packDigitRange } from '../../core/secrets/digit-candidates';
import type { HmacMatch } from '../../core/secrets/hmac-types';
import { type CandidateBatch, candidateAt } from '../../core/secrets/pack-candidates';
import { createWordlistSplitter, type WordlistProblem } from '../../core/secrets/wordlist-splitter';
import { readLineRange } from './read-range';
import type { CrackTask } from './tasks';

/** The part of an HMAC cracker a task needs. */
export interface TaskCracker {
  tryBatch(candidates: Uint8Array, offsets: Int32Array, count: number, ends?: Int32Array): HmacMatch[];
  remaining(): number;
}

/** Called for each secret found, with a copy of its bytes. */
export type FoundSink = (target: number, secret: Uint8Array) => void;

export interface TaskResult {
  tried: number;
  /** Lines in the range and the skipped ones (line numbers relative to the range). */
  lines: number;
  problems: WordlistProblem[];
}

const CHUNK_BYTES = 256 * 1024;

function tryAll(batch: CandidateBatch, cracker: TaskCracker, found: FoundSink): void {
  for (const match of cracker.tryBatch(batch.bytes, batch.offsets, batch.count, batch.ends)) {
    found(match.target, candidateAt(batch, match.candidate).slice());
  }
}

async function runWordlist(task: CrackTask & { kind: 'wordlist' }, cracker: TaskCracker, found: FoundSink) {
  const splitter = createWordlistSplitter({ atFileStart: task.start === 0 });
  const handle = await open(task.path, 'r');
  let tried = 0;
  try {
    await readLineRange(handle, task.start, task.end, Buffer.allocUnsafe(CHUNK_BYTES), (chunk) => {
      const batch = splitter.push(chunk);
      tryAll(batch, cracker, found);
      tried += batch.count;
      return cracker.remaining() > 0;
    });
  } finally {
    await handle.close();
  }
  const last = splitter.end();
  if (cracker.remaining() > 0) tryAll(last, cracker, found);
  const stats = splitter.stats();
  return { tried: tried + last.count, lines: stats.lines, problems: stats.problems };
}

/**
 * Runs one task against `cracker`, reporting each secret as soon as it is confirmed. Shared by the worker
 * threads and the in-thread fallback. Rejects only when the file cannot be read.
 */
export async function runTask(task: CrackTask, cracker: TaskCracker, found: FoundSink): Promise<TaskResult> {
  if (task.kind === 'wordlist') return runWordlist(task, cracker, found);
  const batch = packDigitRange(task.range);
  tryAll(batch, cracker, found);
  return { tried: batch.count, lines: 0, problems: [] };
}
