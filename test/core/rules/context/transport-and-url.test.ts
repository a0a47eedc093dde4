import { describe, expect, it } from 'vitest';
import { checkTokenInUrl } from '../../../../src/core/rules/context/token-in-url';
import { checkTransportCleartext } from '../../../../src/core/rules/context/transport-cleartext';
import { ctx, record, sighting, token } from './records';

describe('transport-cleartext', () => {
  it('fires high for http to a remote host, counting requests', () => {
    const r = record(token(), [
      sighting({ url: 'http://api.example.test/a', requestId: '1' }),
      sighting({ url: 'http://api.example.test/b', requestId: '2' }),
      sighting({ url: 'http://api.example.test/c', requestId: '3' }),
      sighting({ url: 'https://api.example.test/d', requestId: '4' }),
    ]);
    const [hit] = checkTransportCleartext(ctx(r));
    expect(hit).toMatchObject({
      ruleId: 'transport-cleartext',
      severity: 'high',
      detail: 'sent over http:// to api.example.test in 3 requests',
      evidence: [{ label: 'cleartext origin', value: 'http://api.example.test' }],
    });
    expect(hit?.sightingIds).toHaveLength(3);
  });

  it.each(['http://localhost:3000/', 'http://127.0.0.5/', 'http://[::1]:8080/', 'ws://app.localhost/'])(
    'is low on loopback (%s)',
    (url) => {
      const [hit] = checkTransportCleartext(ctx(record(token(), [sighting({ url })])));
      expect(hit?.severity).toBe('low');
      expect(hit?.detail).toContain('(loopback only)');
    },
  );

  it('does not fire over https, for storage, or for a fragment that never left the browser', () => {
    const r = record(token(), [
      sighting({ url: 'https://api.example.test/' }),
      sighting({ url: 'http://app.example.test/', where: 'storage', name: 'localStorage.at' }),
      sighting({ url: 'http://app.example.test/#t', where: 'fragment', name: '#' }),
    ]);
    expect(checkTransportCleartext(ctx(r))).toEqual([]);
  });
});

describe('token-in-url', () => {
  it('fires for query, path and fragment, naming the places', () => {
    const r = record(token(), [
      sighting({
        where: 'query',
        name: 'access_token',
        url: 'https://api.example.test/x?access_token=eyJabc.d.e&a=1',
      }),
      sighting({ where: 'path', name: '/reset/{token}', url: 'https://api.example.test/reset/eyJabc.d.e' }),
      sighting({ where: 'fragment', name: 'id_token', url: 'https://app.example.test/cb#id_token=eyJ' }),
    ]);
    const [hit] = checkTokenInUrl(ctx(r));
    expect(hit?.ruleId).toBe('token-in-url');
    expect(hit?.detail).toBe(
      'in the URL (query parameter "access_token", path /reset/{token} and fragment parameter "id_token") of 3 requests to api.example.test and app.example.test',
    );
    const urls = hit?.evidence?.filter((e) => e.label === 'URL').map((e) => e.value);
    expect(urls).toEqual([
      'https://api.example.test/x?access_token=…&a=…',
      'https://api.example.test/reset/{token}',
      'https://app.example.test/cb',
    ]);
  });

  it('fires for a Referer or a redirect Location carrying the token', () => {
    const referer = record(token(), [sighting({ name: 'Referer' })]);
    expect(checkTokenInUrl(ctx(referer))[0]?.detail).toContain('Referer header');
    const location = record(token(), [sighting({ where: 'response-header', name: 'Location', status: 302 })]);
    expect(checkTokenInUrl(ctx(location))[0]?.detail).toContain('redirect Location header');
  });

  it('does not fire for headers, cookies or bodies', () => {
    const r = record(token(), [
      sighting(),
      sighting({ where: 'request-cookie', name: 'session' }),
      sighting({ where: 'response-body', name: '$.access_token' }),
      sighting({ where: 'response-header', name: 'X-Token' }),
    ]);
    expect(checkTokenInUrl(ctx(r))).toEqual([]);
  });
});
