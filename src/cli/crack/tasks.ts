import type { CaptureValues } from '../../core/secrets/capture-candidates';
import { type DigitRange, planDigitRanges } from '../../core/secrets/digit-candidates';

/** Bytes of wordlist per task: small enough to balance two cores and stop early, large enough to be cheap. */
export const RANGE_BYTES = 1 << 20;

/**
 * A slice of work for one worker: the lines starting in a byte range of a wordlist, a digit range, or the
 * built-in phase (published and weak secrets, and the candidates derived from the capture's values).
 */
export type CrackTask =
  | { kind: 'wordlist'; path: string; fileIndex: number; rangeIndex: number; start: number; end: number }
  | { kind: 'digits'; range: DigitRange }
  | { kind: 'built-in'; capture: CaptureValues };

/** A wordlist to read, with its size (from `stat`). */
export interface WordlistFile {
  path: string;
  size: number;
}

/** Cuts the wordlists into byte ranges (in file order) and the digit space into ranges, digits last. */
export function planTasks(
  files: readonly WordlistFile[],
  bruteDigits = 0,
  rangeBytes = RANGE_BYTES,
): CrackTask[] {
  const tasks: CrackTask[] = [];
  files.forEach((file, fileIndex) => {
    for (let start = 0, rangeIndex = 0; start < file.size; start += rangeBytes, rangeIndex++) {
      const end = Math.min(file.size, start + rangeBytes);
      tasks.push({ kind: 'wordlist', path: file.path, fileIndex, rangeIndex, start, end });
    }
  });
  for (const range of planDigitRanges(bruteDigits)) tasks.push({ kind: 'digits', range });
  return tasks;
}

/** How many candidates or bytes a task covers, for progress (the built-in phase is not counted). */
export function taskSize(task: CrackTask): number {
  if (task.kind === 'built-in') return 0;
  return task.kind === 'wordlist' ? task.end - task.start : task.range.to - task.range.from;
}
