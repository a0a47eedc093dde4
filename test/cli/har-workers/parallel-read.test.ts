import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCapturePool } from '../../../src/cli/har-workers/capture-pool';
import { captureHarChunksParallel } from '../../../src/cli/har-workers/parallel-read';
import { captureHarChunks, type HarReadResult } from '../../../src/core/capture/capture-har-stream';
import { fakeJwt, jsonContent, makeEntry, makeHar } from '../../core/capture/har-builders';
import { ROOT } from '../../harness/builds';
import { ensureCliBundle } from '../../harness/cli-bundle';

/** The worker is the built file (Node cannot load TypeScript): built here when stale, never skipped. */
const WORKER = pathToFileURL(join(ROOT, 'dist/cli/capture-worker.js'));
const encode = (text: string) => new TextEncoder().encode(text);

let dir: string;
beforeAll(async () => {
  await ensureCliBundle();
  dir = await mkdtemp(join(tmpdir(), 'jwt-lens-capture-pool-'));
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function* inChunks(bytes: Uint8Array, size: number): AsyncIterable<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

const serial = (bytes: Uint8Array, chunk: number): Promise<HarReadResult> =>
  captureHarChunks(inChunks(bytes, chunk));

/** One pool per read, as the CLI does: a worker keeps the page origins of the read it serves. */
async function parallel(
  bytes: Uint8Array,
  chunk: number,
  batchBytes: number,
  file = WORKER,
): Promise<HarReadResult> {
  const pool = createCapturePool(file, 2);
  try {
    return await captureHarChunksParallel(inChunks(bytes, chunk), pool, 2, { batchBytes });
  } finally {
    await pool.stop();
  }
}

/** Entries with tokens in headers, cookies and bodies, some on pages, one not an object. */
function sampleHar(count: number, pagesLast: boolean): string {
  const entries: unknown[] = [];
  for (let i = 0; i < count; i++) {
    const token = fakeJwt({ sub: `u${i % 7}`, iat: 1_700_000_000 + i });
    entries.push(
      i % 11 === 5
        ? 42
        : makeEntry({
            url: `https://api${i % 3}.example.test/items/${i}`,
            startedDateTime: new Date(Date.UTC(2025, 2, 14, 9, 0, i)).toISOString(),
            requestHeaders: [{ name: 'Authorization', value: `Bearer ${token}` }],
            content: jsonContent({ access_token: fakeJwt({ sub: `r${i}` }), n: i }),
            ...(i % 2 === 0 ? { pageref: `page_${i % 4}` } : {}),
          }),
    );
  }
  const pages = [0, 1, 2, 3].map((n) => ({ id: `page_${n}`, title: `https://app${n}.example.test/home` }));
  const har = makeHar(entries, pages) as { log: Record<string, unknown> };
  if (!pagesLast) return JSON.stringify(har);
  const { pages: moved, ...rest } = har.log;
  return JSON.stringify({ log: { ...rest, pages: moved } });
}

describe('captureHarChunksParallel (entries captured on worker threads)', () => {
  it('gives the capture of the serial reader on the demo HAR, whatever the chunk and batch sizes', async () => {
    const bytes = new Uint8Array(readFileSync(join(ROOT, 'test/fixtures/demo.har')));
    const expected = await serial(bytes, 1 << 16);
    expect('capture' in expected && expected.capture.sightings.length).toBeGreaterThan(0);
    for (const [chunk, batch] of [
      [1 << 20, 1 << 20],
      [997, 1],
      [4096, 3000],
    ] as const)
      expect(await parallel(bytes, chunk, batch)).toEqual(expected);
  });

  it('gives the whole-file lines of the serial reader (a sanitized Chrome export)', async () => {
    const path = join(ROOT, 'test/fixtures/har-producers/chrome/chrome-sanitized.har');
    const bytes = new Uint8Array(readFileSync(path));
    const expected = await serial(bytes, 1 << 16);
    const problems = 'capture' in expected ? expected.capture.problems : [];
    expect(problems.some((p) => /sensitive data/.test(p))).toBe(true);
    expect(await parallel(bytes, 4096, 2048)).toEqual(expected);
  });

  it('merges in file order: page origins before and after the entries, unreadable entries, a truncated end', async () => {
    for (const pagesLast of [false, true]) {
      const text = sampleHar(60, pagesLast);
      const broken = text.replace('"entries":[', '"entries":[{"bad": tru},');
      for (const variant of [text, broken, broken.slice(0, Math.floor(broken.length * 0.7))]) {
        const bytes = encode(variant);
        const expected = await serial(bytes, 5000);
        expect(await parallel(bytes, 777, 2048)).toEqual(expected);
      }
    }
    const withPages = await parallel(encode(sampleHar(8, true)), 500, 1000);
    expect('capture' in withPages && withPages.capture.sightings.some((s) => s.initiatorOrigin)).toBe(true);
  });

  it('is the serial capture for any entries, chunk and batch sizes (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 40 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 6000 }),
        fc.integer({ min: 1, max: 20_000 }),
        async (count, pagesLast, chunk, batch) => {
          const bytes = encode(sampleHar(count, pagesLast));
          expect(await parallel(bytes, chunk, batch)).toEqual(await serial(bytes, chunk));
        },
      ),
      { numRuns: 25 },
    );
  }, 60_000);

  it('captures on this thread the batches of a worker that dies, with the same result', async () => {
    const broken = join(dir, 'broken-worker.mjs');
    await writeFile(broken, 'throw new Error("worker broke");\n');
    const bytes = encode(sampleHar(30, true));
    expect(await parallel(bytes, 1000, 1500, pathToFileURL(broken))).toEqual(await serial(bytes, 1000));
  });

  it('stops reading when its signal is aborted', async () => {
    const pool = createCapturePool(WORKER, 1);
    const controller = new AbortController();
    const bytes = encode(sampleHar(200, false));
    const progress: number[] = [];
    const read = captureHarChunksParallel(inChunks(bytes, 4096), pool, 1, {
      batchBytes: 1000,
      signal: controller.signal,
      onProgress: (done) => {
        progress.push(done);
        if (done >= 8192) controller.abort(new Error('cancelled'));
      },
    });
    await expect(read).rejects.toThrow('cancelled');
    await pool.stop();
    expect(progress).toEqual([4096, 8192]);
  });

  it('gives the error of the serial reader when nothing can be read', async () => {
    const bytes = encode('{"log": {"entries": 5}}');
    expect(await parallel(bytes, 4, 10)).toEqual(await serial(bytes, 4));
    expect(await parallel(bytes, 4, 10)).toEqual({ error: expect.stringContaining('log.entries') });
  });
});

describe('jwt-lens scan with capture workers (built CLI)', () => {
  /** The whole report but its writing time, from `node bin/jwt-lens.js` with `workers` capture workers. */
  function report(path: string, workers: number): string {
    const run = spawnSync(
      process.execPath,
      [join(ROOT, 'bin/jwt-lens.js'), 'scan', path, '--format', 'json', '--now', '2025-03-14T09:30:00Z'],
      {
        cwd: ROOT,
        encoding: 'utf8',
        maxBuffer: 1 << 28,
        env: { ...process.env, JWT_LENS_CAPTURE_WORKERS: String(workers) },
      },
    );
    expect(run.status).toBe(0);
    return run.stdout.replace(/^"generatedAt": .*$/m, '');
  }

  it('writes byte for byte the report of a serial run, on the demo HAR and on a generated one', async () => {
    const generated = join(dir, 'generated.har');
    await writeFile(generated, sampleHar(300, true));
    for (const path of [join(ROOT, 'test/fixtures/demo.har'), generated]) {
      const serialReport = report(path, 0);
      expect(serialReport).toContain('"findings": [\n{');
      expect(report(path, 2)).toBe(serialReport);
    }
  }, 60_000);
});
