import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { captureHarChunks } from '../../../src/core/capture/capture-har-stream';
import type { CaptureResult } from '../../../src/core/types';
import { fakeJwt, makeEntry, makeHar } from './har-builders';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const ENTRIES = 24;
const PAGE = 'lorem ipsum dolor sit amet, '.repeat(40_000);
const KINDS = [
  { where: 'response-body', name: 'body' },
  { where: 'response-body', name: '$..long_member_name' },
  { where: 'request-body', name: '$..long_member_name' },
  { where: 'response-body', name: '$.html' },
];

/**
 * A token in the middle of each 2 MB body: as loose text in a page, under a member of JSON too large to
 * parse (in a response and in a request), and in a long string of JSON parsed (a 0.9 MB body).
 */
function entry(i: number): Record<string, unknown> {
  const token = fakeJwt({ sub: `u${i}` });
  const url = `https://a.test/${i}`;
  const json = {
    mimeType: 'application/json',
    text: `{"a":"${PAGE}","long_member_name":"${token}","b":"${PAGE}"}`,
  };
  if (i % 4 === 0)
    return makeEntry({ url, content: { mimeType: 'text/html', text: `<p>${PAGE}${token} ${PAGE}</p>` } });
  if (i % 4 === 1) return makeEntry({ url, content: json });
  if (i % 4 === 2) return makeEntry({ url, method: 'POST', postData: json });
  const half = PAGE.slice(0, 450_000);
  return makeEntry({
    url,
    content: { mimeType: 'application/json', text: JSON.stringify({ html: `${half}${token} ${half}` }) },
  });
}

async function* harChunks(): AsyncIterable<Uint8Array> {
  const encoder = new TextEncoder();
  const [head, tail] = JSON.stringify(makeHar(['ENTRIES'])).split('"ENTRIES"');
  yield encoder.encode(head);
  for (let i = 0; i < ENTRIES; i++) yield encoder.encode(`${i ? ',' : ''}${JSON.stringify(entry(i))}`);
  yield encoder.encode(tail);
}

function heapMb(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1e6;
}

describe('capture memory', () => {
  it('does not keep the bodies its sightings were found in', async () => {
    const before = heapMb();
    const read = await captureHarChunks(harChunks());
    const capture = (read as { capture: CaptureResult }).capture;
    // 18 bodies of 2 MB and 6 of 0.9 MB: any kind kept through its tokens would hold 5 MB or more.
    expect(heapMb() - before).toBeLessThan(3);
    expect(capture.sightings.map((s) => [s.where, s.name, s.tokenText])).toEqual(
      Array.from({ length: ENTRIES }, (_, i) => {
        const kind = KINDS[i % 4] as (typeof KINDS)[number];
        return [kind.where, kind.name, fakeJwt({ sub: `u${i}` })];
      }),
    );
  });
});
