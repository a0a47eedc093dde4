import { describe, expect, it } from 'vitest';
import { checkObservations } from '../../../../src/core/rules/context';
import type { ExchangeObservation } from '../../../../src/core/types';

const obs = (overrides: Partial<ExchangeObservation>): ExchangeObservation => ({
  kind: 'basic-auth',
  requestId: '1',
  url: 'https://api.example.test/admin',
  scheme: 'https',
  name: 'Authorization',
  masked: 'al***:*** (8 characters)',
  startedAt: '2025-03-14T09:00:00.000Z',
  ...overrides,
});

describe('checkObservations', () => {
  it('reports Basic auth as medium over https and high over http, one hit per host', () => {
    const hits = checkObservations([
      obs({}),
      obs({ requestId: '2' }),
      obs({ url: 'http://legacy.example.test/', scheme: 'http', requestId: '3' }),
    ]);
    expect(hits.map((h) => [h.ruleId, h.severity, h.fingerprint, h.detail])).toEqual([
      [
        'basic-auth-credentials',
        'medium',
        '',
        'HTTP Basic credentials in Authorization sent to api.example.test in 2 requests',
      ],
      [
        'basic-auth-credentials',
        'high',
        '',
        'HTTP Basic credentials in Authorization sent to legacy.example.test in 1 request over plain http',
      ],
    ]);
    expect(hits[0]?.evidence?.[0]).toEqual({ label: 'Authorization', value: 'al***:*** (8 characters)' });
  });

  it.each([
    'http://localhost:8080/admin',
    'http://127.0.0.1/admin',
    'http://[::1]:3000/',
    'ws://app.localhost/',
  ])('does not raise Basic auth over plain http to a loopback host (%s), as transport-cleartext', (url) => {
    const scheme = url.slice(0, url.indexOf(':'));
    const [hit] = checkObservations([obs({ url, scheme })]);
    expect(hit?.severity).toBe('medium');
    expect(hit?.detail).toMatch(/ over plain http \(loopback only\)$/);
  });

  it('reports passwords in URLs and request bodies with the catalog severity', () => {
    const hits = checkObservations([
      obs({ kind: 'password-in-url', name: 'password', masked: '*** (6 characters)' }),
      obs({ kind: 'password-in-url', name: 'userinfo', masked: '*** (3 characters)' }),
      obs({ kind: 'password-in-body', name: '$.password', masked: '*** (9 characters)' }),
    ]);
    expect(hits.map((h) => [h.ruleId, h.severity, h.detail])).toEqual([
      [
        'credentials-in-url',
        undefined,
        'password in query parameter "password" of the URL of 1 request to api.example.test',
      ],
      [
        'credentials-in-url',
        undefined,
        'password in the userinfo (user:password@) of the URL of 1 request to api.example.test',
      ],
      [
        'credentials-in-har',
        undefined,
        'clear-text "$.password" in the request body of 1 request to api.example.test, recorded in the capture',
      ],
    ]);
  });

  it('returns nothing for no observations', () => {
    expect(checkObservations([])).toEqual([]);
  });
});
