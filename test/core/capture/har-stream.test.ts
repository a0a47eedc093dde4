import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { captureHar } from '../../../src/core/capture/capture-har';
import { captureHarChunks } from '../../../src/core/capture/capture-har-stream';
import { createHarStream, type HarStreamEnd, parseJsonBytes } from '../../../src/core/capture/har-stream';
import type { CaptureResult } from '../../../src/core/types';
import { fakeJwt, makeEntry, makeHar } from './har-builders';

const encode = (text: string) => new TextEncoder().encode(text);

/** Splits `bytes` at the given cut points (any order, any values). */
function split(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let from = 0;
  for (const point of [...points, bytes.length]) {
    chunks.push(bytes.slice(from, point));
    from = point;
  }
  return chunks;
}

interface Read {
  entries: unknown[];
  indexes: number[];
  members: Record<string, unknown>;
  problems: string[];
  end: HarStreamEnd;
}

function read(chunks: readonly Uint8Array[], maxValueBytes?: number): Read {
  const out: Omit<Read, 'end'> = { entries: [], indexes: [], members: {}, problems: [] };
  const stream = createHarStream(
    {
      onEntry: (entry, index) => {
        out.entries.push(entry);
        out.indexes.push(index);
      },
      onLogMember: (name, value) => {
        out.members[name] = value;
      },
      onProblem: (problem) => out.problems.push(problem),
    },
    maxValueBytes === undefined ? {} : { maxValueBytes },
  );
  for (const chunk of chunks) {
    // The stream copies what it keeps: a chunk reused by the caller must not change what was read.
    stream.push(chunk);
    chunk.fill(0x7b);
  }
  return { ...out, end: stream.end() };
}

async function* asChunks(chunks: readonly Uint8Array[]): AsyncIterable<Uint8Array> {
  yield* chunks;
}

/** Strings that stress the scanner: quotes, backslash runs, escapes, multi-byte characters. */
const nasty = fc.string({
  unit: fc.constantFrom(
    '"',
    '\\',
    '\\\\',
    '\\"',
    '{',
    '}',
    '[',
    ']',
    ',',
    ':',
    'a',
    'é',
    '€',
    '😀',
    '\n',
    '\u0000',
    ' ',
  ),
  maxLength: 30,
});
const jsonish = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    nasty,
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(nasty, tie('value'), { maxKeys: 4 }),
  ),
})).value;
const harDocument = fc.record({
  log: fc.record({
    version: fc.constant('1.2'),
    creator: fc.record({ name: nasty, version: nasty }),
    pages: fc.array(fc.record({ id: nasty, title: nasty }), { maxLength: 2 }),
    entries: fc.array(jsonish, { maxLength: 8 }),
  }),
  extra: jsonish,
});
const layout = fc.constantFrom(undefined, 1, 2, '\t');

