import { describe, expect, it } from 'vitest';
import { captureEntry, MAX_BODY_CHARS } from '../../../src/core/capture';
import type { CaptureResult } from '../../../src/core/types';
import { fakeJwt, jsonContent, makeEntry } from './har-builders';

const AT = fakeJwt({ sub: 'alice', scope: 'read' });
const ID = fakeJwt({ sub: 'alice', nonce: 'n' }, { alg: 'RS256' });
const RT = fakeJwt({ sub: 'alice', jti: 'r1' }, { alg: 'HS512' });

function names(result: CaptureResult): string[] {
  return result.sightings.map((s) => `${s.where} ${s.name}`);
}

const base64 = (text: string) => btoa(text);

describe('captureEntry: request bodies', () => {
  it('reads form params[] (decoding them) and observes the password', () => {
    const postData = {
      mimeType: 'application/x-www-form-urlencoded',
      text: '',
      params: [
        { name: 'grant_type', value: 'refresh_token' },
        { name: 'refresh_token', value: encodeURIComponent(RT) },
        { name: 'client_secret', value: 'abc%20def' },
      ],
    };
    const result = captureEntry(makeEntry({ method: 'POST', postData }), '0');
    expect(names(result)).toEqual(['request-body refresh_token']);
    expect(result.observations.map((o) => [o.kind, o.name, o.masked])).toEqual([
      ['password-in-body', 'client_secret', '*** (7 characters)'],
    ]);
  });

  it('parses urlencoded text when params[] is absent', () => {
    const postData = {
      mimeType: 'application/x-www-form-urlencoded; charset=UTF-8',
      text: `assertion=${RT}&password=pw`,
    };
    const result = captureEntry(makeEntry({ method: 'POST', postData }), '0');
    expect(names(result)).toEqual(['request-body assertion']);
    expect(result.observations.map((o) => o.name)).toEqual(['password']);
  });

  it('names JSON body tokens by JSON path and finds nested password fields', () => {
    const text = JSON.stringify({ auth: { refresh_token: RT, list: [AT] }, user: { newPassword: 'x1' } });
    const result = captureEntry(
      makeEntry({ method: 'POST', postData: { mimeType: 'application/json', text } }),
      '0',
    );
    expect(names(result)).toEqual(['request-body $.auth.refresh_token', 'request-body $.auth.list[0]']);
    expect(result.observations.map((o) => o.name)).toEqual(['$.user.newPassword']);
  });

  it('scans plain-text bodies as "body"', () => {
    const postData = { mimeType: 'text/plain', text: `token is ${AT} ok` };
    expect(names(captureEntry(makeEntry({ method: 'POST', postData }), '0'))).toEqual(['request-body body']);
  });
});

describe('captureEntry: base64 request bodies', () => {
  it('decodes postData marked base64 (HAR 1.3 draft), form or JSON', () => {
    const json = {
      mimeType: 'application/json',
      encoding: 'base64',
      text: base64(JSON.stringify({ jwt: AT })),
    };
    expect(names(captureEntry(makeEntry({ method: 'POST', postData: json }), '0'))).toEqual([
      'request-body $.jwt',
    ]);
    const form = {
      mimeType: 'application/x-www-form-urlencoded',
      encoding: 'base64',
      text: base64(`assertion=${RT}`),
    };
    expect(names(captureEntry(makeEntry({ method: 'POST', postData: form }), '0'))).toEqual([
      'request-body assertion',
    ]);
    const plain = { mimeType: 'application/json', text: base64(JSON.stringify({ jwt: AT })) };
    expect(names(captureEntry(makeEntry({ method: 'POST', postData: plain }), '0'))).toEqual([]);
  });

  it("searches HTTP Toolkit's request._content (a body that is not UTF-8) when there is no postData", () => {
    const bytes = `\u0000\u0000\u0000\u0001${AT}\u0002`;
    const entry = makeEntry({ method: 'POST' });
    (entry.request as Record<string, unknown>)._content = {
      text: base64(bytes),
      size: 5,
      encoding: 'base64',
    };
    const result = captureEntry(entry, '3');
    expect(names(result)).toEqual(['request-body body']);
    expect(result.sightings[0]?.tokenText).toBe(AT);
    (entry.request as Record<string, unknown>).postData = { mimeType: 'text/plain', text: 'hello' };
    expect(names(captureEntry(entry, '3'))).toEqual([]);
  });

  it('reports request bodies marked base64 that are not, and skips binary media', () => {
    const bad = { mimeType: 'application/json', encoding: 'base64', text: '***' };
    expect(captureEntry(makeEntry({ method: 'POST', postData: bad }), '4').problems).toEqual([
      'entry 4: request body is marked base64 but is not valid base64; not scanned',
    ]);
    const image = { mimeType: 'image/png', encoding: 'base64', text: base64(AT) };
    expect(captureEntry(makeEntry({ method: 'POST', postData: image }), '4').sightings).toEqual([]);
  });
});

