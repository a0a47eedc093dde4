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

/** Candidates per digit batch: small enough that a thread notices other threads' cracks soon after. */
const DIGIT_BATCH = 8192;

/** Lets the event loop run (messages from other threads: targets cracked elsewhere). */
const yieldToEvents = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function runDigits(task: CrackTask & { kind: 'digits' }, cracker: TaskCracker, found: FoundSink) {
  let tried = 0;
  for (let from = task.range.from; from < task.range.to && cracker.remaining() > 0; from += DIGIT_BATCH) {
    const batch = packDigitRange({
      length: task.range.length,
      from,
      to: Math.min(task.range.to, from + DIGIT_BATCH),
    });
    tryAll(batch, cracker, found);
    tried += batch.count;
    await yieldToEvents();
  }
  return { tried, lines: 0, problems: [] };
}

/**
 * Runs one task against `cracker`, reporting each secret as soon as it is confirmed. Shared by the worker
 * threads and this thread; it yields between batches, so a target cracked elsewhere stops it early.
 * Rejects only when the file cannot be read.
 */
export async function runTask(task: CrackTask, cracker: TaskCracker, found: FoundSink): Promise<TaskResult> {
  return task.kind === 'wordlist' ? runWordlist(task, cracker, found) : runDigits(task, cracker, found);
}
