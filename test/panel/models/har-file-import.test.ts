import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CaptureResult } from '../../../src/core/types';
import { createBlobImport, importHarFile } from '../../../src/panel/models/har-file-import';
import { importHarJson } from '../../../src/panel/models/har-import';
import {
  createHarImportSession,
  type HarImportBatch,
  type KeptItem,
} from '../../../src/panel/models/har-import-session';
import { createHarImportMethods } from '../../../src/worker/har-import-methods';
import { accessClaims, makeEntry, makeHar, makeToken } from '../fixtures';

const encode = (text: string) => new TextEncoder().encode(text);

/** A HAR of `n` entries, each a Bearer request with its own token (probeable: a request header). */
function harOf(n: number): { text: string; tokens: string[] } {
  const tokens = Array.from({ length: n }, (_, i) => makeToken(accessClaims(`user-${i}`)));
  const text = JSON.stringify(makeHar(tokens.map((bearer) => makeEntry({ bearer }))));
  return { text, tokens };
}

/** Everything a session hands back, batches merged. */
function runSession(text: string, cuts: number[], maxKept?: number) {
  const session = createHarImportSession(3, maxKept);
  const bytes = encode(text);
  const batches: HarImportBatch[] = [];
  let from = 0;
  for (const at of [...cuts, bytes.length]) {
    session.push(bytes.subarray(from, at));
    batches.push(session.take());
    from = at;
  }
  const end = session.end();
  if ('error' in end) return { error: end.error, batches };
  batches.push(end);
  return { merged: merge(batches), kept: batches.flatMap((b) => b.kept), batches };
}

function merge(batches: readonly HarImportBatch[]) {
  return {
    sightings: batches.flatMap((b) => b.capture.sightings),
    problems: batches.flatMap((b) => b.capture.problems),
    entryCount: batches.reduce((n, b) => n + b.capture.entryCount, 0),
  };
}