describe('captureEntry: response bodies', () => {
  it('names the tokens of an OAuth token response and keeps the caching headers', () => {
    const entry = makeEntry({
      method: 'POST',
      url: 'https://id.example.test/token',
      responseHeaders: [
        { name: 'Cache-Control', value: 'no-store' },
        { name: 'Pragma', value: 'no-cache' },
      ],
      content: jsonContent({ access_token: AT, id_token: ID, refresh_token: RT, token_type: 'Bearer' }),
    });
    const result = captureEntry(entry, '0');
    expect(names(result)).toEqual([
      'response-body $.access_token',
      'response-body $.id_token',
      'response-body $.refresh_token',
    ]);
    expect(result.sightings.every((s) => s.responseCacheControl === 'no-store, pragma: no-cache')).toBe(true);
  });

  it('walks any JSON with bracketed paths for odd keys', () => {
    const content = jsonContent({ data: [{ 'my token': `Bearer ${AT}` }] });
    expect(names(captureEntry(makeEntry({ content }), '0'))).toEqual(["response-body $.data[0]['my token']"]);
  });

  it('decodes base64 content', () => {
    const text = JSON.stringify({ id_token: ID });
    const content = {
      size: text.length,
      mimeType: 'application/json',
      encoding: 'base64',
      text: base64(text),
    };
    expect(names(captureEntry(makeEntry({ content }), '0'))).toEqual(['response-body $.id_token']);
  });

  it('reports invalid base64 as a problem and goes on', () => {
    const content = { mimeType: 'application/json', encoding: 'base64', text: '***not base64***' };
    const entry = makeEntry({ content, requestHeaders: [{ name: 'Authorization', value: `Bearer ${AT}` }] });
    const result = captureEntry(entry, '5');
    expect(result.problems).toEqual([
      'entry 5: response body is marked base64 but is not valid base64; not scanned',
    ]);
    expect(names(result)).toEqual(['request-header Authorization']);
  });

  it('scans HTML and broken JSON as text', () => {
    const html = { mimeType: 'text/html', text: `<script>window.t = "${AT}"</script>` };
    expect(names(captureEntry(makeEntry({ content: html }), '0'))).toEqual(['response-body body']);
    const broken = { mimeType: 'application/json', text: `{"access_token": "${AT}", ` };
    expect(names(captureEntry(makeEntry({ content: broken }), '0'))).toEqual([
      'response-body $..access_token',
    ]);
  });

  it('collects JWKS and OpenID discovery documents, even without tokens', () => {
    const jwks = { keys: [{ kty: 'RSA', kid: 'k1', n: 'AQAB', e: 'AQAB' }] };
    const result = captureEntry(
      makeEntry({ url: 'https://id.example.test/jwks', content: jsonContent(jwks) }),
      '2',
    );
    expect(result.keyDocuments).toEqual([
      { kind: 'jwks', url: 'https://id.example.test/jwks', requestId: '2', json: jwks },
    ]);
    const discovery = { issuer: 'https://id.example.test', jwks_uri: 'https://id.example.test/jwks' };
    const second = captureEntry(makeEntry({ content: jsonContent(discovery) }), '3');
    expect(second.keyDocuments.map((d) => d.kind)).toEqual(['openid-configuration']);
    expect(captureEntry(makeEntry({ content: jsonContent({ keys: 'nope' }) }), '4').keyDocuments).toEqual([]);
  });

  it('caps huge bodies with a problem line but still scans their start', () => {
    const text = `${AT} ${'x'.repeat(MAX_BODY_CHARS)}`;
    const result = captureEntry(makeEntry({ content: { mimeType: 'text/plain', text } }), '9');
    expect(names(result)).toEqual(['response-body body']);
    expect(result.problems).toEqual(['entry 9: response body is 8.0 MiB; only the first 8 MiB was scanned']);
  });

  it('caps the sightings of one entry', () => {
    const text = Array.from({ length: 1500 }, (_, i) => fakeJwt({ n: i })).join('\n');
    const result = captureEntry(makeEntry({ content: { mimeType: 'text/plain', text } }), '1');
    expect(result.sightings).toHaveLength(1000);
    expect(result.problems).toEqual(['entry 1: more than 1000 token sightings; the rest were dropped']);
  });

  it('does not decode binary media', () => {
    const content = { mimeType: 'image/png', encoding: 'base64', text: base64(`${AT}`) };
    expect(captureEntry(makeEntry({ content }), '0').sightings).toEqual([]);
  });
});

describe('captureEntry: observations', () => {
  it('masks HTTP Basic credentials', () => {
    const entry = makeEntry({
      requestHeaders: [{ name: 'authorization', value: `Basic ${base64('alice:correct horse')}` }],
    });
    const [observation] = captureEntry(entry, '0').observations;
    expect(observation).toMatchObject({
      kind: 'basic-auth',
      name: 'Authorization',
      masked: 'al***:*** (13 characters)',
    });
  });

  it('does not treat Bearer or harmless fields as credentials', () => {
    const entry = makeEntry({
      url: 'https://a.example.test/?passenger=2&bypass=1',
      requestHeaders: [{ name: 'Authorization', value: `Bearer ${AT}` }],
      postData: { mimeType: 'application/json', text: '{"compass":"n","password":""}' },
    });
    expect(captureEntry(entry, '0').observations).toEqual([]);
  });
});

describe('captureEntry: response bodies worth reading', () => {
  const OPAQUE = 'q8ZL2mNvX0pR4tYb7Kw1sD';
  const body = (text: string) => makeEntry({ content: { mimeType: 'application/json', text } });

  it.each([
    ['a JWT', `{"data":{"jwt":"${AT}"}}`, ['response-body $.data.jwt'], 0],
    ['a token-named member', `{"refreshToken":"${OPAQUE}"}`, ['response-body $.refreshToken'], 0],
    ['a token-named member in capitals', `{"ACCESS_TOKEN":"${OPAQUE}"}`, ['response-body $.ACCESS_TOKEN'], 0],
    ['a JWKS', '{"keys":[{"kty":"oct","k":"AAAA"}]}', [], 1],
    ['a discovery document', '{"issuer":"https://id.test","jwks_uri":"https://id.test/k"}', [], 1],
    ['none of these', `{"items":[{"id":"${OPAQUE}","note":"keys"}],"eyj":"oKen"}`, [], 0],
  ])('%s', (_, text, sightings, keyDocuments) => {
    const result = captureEntry(body(text), '0');
    expect(names(result)).toEqual(sightings);
    expect(result.keyDocuments).toHaveLength(keyDocuments);
  });
});
