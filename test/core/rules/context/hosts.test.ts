import { describe, expect, it } from 'vitest';
import {
  hostOfIdentifier,
  isCleartextScheme,
  isLoopbackHost,
  registrableDomain,
  staysOnLoopback,
} from '../../../../src/core/rules/context/hosts';

describe('registrableDomain', () => {
  it.each([
    ['api.example.com', 'example.com'],
    ['a.b.example.com.', 'example.com'],
    ['www.shop.co.uk', 'shop.co.uk'],
    ['x.example.com.au', 'example.com.au'],
    ['example.io', 'example.io'],
    ['localhost', 'localhost'],
    ['10.0.0.1', '10.0.0.1'],
    ['::1', '::1'],
    ['co.uk', 'co.uk'],
  ])('%s → %s', (host, site) => {
    expect(registrableDomain(host)).toBe(site);
  });
});

describe('isLoopbackHost', () => {
  it.each(['localhost', 'api.localhost', '127.0.0.1', '127.255.0.9', '::1', '::ffff:127.0.0.1'])(
    '%s is loopback',
    (h) => {
      expect(isLoopbackHost(h)).toBe(true);
    },
  );

  it.each(['128.0.0.1', 'localhost.example.com', '10.0.0.1', '::2', 'example.test'])('%s is not', (h) => {
    expect(isLoopbackHost(h)).toBe(false);
  });
});

describe('staysOnLoopback and isCleartextScheme', () => {
  it('is true only when every host is loopback', () => {
    expect(staysOnLoopback(['localhost', '127.0.0.1', '::1'])).toBe(true);
    expect(staysOnLoopback(['localhost', 'api.example.test'])).toBe(false);
    expect(staysOnLoopback([])).toBe(false);
    expect(['http', 'ws', 'https', 'wss', ''].map(isCleartextScheme)).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
  });
});

describe('hostOfIdentifier', () => {
  it('reads hosts from URLs and bare names, not from client ids', () => {
    expect(hostOfIdentifier('https://ID.example.com/realms/x')).toBe('id.example.com');
    expect(hostOfIdentifier('https://user@[::1]:8443/')).toBe('::1');
    expect(hostOfIdentifier('api.example.com')).toBe('api.example.com');
    expect(hostOfIdentifier('spa-client')).toBeUndefined();
    expect(hostOfIdentifier('urn:example:aud')).toBeUndefined();
  });
});
