import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { captureEntry, captureHar } from '../../../src/core/capture';
import type { CaptureResult } from '../../../src/core/types';
import { fakeJwt, jsonContent, makeEntry, makeHar } from './har-builders';

const T = fakeJwt({ sub: 'p', iss: 'https://id.example.test' });

/** A rich entry: a token in almost every place capture looks. */
function richEntry(): Record<string, unknown> {
  const entry = makeEntry({
    method: 'POST',
    url: `https://api.example.test/a/${T}?access_token=${T}&password=x#id_token=${T}`,
    requestHeaders: [
      { name: 'Authorization', value: `Bearer ${T}` },
      { name: 'Cookie', value: `s=${T}` },
      { name: 'Referer', value: `https://app.example.test/?t=${T}` },
    ],
    requestCookies: [{ name: 's', value: T, httpOnly: false }],
    postData: { mimeType: 'application/json', text: JSON.stringify({ refresh_token: T, password: 'pw' }) },
    responseHeaders: [
      { name: 'Set-Cookie', value: `rt=${T}; HttpOnly` },
      { name: 'Location', value: `https://app.example.test/#${T}` },
    ],
    responseCookies: [{ name: 'rt', value: T, httpOnly: true }],
    content: jsonContent({ access_token: T, keys: [] }),
  });
  entry._webSocketMessages = [
    { type: 'send', time: 1, opcode: 1, data: JSON.stringify({ payload: { authorization: `Bearer ${T}` } }) },
    { type: 'receive', time: 2, opcode: 2, data: btoa(T) },
  ];
  return entry;
}

const PATHS = [
  [],
  ['request'],
  ['response'],
  ['request', 'url'],
  ['request', 'headers'],
  ['request', 'headers', 0],
  ['request', 'headers', 0, 'value'],
  ['request', 'cookies'],
  ['request', 'cookies', 0],
  ['request', 'postData'],
  ['request', 'postData', 'text'],
  ['request', 'postData', 'params'],
  ['response', 'headers'],
  ['response', 'headers', 0, 'value'],
  ['response', 'cookies', 0],
  ['response', 'content'],
  ['response', 'content', 'text'],
  ['response', 'content', 'encoding'],
  ['response', 'status'],
  ['response', 'redirectURL'],
  ['startedDateTime'],
  ['_webSocketMessages'],
  ['_webSocketMessages', 0],
  ['_webSocketMessages', 0, 'data'],
  ['_webSocketMessages', 0, 'type'],
  ['_webSocketMessages', 1, 'opcode'],
  ['_webSocketMessages', 1, 'data'],
] as const;

/** Replaces the value at `path` (creating nothing: a missing parent leaves the entry as it is). */
function mutate(entry: unknown, path: readonly (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  let node: unknown = entry;
  for (const key of path.slice(0, -1)) {
    if (typeof node !== 'object' || node === null) return entry;
    node = (node as Record<string | number, unknown>)[key];
  }
  if (typeof node === 'object' && node !== null)
    (node as Record<string | number, unknown>)[path[path.length - 1] as string] = value;
  return entry;
}

function expectWellFormed(result: CaptureResult): void {
  expect(Array.isArray(result.sightings)).toBe(true);
  expect(Array.isArray(result.problems)).toBe(true);
  expect(new Set(result.sightings.map((s) => s.id)).size).toBe(result.sightings.length);
  for (const s of result.sightings) expect(s.tokenText.startsWith('eyJ')).toBe(true);
}

const mutation = fc.tuple(fc.constantFrom(...PATHS), fc.oneof(fc.anything(), fc.string(), fc.jsonValue()));

describe('capture never throws', () => {
  it('on arbitrary values as a HAR', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const result = captureHar(value);
        if ('error' in result) expect(typeof result.error).toBe('string');
        else expectWellFormed(result);
      }),
      { numRuns: 300 },
    );
  });

  it('on arbitrary JSON as an entry', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string(), (value, id) => {
        const result = captureEntry(value, id);
        expectWellFormed(result);
        expect(result.entryCount).toBe(1);
      }),
      { numRuns: 300 },
    );
  });

  it('on mutated HAR entries', () => {
    fc.assert(
      fc.property(fc.array(mutation, { maxLength: 4 }), (mutations) => {
        let entry: unknown = richEntry();
        for (const [path, value] of mutations) entry = mutate(entry, path, value);
        expectWellFormed(captureEntry(entry, '0'));
        const har = captureHar(makeHar([entry, richEntry()]));
        expect('error' in har).toBe(false);
        if (!('error' in har)) expect(har.entryCount).toBe(2);
      }),
      { numRuns: 300 },
    );
  });

  it('on arbitrary strings in every scanned place', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const entry = makeEntry({
          url: text,
          requestHeaders: [
            { name: 'Cookie', value: text },
            { name: 'Authorization', value: `Basic ${text}` },
          ],
          postData: { mimeType: 'application/x-www-form-urlencoded', text },
          responseHeaders: [{ name: 'Set-Cookie', value: text }],
          content: { mimeType: 'application/json', encoding: 'base64', text },
        });
        expectWellFormed(captureEntry(entry, '0'));
      }),
      { numRuns: 300 },
    );
  });

  it('stays fast on adversarial bodies', () => {
    const started = performance.now();
    const text = `${'eyJ'.repeat(200_000)}${'{"a":'.repeat(5000)}`;
    captureEntry(makeEntry({ content: { mimeType: 'application/json', text } }), '0');
    captureEntry(makeEntry({ postData: { mimeType: 'application/json', text: '['.repeat(100_000) } }), '0');
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
