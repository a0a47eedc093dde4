import { describe, expect, it } from 'vitest';
import { decodeComponent, parseParams, parseUrlParts } from '../../../src/core/capture/url-parts';

describe('parseUrlParts', () => {
  it('splits a full URL', () => {
    expect(parseUrlParts('HTTPS://u:p@API.Example.test:8443/a/b?x=1&y#frag')).toEqual({
      scheme: 'https',
      host: 'api.example.test',
      origin: 'https://api.example.test:8443',
      userinfo: 'u:p',
      path: '/a/b',
      query: 'x=1&y',
      fragment: 'frag',
    });
  });

  it('handles IPv6 hosts, missing paths and authority-less URLs', () => {
    expect(parseUrlParts('http://[::1]:3000').host).toBe('::1');
    expect(parseUrlParts('http://[::1]:3000').path).toBe('');
    expect(parseUrlParts('data:text/plain,eyJ')).toMatchObject({ scheme: 'data', host: '', origin: '' });
    expect(parseUrlParts('not a url')).toMatchObject({ scheme: '', host: '' });
  });
});

describe('decodeComponent / parseParams', () => {
  it('decodes + and %XX, keeping malformed escapes', () => {
    expect(decodeComponent('a+b%20c')).toBe('a b c');
    expect(decodeComponent('100%')).toBe('100%');
  });

  it('splits pairs, bare names and empty parts', () => {
    expect(parseParams('a=1&&b&c=x%3Dy')).toEqual([
      { name: 'a', value: '1' },
      { name: 'b', value: '' },
      { name: 'c', value: 'x=y' },
    ]);
  });
});
