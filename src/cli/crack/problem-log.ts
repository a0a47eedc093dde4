import type { WordlistProblem } from '../../core/secrets/wordlist-splitter';
import { describeFsError } from '../errors';
import type { TaskResult } from './run-task';
import type { CrackTask } from './tasks';

const MAX_PER_FILE = 5;

interface RangeRecord {
  start: number;
  lines: number;
  problems: WordlistProblem[];
}

/** Collects skipped lines and read failures from every task, and words them per file, in line order. */
export interface ProblemLog {
  done(task: CrackTask, result: TaskResult): void;
  failed(task: CrackTask, error: { code?: string; message: string }): void;
  /** One line each: `list.txt: line 12: contains a NUL byte, skipped`. */
  messages(): string[];
}

function fileMessages(path: string, ranges: Map<number, RangeRecord>): string[] {
  const out: string[] = [];
  let linesBefore = 0;
  let contiguous = true;
  let skipped = 0;
  const indices = [...ranges.keys()].sort((a, b) => a - b);
  for (let index = 0; index <= (indices.at(-1) ?? -1); index++) {
    const range = ranges.get(index);
    if (!range) {
      contiguous = false;
      continue;
    }
    for (const problem of range.problems) {
      skipped++;
      if (out.length >= MAX_PER_FILE) continue;
      const where = contiguous ? `line ${linesBefore + problem.line}` : `a line after byte ${range.start}`;
      out.push(`${path}: ${where}: ${problem.reason}`);
    }
    linesBefore += range.lines;
  }
  if (skipped > out.length) out.push(`${path}: …and ${skipped - out.length} more lines skipped`);
  return out;
}

function taskName(task: CrackTask): string {
  if (task.kind === 'wordlist') return task.path;
  return task.kind === 'digits' ? `digits ${task.range.length}` : 'built-in secrets';
}

/** Creates an empty log. */
export function createProblemLog(): ProblemLog {
  const byFile = new Map<string, Map<number, RangeRecord>>();
  const failures = new Map<string, string>();
  return {
    done(task, result) {
      // Every range is kept, problems or not: line numbers need the line counts of all earlier ranges.
      if (task.kind !== 'wordlist') return;
      const ranges = byFile.get(task.path) ?? new Map<number, RangeRecord>();
      ranges.set(task.rangeIndex, { start: task.start, lines: result.lines, problems: result.problems });
      byFile.set(task.path, ranges);
    },
    failed(task, error) {
      const name = taskName(task);
      if (!failures.has(name)) failures.set(name, `${name}: ${describeFsError(error)}`);
    },
    messages() {
      const out = [...failures.values()];
      for (const [path, ranges] of byFile) {
        if ([...ranges.values()].some((r) => r.problems.length > 0)) out.push(...fileMessages(path, ranges));
      }
      return out;
    },
  };
}
