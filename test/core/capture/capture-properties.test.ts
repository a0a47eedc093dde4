import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { captureEntry, captureHar, MAX_SIGHTINGS_PER_ENTRY } from '../../../src/core/capture';
import { isOpaqueTokenText } from '../../../src/core/capture/opaque-tokens';
import type { CaptureResult } from '../../../src/core/types';
import { fakeJwt, jsonContent, makeEntry, makeHar, mutate } from './har-builders';

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

function expectWellFormed(result: CaptureResult): void {
  expect(Array.isArray(result.sightings)).toBe(true);
  expect(Array.isArray(result.problems)).toBe(true);
  expect(new Set(result.sightings.map((s) => s.id)).size).toBe(result.sightings.length);
  for (const s of result.sightings) {
    // A JWT starts with its header; an opaque token passed the credential test and is no JWT.
    if (s.opaque) expect(isOpaqueTokenText(s.tokenText)).toBe(true);
    else expect(s.tokenText.startsWith('eyJ')).toBe(true);
  }
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

  /** Values for token-named places: random strings, token-alphabet strings, JWT pieces, JSON of any shape. */
  const hostileValue = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 120 }),
    fc.stringMatching(/^[A-Za-z0-9._~+/!$*=-]{0,80}$/),
    fc.constantFrom('eyJhbGciOiJub25lIn0.', 'eyJ', 'Bearer', 'null', '%', '\u0000', T, `${T}...`),
    fc.jsonValue().map((v) => JSON.stringify(v) ?? ''),
  );
  const fieldName = fc.oneof(
    fc.constantFrom('access_token', 'refresh_token', 'id_token', 'accessToken', 'token', '__proto__'),
    fc.string({ maxLength: 20 }),
  );

  it('on hostile values in every place that names an opaque token', () => {
    fc.assert(
      fc.property(fieldName, hostileValue, fc.jsonValue(), (name, value, extra) => {
        const pair = `${encodeURIComponent(name)}=${encodeURIComponent(value)}`;
        const entry = makeEntry({
          method: 'POST',
          url: `https://id.example.test/oauth2/revoke?${pair}#${pair}`,
          requestHeaders: [
            { name: 'Authorization', value: `Bearer ${value}` },
            { name: 'Cookie', value: `${name}=${value}` },
          ],
          requestCookies: [{ name, value, httpOnly: false }],
          postData: { mimeType: 'application/x-www-form-urlencoded', text: `token=${value}&${pair}` },
          responseHeaders: [{ name: 'Set-Cookie', value: `${name}=${value}; Secure` }],
          content: {
            mimeType: 'application/json',
            text: JSON.stringify({ [name]: value, extra, nested: { [name]: extra } }),
          },
        });
        entry._webSocketMessages = [{ type: 'send', opcode: 1, data: JSON.stringify({ [name]: value }) }];
        expectWellFormed(captureEntry(entry, '0'));
        const body = makeEntry({
          method: 'POST',
          postData: { mimeType: 'application/json', text: `{"access_token":${value}` },
        });
        expectWellFormed(captureEntry(body, '0'));
      }),
      { numRuns: 400 },
    );
  });

  it('stays fast on adversarial bodies', () => {
    const started = performance.now();
    const text = `${'eyJ'.repeat(200_000)}${'{"a":'.repeat(5000)}`;
    captureEntry(makeEntry({ content: { mimeType: 'application/json', text } }), '0');
    captureEntry(makeEntry({ postData: { mimeType: 'application/json', text: '['.repeat(100_000) } }), '0');
    // Token-named members by the thousand, each with a long credential-shaped value.
    const members = Array.from(
      { length: 10_000 },
      (_, i) => `{"access_token":"${'aB3dE5gH7jK9mN1p'.repeat(4)}${i}"}`,
    );
    const named = `[${members.join(',')},{"refresh_token":"${'Zq9'.repeat(1000)}"}]`;
    const flood = captureEntry(makeEntry({ content: { mimeType: 'application/json', text: named } }), '0');
    expect(flood.sightings).toHaveLength(MAX_SIGHTINGS_PER_ENTRY);
    captureEntry(
      makeEntry({ url: `https://x.test/?${'access_token=aB3dE5gH7jK9mN1p&'.repeat(20_000)}` }),
      '0',
    );
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
