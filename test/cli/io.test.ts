import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeIo } from '../../src/cli/io';
import { run } from '../../src/cli/main';
import { DEMO } from './fake-io';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jwt-lens-io-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the file sink', () => {
  it('writes every piece in order, multi-byte text and pieces larger than its buffer included', async () => {
    const path = join(dir, 'out.txt');
    const sink = await createNodeIo().openFile(path);
    const pieces = [
      '{"a": "…"}\n',
      'x'.repeat(3_000_000),
      'é€😀\n',
      ...Array.from({ length: 5000 }, (_, i) => `${i}…`),
    ];
    for (const piece of pieces) sink.write(piece);
    await sink.close();
    await sink.close();
    expect(await readFile(path, 'utf8')).toBe(pieces.join(''));
  });

  // Linux's /dev/full answers every write with ENOSPC (the CI and the dev machines are Linux).
  it('reports a full disk as one line naming the file', async () => {
    const err: string[] = [];
    const code = await run(['scan', DEMO, '--output', '/dev/full', '--format', 'json'], {
      stderr: { write: (text: string) => err.push(text) },
    });
    expect(code).toBe(2);
    expect(err.join('')).toMatch(/^jwt-lens: \/dev\/full: cannot write the report: .*\n$/);
  });
});