describe('createHarStream: chunk boundaries do not matter', () => {
  it('gives the entries and log members of JSON.parse, whatever the chunks', () => {
    fc.assert(
      fc.property(harDocument, layout, fc.array(fc.nat(), { maxLength: 40 }), (har, indent, cuts) => {
        const text = JSON.stringify(har, null, indent);
        const got = read(split(encode(text), cuts));
        const parsed = JSON.parse(text) as typeof har;
        expect(got.end.error).toBeUndefined();
        expect(got.entries).toEqual(parsed.log.entries);
        expect(got.indexes).toEqual(parsed.log.entries.map((_, i) => i));
        expect(got.members).toEqual({ version: '1.2', creator: parsed.log.creator, pages: parsed.log.pages });
        expect(got.problems).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('reads one byte at a time', () => {
    const text = `\uFEFF${readFileSync('test/fixtures/demo.har', 'utf8')}`;
    const bytes = encode(text);
    const got = read(Array.from(bytes, (b) => Uint8Array.of(b)));
    expect(got.end).toEqual({ bytes: bytes.length, entries: got.entries.length });
    expect(got.entries).toEqual(JSON.parse(text.slice(1)).log.entries);
  });

  it('captures as captureHar does the whole document, for any chunks', async () => {
    const text = readFileSync('test/fixtures/demo.har', 'utf8');
    const whole = captureHar(JSON.parse(text)) as CaptureResult;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { maxLength: 20 }), async (cuts) => {
        const streamed = await captureHarChunks(asChunks(split(encode(text), cuts)));
        expect(streamed).toEqual({ capture: whole });
      }),
      { numRuns: 20 },
    );
  });
});

describe('createHarStream: damaged input never throws or hangs, and names a byte', () => {
  const text = JSON.stringify(
    makeHar([
      makeEntry({
        url: 'https://a.test/1',
        requestHeaders: [{ name: 'Authorization', value: `Bearer ${fakeJwt({ sub: 'é"\\' })}` }],
      }),
      makeEntry({
        url: 'https://a.test/2',
        content: { mimeType: 'application/json', text: '{"a": "\\"x\\\\"}' },
      }),
      makeEntry({ url: 'https://a.test/3' }),
    ]),
    null,
    1,
  );
  const bytes = encode(text);
  const all = JSON.parse(text).log.entries as unknown[];

  it('cut anywhere: the entries before the cut, and the byte where the file ends', () => {
    fc.assert(
      fc.property(fc.nat(bytes.length - 1), fc.array(fc.nat(), { maxLength: 8 }), (at, cuts) => {
        const got = read(split(bytes.slice(0, at), cuts));
        expect(got.entries).toEqual(all.slice(0, got.entries.length));
        expect(got.end.error).toMatch(
          at === 0
            ? /^empty file, expected JSON$/
            : new RegExp(`^not valid JSON: unexpected end of input at byte ${at} `),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('bytes changed anywhere: no throw, and every fault names a byte offset or why it is not a HAR', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(bytes.length - 1), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.array(fc.nat(), { maxLength: 8 }),
        (flips, cuts) => {
          const damaged = bytes.slice();
          for (const [at, value] of flips) damaged[at] = value;
          const got = read(split(damaged, cuts));
          for (const problem of got.problems)
            expect(problem).toMatch(/^(entry \d+|log\..*): not valid JSON: .* at byte \d+$/);
          if (got.end.error !== undefined)
            expect(got.end.error).toMatch(/at byte \d+|not a HAR|log\.entries/);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('random bytes: no throw', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (random) => {
        expect(() => read([random])).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });
});

describe('createHarStream: messages', () => {
  it.each([
    ['{"hello":"world"}', 'not a HAR file: top-level "log" is missing'],
    ['[1]', 'not a HAR file: expected a JSON object at the top level, found an array'],
    ['{"log": null}', 'not a HAR file: "log" is null, expected an object'],
    ['{"log": {"version": "1.2"}}', 'not a HAR file: log.entries is missing'],
    ['{"log":{"entries":{"request":"GET /"}}}', 'log.entries is not an array (found an object)'],
    ['HTTP/1.1 200 OK', "not valid JSON: unexpected 'H' at byte 0"],
    ['{"log": {"entries": [1,]}}', "not valid JSON: unexpected ']' at byte 23"],
    ['{"log": {"entries": [1 2]}}', "not valid JSON: expected ',' or ']' but found '2' at byte 23"],
    ['{"log": {"entries": []}} x', "not valid JSON: unexpected 'x' after the JSON value at byte 25"],
    ['{"log" {"entries": []}}', "not valid JSON: expected ':' but found '{' at byte 7"],
    [
      '{"log": {"entries": [], }}',
      "not valid JSON: expected a property name in double quotes but found '}' at byte 24",
    ],
    ['', 'empty file, expected JSON'],
    ['  ', 'not valid JSON: unexpected end of input at byte 2 (file truncated?)'],
  ])('%s', (text, error) => {
    expect(read([encode(text)]).end.error).toBe(error);
  });

  it('the not-a-HAR messages are those of captureHar', () => {
    for (const name of ['not-har.har', 'wrong-types.har']) {
      const text = readFileSync(`test/fixtures/${name}`, 'utf8');
      expect(read([encode(text)]).end.error).toBe((captureHar(JSON.parse(text)) as { error: string }).error);
    }
  });

  it('reads an empty HAR, scalar entries and a "log" key spelled with escapes', () => {
    expect(read([encode('{"log":{"entries":[]}}')]).end).toEqual({ bytes: 22, entries: 0 });
    const got = read([encode('{"\\u006cog": {"entries": [42, "x", null, true, -1.5e3, {}, []]}}')]);
    expect(got.entries).toEqual([42, 'x', null, true, -1500, {}, []]);
  });

  it('names the byte where a broken entry goes wrong, and goes on with the next entry', () => {
    const text = '{"log": {"entries": [{"a": 1}, {"é": tru}, {"b": 2}]}}';
    const got = read([encode(text)]);
    expect(got.entries).toEqual([{ a: 1 }, { b: 2 }]);
    expect(got.indexes).toEqual([0, 2]);
    expect(got.problems).toEqual([
      `entry 1: not valid JSON: unexpected 't' at byte ${text.indexOf('tru') + 1}`,
    ]);
  });

  it('skips a value larger than maxValueBytes with a problem line, keeping the others', () => {
    const big = 'x'.repeat(3000);
    const text = `{"log": {"entries": [{"a": 1}, {"big": "${big}"}, {"b": 2}]}}`;
    const got = read(split(encode(text), [100, 1500, 2999]), 2048);
    expect(got.entries).toEqual([{ a: 1 }, { b: 2 }]);
    expect(got.problems).toEqual(['entry 1: 3011 bytes from byte 31, over the 2048 bytes limit; skipped']);
  });

  it('parseJsonBytes offsets a fault by where the value starts', () => {
    expect(parseJsonBytes(encode('{"a": [1,]}'), 100)).toEqual({
      problem: "not valid JSON: unexpected ']' at byte 109",
    });
    expect(parseJsonBytes(encode('{"a": "é"}'), 0)).toEqual({ value: { a: 'é' } });
  });
});

describe('captureHarChunks', () => {
  const token = fakeJwt({ sub: 'page' });
  const entry = {
    ...makeEntry({
      url: 'https://api.test/x',
      requestHeaders: [{ name: 'Authorization', value: `Bearer ${token}` }],
    }),
    pageref: 'p1',
  };
  const pages = [{ id: 'p1', title: 'https://app.test/home' }];

  it('gives entries their page origin when log.pages comes after log.entries', async () => {
    const first = await captureHarChunks(
      asChunks([encode(JSON.stringify({ log: { pages, entries: [entry] } }))]),
    );
    const last = await captureHarChunks(
      asChunks([encode(JSON.stringify({ log: { entries: [entry], pages } }))]),
    );
    const sightings = (r: typeof first) => ('capture' in r ? r.capture.sightings : []);
    expect(sightings(first)[0]?.initiatorOrigin).toBe('https://app.test');
    expect(JSON.stringify(sightings(last))).toBe(JSON.stringify(sightings(first)));
  });

  it('reports a fault after some entries as a problem line, and an error when nothing was read', async () => {
    const text = JSON.stringify({ log: { entries: [entry, entry] } });
    const cut = text.length - 20;
    const partial = await captureHarChunks(asChunks([encode(text.slice(0, cut))]));
    expect('capture' in partial && partial.capture.problems).toEqual([
      `not valid JSON: unexpected end of input at byte ${cut} (file truncated?); the entry before it was read`,
    ]);
    expect(await captureHarChunks(asChunks([encode('{"log": {"entries": [')]))).toEqual({
      error: 'not valid JSON: unexpected end of input at byte 21 (file truncated?)',
    });
  });

  it('reports progress, and stops when the signal aborts', async () => {
    const seen: number[] = [];
    const chunks = split(encode(JSON.stringify({ log: { entries: [entry] } })), [10, 20]);
    await captureHarChunks(asChunks(chunks), { onProgress: (bytes) => seen.push(bytes) });
    expect(seen).toEqual([10, 20, chunks.reduce((n, c) => n + c.length, 0)]);
    const controller = new AbortController();
    controller.abort(new Error('cancelled'));
    await expect(captureHarChunks(asChunks(chunks), { signal: controller.signal })).rejects.toThrow(
      'cancelled',
    );
  });
});

describe('a body longer than maxStringBytes is cut, and the rest searched in windows', () => {
  const tokens = [1, 2, 3, 4, 5].map((n) => fakeJwt({ sub: `cut-${n}` }));
  // Quotes, backslashes and multi-byte characters around the tokens; tokens early, at and past the cut.
  const filler = (n: number) => '<p class="x">é\\€ "quoted" \\\\ 😀</p>\n'.repeat(n);
  const body = `${filler(5)}${tokens[0]} ${filler(20)}${tokens[1]}${filler(40)} ${tokens[2]}\n${filler(30)}${tokens[3]}`;
  const redirect = `https://app.test/next#id_token=${tokens[4]}`;
  const har = makeHar([
    makeEntry({
      url: 'https://api.test/page',
      content: { mimeType: 'text/html', text: body },
      redirectURL: redirect,
    }),
    makeEntry({
      url: 'https://api.test/after',
      requestHeaders: [{ name: 'Authorization', value: `Bearer ${tokens[0]}` }],
    }),
  ]);
  const text = JSON.stringify(har);
  const whole = captureHar(har) as CaptureResult;
  const seen = (c: CaptureResult) =>
    c.sightings.map((s) => `${s.requestId} ${s.where} ${s.name} ${s.tokenText}`).sort();

  it('finds what the whole read finds, for any chunks and any cut, with a problem line', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.nat(), { maxLength: 30 }),
        fc.integer({ min: 600, max: 3000 }),
        async (cuts, max) => {
          const read = await captureHarChunks(asChunks(split(encode(text), cuts)), { maxStringBytes: max });
          if (!('capture' in read)) throw new Error(read.error);
          expect(seen(read.capture)).toEqual(seen(whole));
          const cutLines = read.capture.problems.filter((p) => p.includes('searched for tokens, in windows'));
          expect(cutLines.length).toBeLessThanOrEqual(1);
          expect(read.capture.problems.length).toBe(cutLines.length);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('keeps only the first bytes of the body, names the entry and the sizes', async () => {
    const chunks = split(
      encode(text),
      Array.from({ length: 40 }, (_, i) => i * 200),
    );
    const kept: string[] = [];
    const stream = createHarStream(
      {
        onEntry: (entry) =>
          kept.push((entry as { response: { content: { text: string } } }).response.content.text ?? ''),
      },
      { maxStringBytes: 500 },
    );
    for (const chunk of chunks) stream.push(chunk);
    expect(stream.end().error).toBeUndefined();
    expect(encode(kept[0] ?? '').length).toBeLessThan(600 + 40);
    const read = await captureHarChunks(asChunks(chunks), { maxStringBytes: 500 });
    expect('capture' in read && read.capture.problems).toEqual([
      expect.stringMatching(
        /^entry 0: response body is 0\.0 MiB; past the first 0\.0 MiB it was only searched for tokens, in windows$/,
      ),
    ]);
  });
});
