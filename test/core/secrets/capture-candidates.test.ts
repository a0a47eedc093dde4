import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CaptureValues,
  candidatesFromValues,
  collectCaptureValues,
  deriveCaptureCandidates,
  type TokenWithSightings,
} from '../../../src/core/secrets/capture-candidates';
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

  describe('stops collecting where the caps are reached, with the same candidates', () => {
    /** Every value, as collected before the early stop: the reference the candidates must match. */
    const NAMES = new Set(['iss', 'aud', 'azp', 'client_id', 'scope', 'tenant']);
    function collectAll(entries: readonly TokenWithSightings[]): CaptureValues {
      const values: CaptureValues = { names: [], others: [] };
      const put = (list: string[]) => (v: unknown) => {
        const text = typeof v === 'number' ? String(v) : v;
        if (typeof text === 'string' && text.length > 0 && text.length <= 100) list.push(text);
      };
      for (const { token: t, sightings } of entries) {
        for (const v of Object.values(t.header ?? {})) put(values.names)(v);
        for (const [k, v] of Object.entries(t.claims ?? {}))
          (Array.isArray(v) ? v : [v]).forEach(put(NAMES.has(k) ? values.names : values.others));
        for (const s of sightings ?? []) put(values.names)(s.name);
      }
      return values;
    }
    const capture = (count: number, claimsOf: (i: number) => object, nameOf: (i: number) => string) =>
      Array.from({ length: count }, (_, i) => ({
        token: token({ alg: 'HS256' }, claimsOf(i)),
        sightings: [{ url: '', name: nameOf(i) } as never],
      }));

    it('a long token list: distinct line names fill the name bases, user ids the others', () => {
      const entries = capture(
        3000,
        (i) => ({ iss: 'https://auth.acme.test', sub: `user-${i}`, iat: 1_700_000_000 + i }),
        (i) => `tokens.txt:${i + 1}`,
      );
      const collected = collectCaptureValues(entries);
      expect(collected.names.length).toBeLessThan(3 * 1100);
      expect(collected.others.length).toBeLessThan(2 * 1100);
      expect(candidatesFromValues(collected)).toEqual(candidatesFromValues(collectAll(entries)));
    });

    it("a token list: the lines' labels are no candidates, so they crowd out no claim value", () => {
      const entries = capture(
        3000,
        (i) => ({ iss: 'https://auth.acme.test', aud: `app-${i % 1200}` }),
        (i) => `tokens.txt:${i + 1}`,
      ).map((e) => ({
        ...e,
        sightings: e.sightings.map((s) => ({ ...(s as object), where: 'input' }) as never),
      }));
      const collected = collectCaptureValues(entries);
      expect(collected.names.some((n) => n.startsWith('tokens.txt'))).toBe(false);
      // Without the labels, the audiences of the last lines still reach the name bases.
      expect(collected.names).toContain('app-990');
    });

    it('URLs and host parts that repeat other values do not count towards the caps', () => {
      // Each URL's host parts include a plain value seen later: bases fill more slowly than values come.
      const entries = capture(
        1500,
        (i) => ({
          iss: `https://h${i % 700}.acme.test`,
          aud: `h${i % 700}`,
          x: `https://o${i}.test`,
          o: `o${i}`,
        }),
        (i) => `h${(i * 7) % 700}`,
      );
      expect(candidatesFromValues(collectCaptureValues(entries))).toEqual(
        candidatesFromValues(collectAll(entries)),
      );
    });

    it('URLs count towards no cap: many URLs of one host leave room for later values', () => {
      const entries = capture(
        1500,
        (i) => ({ iss: `https://acme.test/p${i}` }),
        (i) => (i % 100 === 99 ? `late${i}` : 'same'),
      );
      const candidates = deriveCaptureCandidates(entries);
      expect(candidates).toContain('late1499');
      expect(candidates).toEqual(candidatesFromValues(collectAll(entries)));
    });

    it('keeps collecting until exactly the cap: the value after the 999th plain name still counts', () => {
      // `HS256` and 998 line names are 999 distinct plain names: the next token's issuer host is base 1,000.
      const entries = [
        ...capture(
          998,
          () => ({}),
          (i) => `n${i}`,
        ),
        ...capture(
          1,
          () => ({ iss: 'https://zzz.example/' }),
          () => '',
        ),
      ];
      expect(deriveCaptureCandidates(entries)).toContain('zzz.example');
      // Likewise 199 plain other values, then an other URL: its host is other base 200.
      const others = capture(
        200,
        (i) => (i < 199 ? { sub: `u${i}` } : { sub: 'https://yyy.example/' }),
        () => '',
      );
      expect(deriveCaptureCandidates(others)).toContain('yyy.example');
    });

    it('any capture: the same candidates as collecting every value', () => {
      const value = fc.oneof(
        fc.integer({ min: 0, max: 1500 }).map((n) => `v${n}`),
        fc.integer({ min: 0, max: 300 }).map((n) => `https://s${n}.example.test/p`),
        fc.integer({ min: 0, max: 300 }).map((n) => `s${n}`),
        fc.integer({ min: 0, max: 50 }),
      );
      const entry = fc.record({ iss: value, sub: value, n: value, name: value });
      fc.assert(
        fc.property(fc.array(entry, { minLength: 1, maxLength: 1500 }), (rows) => {
          const entries = rows.map((r) => ({
            token: token({ alg: 'HS256' }, { iss: r.iss, sub: r.sub, n: r.n }),
            sightings: [{ url: '', name: String(r.name) } as never],
          }));
          expect(candidatesFromValues(collectCaptureValues(entries))).toEqual(
            candidatesFromValues(collectAll(entries)),
          );
        }),
        { numRuns: 30 },
      );
    });
  });
});
