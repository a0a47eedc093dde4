import { open } from 'node:fs/promises';
import { candidateListsFrom } from '../../core/secrets/candidate-lists';
import { packDigitRange } from '../../core/secrets/digit-candidates';
import type { HmacMatch } from '../../core/secrets/hmac-types';
import { type CandidateBatch, candidateAt, packCandidates } from '../../core/secrets/pack-candidates';
import type { SecretOrigin } from '../../core/secrets/secret-hits';
import { createWordlistSplitter, type WordlistProblem } from '../../core/secrets/wordlist-splitter';
import { readLineRange } from './read-range';
import type { CrackTask } from './tasks';

/** The part of an HMAC cracker a task needs. */
export interface TaskCracker {
  tryBatch(candidates: Uint8Array, offsets: Int32Array, count: number, ends?: Int32Array): HmacMatch[];
  remaining(): number;
}

/**
 * Called for each secret found, with a copy of its bytes and, when the task mixes sources (the built-in
 * phase), where the secret came from.
 */
export type FoundSink = (target: number, secret: Uint8Array, origin?: SecretOrigin) => void;

export interface TaskResult {
  tried: number;
  /** Lines in the range and the skipped ones (line numbers relative to the range). */
  lines: number;
  problems: WordlistProblem[];
}

const CHUNK_BYTES = 256 * 1024;

function tryAll(
  batch: CandidateBatch,
  cracker: TaskCracker,
  found: FoundSink,
  origin?: (candidate: number) => SecretOrigin,
): void {
  for (const match of cracker.tryBatch(batch.bytes, batch.offsets, batch.count, batch.ends)) {
    found(match.target, candidateAt(batch, match.candidate).slice(), origin?.(match.candidate));
  }
}

/** Published secrets, the built-in weak list, then the capture's own candidates, in that order. */
function runBuiltIn(task: CrackTask & { kind: 'built-in' }, cracker: TaskCracker, found: FoundSink) {
  let tried = 0;
  for (const list of candidateListsFrom(task.capture)) {
    if (cracker.remaining() === 0) break;
    const batch = packCandidates(list.candidates);
    tryAll(batch, cracker, found, list.origin);
    tried += batch.count;
  }
  return { tried, lines: 0, problems: [] };
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
  if (task.kind === 'built-in') return runBuiltIn(task, cracker, found);
  return task.kind === 'wordlist' ? runWordlist(task, cracker, found) : runDigits(task, cracker, found);
}
