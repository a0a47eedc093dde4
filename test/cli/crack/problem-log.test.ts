import { describe, expect, it } from 'vitest';
import { createProblemLog } from '../../../src/cli/crack/problem-log';
import type { CrackTask } from '../../../src/cli/crack/tasks';

const range = (rangeIndex: number, start: number): CrackTask => ({
  kind: 'wordlist',
  path: 'list.txt',
  fileIndex: 0,
  rangeIndex,
  start,
  end: start + 100,
});

describe('createProblemLog', () => {
  it('turns range-relative line numbers into file line numbers', () => {
    const log = createProblemLog();
    log.done(range(1, 100), {
      tried: 5,
      lines: 7,
      problems: [{ line: 2, reason: 'contains a NUL byte, skipped' }],
    });
    log.done(range(0, 0), {
      tried: 9,
      lines: 10,
      problems: [{ line: 4, reason: 'longer than 1024 bytes, skipped' }],
    });
    expect(log.messages()).toEqual([
      'list.txt: line 4: longer than 1024 bytes, skipped',
      'list.txt: line 12: contains a NUL byte, skipped',
    ]);
  });

  it('falls back to a byte position when an earlier range was not read (stopped early)', () => {
    const log = createProblemLog();
    log.done(range(2, 200), {
      tried: 1,
      lines: 3,
      problems: [{ line: 1, reason: 'contains a NUL byte, skipped' }],
    });
    expect(log.messages()).toEqual(['list.txt: a line after byte 200: contains a NUL byte, skipped']);
  });

  it('reports a read failure once per file, in words', () => {
    const log = createProblemLog();
    log.failed(range(0, 0), { code: 'EACCES', message: 'EACCES: permission denied' });
    log.failed(range(1, 100), { code: 'EACCES', message: 'EACCES: permission denied' });
    expect(log.messages()).toEqual(['list.txt: permission denied']);
  });

  it('caps the messages per file and says how many more', () => {
    const log = createProblemLog();
    const problems = Array.from({ length: 8 }, (_, i) => ({
      line: i + 1,
      reason: 'contains a NUL byte, skipped',
    }));
    log.done(range(0, 0), { tried: 0, lines: 8, problems });
    expect(log.messages()).toHaveLength(6);
    expect(log.messages().at(-1)).toBe('list.txt: …and 3 more lines skipped');
  });
});