describe('createHarImportSession', () => {
  it('gives the same sightings, ids and kept requests as importHarJson, whatever the chunk boundaries', () => {
    const { text } = harOf(4);
    const kept: string[] = [];
    const whole = importHarJson(JSON.parse(text), 3, (id) => kept.push(id)) as CaptureResult;
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: text.length - 1 }), { maxLength: 12 }), (cuts) => {
        const run = runSession(
          text,
          cuts.sort((a, b) => a - b),
        );
        expect(run.merged?.sightings).toEqual(whole.sightings);
        expect(run.merged?.entryCount).toBe(4);
        expect(run.kept?.map((k) => k.requestId)).toEqual(kept);
      }),
      { numRuns: 40 },
    );
  });

  it('hands each entry over once, in the batch of the chunk that finished it', () => {
    const { text, tokens } = harOf(3);
    const second = text.indexOf('"startedDateTime"', text.indexOf(tokens[0] as string));
    const run = runSession(text, [second]);
    expect(run.batches.map((b) => b.capture.sightings.map((s) => s.requestId))).toEqual([
      ['har3-0'],
      ['har3-1', 'har3-2'],
      [],
    ]);
    expect(run.batches.map((b) => b.going)).toEqual([true, true, false]);
    expect(run.batches.map((b) => b.entries)).toEqual([1, 3, 3]);
  });

  it('keeps only the newest requests a probe can use, bounded', () => {
    const { text } = harOf(7);
    const run = runSession(text, [], 2);
    const kept = run.kept as KeptItem[];
    expect(kept.map((k) => k.requestId)).toEqual(['har3-5', 'har3-6']);
    expect(kept[0]?.exchange.request.headers.some((h) => h.name.toLowerCase() === 'authorization')).toBe(
      true,
    );
  });

  it('keeps no request whose token a probe cannot change (a token only in a response body)', () => {
    const token = makeToken(accessClaims('bob'));
    const text = JSON.stringify(makeHar([makeEntry({ responseJson: { access_token: token } })]));
    const run = runSession(text, []);
    expect(run.merged?.sightings.map((s) => s.tokenText)).toEqual([token]);
    expect(run.kept).toEqual([]);
  });

  it('reports a file cut short with its byte offset, keeping the entries before', () => {
    const { text } = harOf(2);
    const cut = text.slice(0, text.length - 40);
    const run = runSession(cut, [100]);
    expect(run.merged?.sightings.length).toBe(1);
    expect(run.merged?.problems.at(-1)).toMatch(/unexpected end of input at byte \d+ .*the entry before it/);
  });

  it('says what is wrong when nothing could be read, without quoting the file', () => {
    const secretish = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln';
    const run = runSession(`{"log": ${secretish}`, []);
    expect(run.error).toMatch(/^not valid JSON: unexpected/);
    expect(run.error).not.toContain(secretish);
    expect(runSession('{"schemaVersion": 1}', []).error).toBe('not a HAR file: top-level "log" is missing');
  });

  it('never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 6 }), (chunks) => {
        const session = createHarImportSession(1);
        for (const chunk of chunks) session.push(chunk);
        const end = session.end();
        expect('error' in end || Array.isArray(end.capture.sightings)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

/** A Blob of many small parts, so its stream gives many chunks. */
const blobOf = (text: string, part = 64) =>
  new Blob(
    Array.from({ length: Math.ceil(text.length / part) }, (_, i) => text.slice(i * part, (i + 1) * part)),
  );

describe('createBlobImport and importHarFile', () => {
  it('read a Blob a step at a time, report progress, and end with the totals', async () => {
    const { text, tokens } = harOf(5);
    const blob = blobOf(text);
    const batches: HarImportBatch[] = [];
    const progress: number[] = [];
    const outcome = await importHarFile(blob.size, createBlobImport(blob, 1, 300), {
      onBatch: (b) => batches.push(b),
      onProgress: (bytes, size) => {
        expect(size).toBe(blob.size);
        progress.push(bytes);
      },
    });
    expect('end' in outcome && !('error' in outcome.end) && outcome.end.entries).toBe(5);
    expect(progress.length).toBeGreaterThan(3);
    expect(progress.at(-1)).toBe(blob.size);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(merge(batches).sightings.map((s) => s.tokenText)).toEqual(tokens);
  });

  it('stop at Cancel: nothing more is read, the batches before it stay with the caller', async () => {
    const { text } = harOf(20);
    const blob = blobOf(text);
    const controller = new AbortController();
    const batches: HarImportBatch[] = [];
    const inner = createBlobImport(blob, 1, 256);
    let cancelled = 0;
    let steps = 0;
    const channel = {
      next: () => {
        steps++;
        return inner.next();
      },
      cancel: () => {
        cancelled++;
        return inner.cancel();
      },
    };
    const outcome = await importHarFile(blob.size, channel, {
      onBatch: (b) => {
        batches.push(b);
        if (b.entries >= 3) controller.abort();
      },
      signal: controller.signal,
    });
    expect(outcome).toMatchObject({ cancelled: true });
    expect('cancelled' in outcome && outcome.bytes).toBeLessThan(blob.size);
    expect(cancelled).toBe(1);
    expect(steps).toBe(batches.length);
    const entries = 'cancelled' in outcome ? outcome.entries : -1;
    expect(merge(batches).entryCount).toBe(entries);
    expect(entries).toBeGreaterThanOrEqual(3);
    expect(entries).toBeLessThan(20);
    expect(await inner.next()).toEqual({ error: 'the import has ended' });
  });

  it('stop reading a file that is not a HAR at its first fault', async () => {
    const blob = blobOf(`[${' '.repeat(5000)}]`);
    let batches = 0;
    const outcome = await importHarFile(blob.size, createBlobImport(blob, 1, 100), {
      onBatch: () => void batches++,
    });
    expect(outcome).toEqual({
      end: { error: 'not a HAR file: expected a JSON object at the top level, found an array' },
    });
    expect(batches).toBe(0);
  });
});

describe('worker import methods', () => {
  it('read a file from start to end, then forget it', async () => {
    const methods = createHarImportMethods();
    const { text, tokens } = harOf(2);
    const id = methods.harImportStart({ file: new Blob([text]), importNumber: 4 });
    const step = await methods.harImportNext({ id });
    if ('error' in step) throw new Error(step.error);
    expect(step.done).toBe(true);
    expect(step.batch.capture.sightings.map((s) => [s.tokenText, s.requestId])).toEqual([
      [tokens[0], 'har4-0'],
      [tokens[1], 'har4-1'],
    ]);
    expect(await methods.harImportNext({ id })).toEqual({ error: 'the import was cancelled' });
  });

  it('drop a cancelled import: a late step is refused', async () => {
    const methods = createHarImportMethods();
    const id = methods.harImportStart({ file: new Blob(['{"log":{"entries":[]}}']), importNumber: 1 });
    expect(await methods.harImportCancel({ id })).toBe(true);
    expect(await methods.harImportNext({ id })).toEqual({ error: 'the import was cancelled' });
  });
});

describe('the whole-file lines of a streamed import', () => {
  it('tells a sanitized Chrome export apart even when its entries arrive in several batches', async () => {
    const { readFileSync } = await import('node:fs');
    const text = readFileSync('test/fixtures/har-producers/chrome/chrome-sanitized.har', 'utf8');
    const bytes = encode(text);
    const cuts = [Math.floor(bytes.length / 3), Math.floor((2 * bytes.length) / 3)];
    const result = runSession(text, cuts);
    expect('merged' in result).toBe(true);
    const problems = result.batches.flatMap((b) => b.capture.problems);
    expect(problems.filter((p) => /sensitive data/.test(p))).toHaveLength(1);
    const plain = runSession(
      JSON.stringify(makeHar([makeEntry({ bearer: makeToken(accessClaims('u')) })])),
      [],
    );
    expect(plain.batches.flatMap((b) => b.capture.problems)).toEqual([]);
  });

  it('does not call a Chrome export sanitized when only its last batch has no credentials', () => {
    const withToken = makeEntry({ bearer: makeToken(accessClaims('u')) });
    const without = { ...makeEntry({ responseJson: { ok: true } }) };
    (without.request as { headers: unknown[] }).headers = [{ name: 'Accept', value: '*/*' }];
    const har = makeHar([withToken, without, without]);
    (har.log as { creator: unknown }).creator = { name: 'WebInspector', version: '537.36' };
    const text = JSON.stringify(har);
    const cut = text.indexOf('"startedDateTime"', text.indexOf('"startedDateTime"') + 1) - 1;
    const result = runSession(text, [cut]);
    expect(result.batches.length).toBeGreaterThan(1);
    expect(result.batches.flatMap((b) => b.capture.problems)).toEqual([]);
  });
});
