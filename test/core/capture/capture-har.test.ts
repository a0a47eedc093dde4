import { describe, expect, it } from 'vitest';
import { captureHar } from '../../../src/core/capture';
import type { CaptureResult } from '../../../src/core/types';
import { fakeJwt, makeEntry, makeHar } from './har-builders';

const T = fakeJwt({ sub: 'alice' });

function captured(har: unknown): CaptureResult {
  const result = captureHar(har);
  if ('error' in result) throw new Error(result.error);
  return result;
}

describe('captureHar: document validation', () => {
  it.each([
    [null, 'not a HAR file: expected a JSON object at the top level, found null'],
    [[], 'not a HAR file: expected a JSON object at the top level, found an array'],
    ['x', 'not a HAR file: expected a JSON object at the top level, found a string'],
    [{}, 'not a HAR file: top-level "log" is missing'],
    [{ log: 3 }, 'not a HAR file: "log" is a number, expected an object'],
    [{ log: {} }, 'not a HAR file: log.entries is missing'],
    [{ log: { entries: { request: 'GET /' } } }, 'log.entries is not an array (found an object)'],
  ])('rejects %j', (har, error) => {
    expect(captureHar(har)).toEqual({ error });
  });

  it('accepts an empty HAR', () => {
    expect(captured(makeHar([]))).toEqual({
      sightings: [],
      exchanges: [],
      observations: [],
      keyDocuments: [],
      problems: [],
      entryCount: 0,
    });
  });
});

describe('captureHar: entries', () => {
  it('numbers requests by entry index and keeps going past bad entries', () => {
    const good = makeEntry({ requestHeaders: [{ name: 'Authorization', value: `Bearer ${T}` }] });
    const noUrl = makeEntry();
    delete (noUrl.request as Record<string, unknown>).url;
    const badHeaders = makeEntry({ url: `https://a.example.test/?t=${T}` });
    (badHeaders.request as Record<string, unknown>).headers = 'nope';
    const result = captured(
      makeHar([good, 42, { request: null }, noUrl, { request: { url: 7 } }, badHeaders, good]),
    );
    expect(result.entryCount).toBe(7);
    expect(result.problems).toEqual([
      'entry 1: not an object',
      'entry 2: request is not an object',
      'entry 3: request.url is missing',
      'entry 4: request.url is not a string',
      'entry 5: request.headers is not an array',
    ]);
    expect(result.sightings.map((s) => [s.id, s.requestId, s.where])).toEqual([
      ['0:0', '0', 'request-header'],
      ['5:0', '5', 'query'],
      ['6:0', '6', 'request-header'],
    ]);
  });

  it('captures the request side of an entry without a response, with a problem line', () => {
    const entry = makeEntry({ requestHeaders: [{ name: 'Authorization', value: `Bearer ${T}` }] });
    delete entry.response;
    const result = captured(makeHar([entry]));
    expect(result.problems).toEqual(['entry 0: response is missing']);
    expect(result.sightings.map((s) => s.status)).toEqual([0]);
  });

  it('uses the HAR page URL as initiator when the request names none', () => {
    const entry = makeEntry({
      pageref: 'page_1',
      requestHeaders: [{ name: 'Authorization', value: `Bearer ${T}` }],
    });
    const pages = [{ id: 'page_1', title: 'https://app.example.test/dashboard', startedDateTime: '' }];
    expect(captured(makeHar([entry], pages)).sightings[0]?.initiatorOrigin).toBe('https://app.example.test');
  });

  it('merges observations and key documents of all entries', () => {
    const login = makeEntry({ url: 'https://a.example.test/login?password=x' });
    const jwks = makeEntry({ content: { mimeType: 'application/json', text: '{"keys":[]}' } });
    const result = captured(makeHar([login, jwks]));
    expect(result.observations.map((o) => [o.requestId, o.kind])).toEqual([['0', 'password-in-url']]);
    expect(result.keyDocuments.map((d) => [d.requestId, d.kind])).toEqual([['1', 'jwks']]);
  });
});
