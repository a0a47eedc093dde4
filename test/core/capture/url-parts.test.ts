import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeComponent,
  parseParams,
  parseUrlParts,
  serviceOfUrl,
} from '../../../src/core/capture/url-parts';

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

describe('serviceOfUrl', () => {
  /** The service as the lifecycle model defined it: from the parts `parseUrlParts` gives. */
  const reference = (url: string) => {
    const parts = parseUrlParts(url);
    const segment = parts.path.split('/', 2)[1] ?? '';
    return segment ? `${parts.host}/${segment}` : parts.host;
  };

  it('is host and first path segment, for plain URLs and the ones read in full', () => {
    expect(serviceOfUrl('https://API.example.test:8443/v1/orders?x=1#f')).toBe('api.example.test/v1');
    expect(serviceOfUrl('http://api.example.test')).toBe('api.example.test');
    expect(serviceOfUrl('https://api.example.test/?v=1')).toBe('api.example.test');
    expect(serviceOfUrl('https://u:p@api.example.test/v2/x')).toBe('api.example.test/v2');
    expect(serviceOfUrl('HTTPS://[::1]:8080/admin')).toBe('::1/admin');
    expect(serviceOfUrl('not a url')).toBe('');
  });

  it('agrees with parseUrlParts on any text (property)', () => {
    const piece = fc.constantFrom(
      'https://',
      'http://',
      'HTTP://',
      'data:',
      '/',
      '//',
      '?',
      '#',
      '@',
      '[',
      ']',
      ':',
      ':443',
      'Api.Test',
      'v1',
      'a',
      '%2F',
      ' ',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 10 }), fc.string({ maxLength: 6 }), (pieces, tail) => {
        const url = pieces.join('') + tail;
        expect(serviceOfUrl(url)).toBe(reference(url));
      }),
      { numRuns: 2000 },
    );
  });
});
