import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLineRange } from '../../../src/cli/crack/read-range';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jwt-lens-range-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function readAll(path: string, cuts: number[], size: number, bufferBytes: number): Promise<string[]> {
  const handle = await open(path, 'r');
  const bounds = [0, ...cuts.filter((c) => c > 0 && c < size).sort((a, b) => a - b), size];
  const pieces: string[] = [];
  try {
    for (let i = 0; i + 1 < bounds.length; i++) {
      let text = '';
      await readLineRange(handle, bounds[i]!, bounds[i + 1]!, Buffer.alloc(bufferBytes), (chunk) => {
        text += Buffer.from(chunk).toString('latin1');
        return true;
      });
      pieces.push(text);
    }
  } finally {
    await handle.close();
  }
  return pieces;
}

describe('readLineRange', () => {
  it('covers every line exactly once, in order, wherever the ranges are cut', async () => {
    const line = fc.string({ unit: fc.constantFrom('a', 'b', '\r'), maxLength: 9 });
    await fc.assert(
      fc.asyncProperty(
        fc.array(line, { maxLength: 30 }),
        fc.boolean(),
        fc.array(fc.nat(300), { maxLength: 6 }),
        fc.integer({ min: 1, max: 8 }),
        async (lines, trailingNewline, cuts, bufferBytes) => {
          const text = lines.join('\n') + (trailingNewline && lines.length > 0 ? '\n' : '');
          const path = join(dir, 'list.txt');
          await writeFile(path, text, 'latin1');
          const pieces = await readAll(path, cuts, text.length, bufferBytes);
          expect(pieces.join('')).toBe(text);
          // Each range ends on a line boundary: after a newline, or at the end of the file.
          let offset = 0;
          for (const piece of pieces) {
            offset += piece.length;
            if (piece && offset < text.length) expect(piece.endsWith('\n')).toBe(true);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('stops when the sink says so', async () => {
    const path = join(dir, 'stop.txt');
    await writeFile(path, 'one\ntwo\nthree\n');
    const handle = await open(path, 'r');
    let calls = 0;
    await readLineRange(handle, 0, 14, Buffer.alloc(4), () => ++calls < 2);
    await handle.close();
    expect(calls).toBe(2);
  });
});
