import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_STORAGE_ITEMS,
  MAX_STORAGE_VALUE_CHARS,
  parseOrigin,
  parseStorageItems,
  STORAGE_SCAN_EXPRESSION,
  unwrapEvalResult,
} from '../../src/devtools/inspected-eval';

describe('unwrapEvalResult', () => {
  it('passes a Chromium bare result through', () => {
    expect(unwrapEvalResult('https://a.test')).toBe('https://a.test');
    expect(unwrapEvalResult(undefined)).toBeUndefined();
  });

  it('unwraps a Firefox [result, exceptionInfo] pair', () => {
    expect(unwrapEvalResult(['[]', undefined])).toBe('[]');
    expect(unwrapEvalResult(['[]', { isException: false }])).toBe('[]');
  });

  it('turns an exception or an error into undefined', () => {
    expect(unwrapEvalResult([undefined, { isException: true, value: 'ReferenceError' }])).toBeUndefined();
    expect(unwrapEvalResult([undefined, { isError: true, code: 'E_PROTOCOLERROR' }])).toBeUndefined();
  });
});

function fakeStorage(items: Record<string, string>) {
  const keys = Object.keys(items);
  return {
    length: keys.length,
    key: (i: number) => keys[i] ?? null,
    getItem: (k: string) => items[k] ?? null,
  };
}

describe('STORAGE_SCAN_EXPRESSION', () => {
  it('reads both areas as JSON text, with the page origin', () => {
    const window = {
      localStorage: fakeStorage({ id_token: 'eyJ.a.b' }),
      sessionStorage: fakeStorage({ s: '1' }),
    };
    const out = runInNewContext(STORAGE_SCAN_EXPRESSION, {
      window,
      location: { origin: 'https://app.test' },
    });
    expect(parseStorageItems(out)).toEqual([
      { area: 'localStorage', key: 'id_token', value: 'eyJ.a.b', origin: 'https://app.test' },
      { area: 'sessionStorage', key: 's', value: '1', origin: 'https://app.test' },
    ]);
  });

  it('skips an area that throws (sandboxed pages) and caps values in the page', () => {
    const window = {
      get localStorage(): never {
        throw new Error('SecurityError');
      },
      sessionStorage: fakeStorage({ big: 'x'.repeat(MAX_STORAGE_VALUE_CHARS + 10) }),
    };
    const out = runInNewContext(STORAGE_SCAN_EXPRESSION, { window, location: { origin: 'null' } });
    const items = parseStorageItems(out);
    expect(items).toHaveLength(1);
    expect(items[0]?.value).toHaveLength(MAX_STORAGE_VALUE_CHARS);
  });
});

describe('parseStorageItems', () => {
  it('drops malformed items and anything that is not a JSON array', () => {
    expect(parseStorageItems(undefined)).toEqual([]);
    expect(parseStorageItems('not json')).toEqual([]);
    expect(parseStorageItems('{"area":"localStorage"}')).toEqual([]);
    const mixed = JSON.stringify([
      { area: 'cookies', key: 'a', value: 'b', origin: 'o' },
      { area: 'localStorage', key: 1, value: 'b', origin: 'o' },
      null,
      { area: 'sessionStorage', key: 'k', value: 'v', origin: 'o', extra: '<script>' },
    ]);
    expect(parseStorageItems(mixed)).toEqual([{ area: 'sessionStorage', key: 'k', value: 'v', origin: 'o' }]);
  });

  it('caps the number of items even if the page lies about the cap', () => {
    const many = Array.from({ length: MAX_STORAGE_ITEMS + 5 }, (_, i) => ({
      area: 'localStorage',
      key: `k${i}`,
      value: 'v',
      origin: 'o',
    }));
    expect(parseStorageItems(JSON.stringify(many))).toHaveLength(MAX_STORAGE_ITEMS);
  });

  it('never throws for any input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.anything()), (value) => {
        expect(Array.isArray(parseStorageItems(value))).toBe(true);
      }),
    );
  });
});

describe('parseOrigin', () => {
  it.each([
    ['https://app.test', 'https://app.test'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
    ['null', undefined],
    ['https://a.test/path', undefined],
    [42, undefined],
    ['javascript:alert(1)', undefined],
  ])('%s → %s', (input, expected) => {
    expect(parseOrigin(input)).toBe(expected);
  });
});
