import { describe, expect, it } from 'vitest';
import { captureHar } from '../../../src/core/capture';
import { keptExchangeOf } from '../../../src/panel/models/exchange-store';
import { probeCommand, probeHarFile, probeNeeds } from '../../../src/panel/models/probe-har';
import { accessClaims, makeEntry, makeToken, NOW } from '../fixtures';

const token = makeToken(accessClaims('alice'));
const other = makeToken(accessClaims('bob'));
const tool = { name: 'jwt-lens', version: '9.9.9' };
const when = new Date(NOW * 1000);

function kept(entry: Record<string, unknown>) {
  const exchange = keptExchangeOf(entry);
  if (!exchange) throw new Error('not kept');
  return exchange;
}

/** A value down a path of object keys; `undefined` when any step is missing. */
function at(value: unknown, ...path: string[]): unknown {
  let v = value;
  for (const key of path)
    v = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[key] : undefined;
  return v;
}
const isPairs = (list: unknown) =>
  Array.isArray(list) &&
  list.every((p) => typeof at(p, 'name') === 'string' && typeof at(p, 'value') === 'string');
const allOf = (value: unknown, type: string, ...keys: string[]) =>
  keys.every((k) => typeof at(value, k) === type);

/** The HAR 1.2 required fields (http://www.softwareishard.com/blog/har-12-spec/) of a log and its entries. */
function harProblems(har: unknown): string[] {
  const problems: string[] = [];
  const need = (ok: boolean, what: string) => ok || problems.push(what);
  need(at(har, 'log', 'version') === '1.2', 'log.version 1.2');
  need(allOf(at(har, 'log', 'creator'), 'string', 'name', 'version'), 'creator');
  const entries = at(har, 'log', 'entries');
  need(Array.isArray(entries), 'entries');
  for (const e of Array.isArray(entries) ? entries : []) {
    need(!Number.isNaN(Date.parse(String(at(e, 'startedDateTime')))), 'startedDateTime');
    need(typeof at(e, 'time') === 'number', 'time');
    const q = at(e, 'request');
    need(allOf(q, 'string', 'method', 'url', 'httpVersion'), 'request line');
    need(
      ['headers', 'queryString', 'cookies'].every((k) => isPairs(at(q, k))),
      'request lists',
    );
    need(allOf(q, 'number', 'headersSize', 'bodySize'), 'request sizes');
    if (at(q, 'postData') !== undefined) need(typeof at(q, 'postData', 'mimeType') === 'string', 'postData');
    const r = at(e, 'response');
    need(
      typeof at(r, 'status') === 'number' && allOf(r, 'string', 'statusText', 'httpVersion'),
      'status line',
    );
    need(isPairs(at(r, 'headers')) && isPairs(at(r, 'cookies')), 'response lists');
    need(
      typeof at(r, 'content', 'size') === 'number' && typeof at(r, 'content', 'mimeType') === 'string',
      'content',
    );
    need(
      typeof at(r, 'redirectURL') === 'string' && allOf(r, 'number', 'headersSize', 'bodySize'),
      'response sizes',
    );
    need(typeof at(e, 'cache') === 'object', 'cache');
    need(allOf(at(e, 'timings'), 'number', 'send', 'wait', 'receive'), 'timings');
  }
  return problems;
}

describe('the probe HAR', () => {
  it('is a valid HAR 1.2 with exactly the one exchange, raw', () => {
    const file = probeHarFile(kept(makeEntry({ bearer: token, responseJson: { ok: 1 } })), tool, when);
    expect(file.filename).toBe('jwt-lens-probe-2030-01-01T00-00-00Z.har');
    expect(file.mime).toBe('application/json');
    const har = JSON.parse(file.text);
    expect(harProblems(har)).toEqual([]);
    expect(har.log.entries).toHaveLength(1);
    expect(har.log.creator).toEqual(tool);
    expect(har.log.entries[0].request.headers).toEqual([{ name: 'Authorization', value: `Bearer ${token}` }]);
    expect(har.log.entries[0].response.status).toBe(200);
  });

  it('loads in the CLI’s captureHar with the token at the same place, as entry 0', () => {
    const entry = makeEntry({ bearer: token, method: 'POST', url: 'https://api.example.test/v1/orders?x=1' });
    (entry.request as Record<string, unknown>).postData = {
      mimeType: 'application/json',
      text: JSON.stringify({ token: other }),
    };
    const har = JSON.parse(probeHarFile(kept(entry), tool, when).text);
    const capture = captureHar(har);
    if ('error' in capture) throw new Error(capture.error);
    expect(capture.entryCount).toBe(1);
    expect(capture.problems).toEqual([]);
    const seen = capture.sightings.map((s) => [s.requestId, s.where, s.name, s.tokenText, s.method, s.url]);
    expect(seen).toEqual(
      expect.arrayContaining([
        ['0', 'request-header', 'Authorization', token, 'POST', 'https://api.example.test/v1/orders?x=1'],
        ['0', 'request-body', '$.token', other, 'POST', 'https://api.example.test/v1/orders?x=1'],
      ]),
    );
  });

  it('leaves out HTTP/2 pseudo-headers, which restate the method and URL', () => {
    const entry = makeEntry({ bearer: token });
    const request = entry.request as { headers: Array<{ name: string; value: string }> };
    request.headers.unshift(
      { name: ':authority', value: 'api.example.test' },
      { name: ':path', value: '/v1/me' },
    );
    const har = JSON.parse(probeHarFile(kept(entry), tool, when).text);
    expect(har.log.entries[0].request.headers).toEqual([{ name: 'Authorization', value: `Bearer ${token}` }]);
  });

  it('holds nothing of the response body (the panel never keeps it)', () => {
    const har = probeHarFile(
      kept(makeEntry({ bearer: token, responseJson: { refresh_token: other } })),
      tool,
      when,
    );
    expect(har.text).not.toContain(other);
  });

  it('gives the command line, naming the token only when asked', () => {
    expect(probeCommand('f.har')).toBe('jwt-lens probe f.har --entry 0');
    expect(probeCommand('f.har', 'abcd')).toBe('jwt-lens probe f.har --entry 0 --token abcd');
  });

  it('names the opt-ins the CLI will want: a host that is not loopback, a method that can change data', () => {
    expect(probeNeeds(kept(makeEntry({ url: 'http://127.0.0.1:3000/a' })))).toEqual({
      origin: 'http://127.0.0.1:3000',
    });
    expect(probeNeeds(kept(makeEntry({ url: 'http://localhost/a', method: 'HEAD' })))).toEqual({
      origin: 'http://localhost',
    });
    expect(probeNeeds(kept(makeEntry({ url: 'https://api.example.test/a', method: 'post' })))).toEqual({
      origin: 'https://api.example.test',
      allowHost: 'api.example.test',
      unsafeMethod: 'POST',
    });
  });

  it('reads loopback as the CLI does (IPv6, IPv4-mapped, *.localhost), and names a host as --allow-host takes it', () => {
    for (const url of ['http://[::1]:8080/a', 'http://[::ffff:127.0.0.1]/a', 'http://api.localhost/a']) {
      expect(probeNeeds(kept(makeEntry({ url }))).allowHost).toBeUndefined();
    }
    expect(probeNeeds(kept(makeEntry({ url: 'http://[2001:db8::1]/a' }))).allowHost).toBe('2001:db8::1');
    expect(probeNeeds(kept(makeEntry({ url: 'http://[::ffff:a00:1]/a' }))).allowHost).toBe('::ffff:a00:1');
  });
});
