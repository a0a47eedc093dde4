import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveCaptureCandidates } from '../../../src/core/secrets/capture-candidates';
import { tokenFromText } from './make-token';

const token = (header: object, claims: object) =>
  tokenFromText(
    `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`,
  );

describe('deriveCaptureCandidates', () => {
  it('uses hosts and their labels, issuer and audience hosts, claim values, with case forms and suffixes', () => {
    const candidates = deriveCaptureCandidates([
      {
        token: token(
          { alg: 'HS256', kid: 'k1' },
          { iss: 'https://auth.shop.example.co.uk/', aud: ['orders-api'], n: 42 },
        ),
        sightings: [{ url: 'https://www.payments.test/api', name: 'session' } as never],
      },
    ]);
    for (const expected of [
      'auth.shop.example.co.uk',
      'shop.example.co.uk',
      'shop',
      'example',
      'orders-api',
      'ORDERS-API',
      'Orders-api',
      'orders-api-secret',
      'orders-api_jwt',
      'payments',
      'payments.test',
      'payments-secret',
      'k1',
      '42',
      'session',
      'shop-jwt-secret',
      'shop123',
    ]) {
      expect(candidates, expected).toContain(expected);
    }
    expect(candidates).not.toContain('co');
    expect(candidates).not.toContain('www');
  });

  it('survives hostile claims: deep nesting, huge values, non-URL schemes', () => {
    let deep: object = { leaf: 'bottom' };
    for (let i = 0; i < 50; i++) deep = { deep };
    const candidates = deriveCaptureCandidates([
      { token: token({ alg: 'HS256' }, { deep, big: 'x'.repeat(10_000), u: 'http://[::1' }) },
    ]);
    expect(candidates).not.toContain('bottom');
    expect(candidates.some((c) => c.length > 200)).toBe(false);
  });

  it("reads each URL's host as the URL parser does, though hosts are worked out once per authority", () => {
    const tail = fc.string({ unit: 'grapheme-ascii', maxLength: 20 });
    const url = fc.oneof(
      fc.tuple(fc.webUrl({ withQueryParameters: true, withFragments: true }), tail).map(([u, t]) => u + t),
      fc
        .tuple(fc.constantFrom('http://', 'HTTPS://', 'ws://', 'foo://', 'file://'), tail, tail)
        .map(([scheme, host, rest]) => `${scheme}${host}${rest}`),
    );
    const claims = token({ alg: 'HS256' }, {});
    fc.assert(
      fc.property(fc.array(url, { minLength: 1, maxLength: 4 }), (urls) => {
        const candidates = deriveCaptureCandidates(
          urls.map((u) => ({ token: claims, sightings: [{ url: u, name: '' } as never] })),
        );
        for (const u of urls) {
          if (u.length > 100) continue;
          let host: string | undefined;
          try {
            host = new URL(u).hostname || undefined;
          } catch {
            host = undefined;
          }
          if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(u)) host = undefined;
          expect(candidates).toContain(host ?? u);
        }
      }),
    );
  });
});
