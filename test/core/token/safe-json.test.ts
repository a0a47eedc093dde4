import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findDuplicateKeys } from '../../../src/core/token/duplicate-keys';
import { MAX_JSON_DEPTH } from '../../../src/core/token/limits';
import { parseToken } from '../../../src/core/token/parse-token';
import { parseJsonObject, TOO_DEEP } from '../../../src/core/token/safe-json';
import { compact } from './token-helpers';

describe('parseJsonObject', () => {
  it('returns null-prototype objects all the way down', () => {
    const result = parseJsonObject('{"a":{"b":[{"c":1}]}}', 'payload');
    if (!result.ok) throw new Error('expected an object');
    const inner = result.value.a as { b: object[] };
    expect(Object.getPrototypeOf(result.value)).toBeNull();
    expect(Object.getPrototypeOf(inner)).toBeNull();
    expect(Object.getPrototypeOf(inner.b[0])).toBeNull();
    expect(result.value.constructor).toBeUndefined();
    expect(result.warnings).toEqual([]);
  });

  it('keeps __proto__ and constructor as plain data without polluting anything', () => {
    const text = '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}';
    const result = parseJsonObject(text, 'payload');
    if (!result.ok) throw new Error('expected an object');
    expect(Object.keys(result.value)).toEqual(['__proto__', 'constructor']);
    expect(Object.getOwnPropertyDescriptor(result.value, '__proto__')?.value).toEqual({ polluted: true });
    expect(Object.getPrototypeOf(result.value)).toBeNull();
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    expect(result.warnings).toEqual([
      'payload has key "__proto__" (prototype-pollution probe; kept as plain data)',
      'payload has key "constructor" (prototype-pollution probe; kept as plain data)',
      'payload has key "prototype" (prototype-pollution probe; kept as plain data)',
    ]);
  });

  it('reports duplicate keys and keeps the last value, as JSON.parse does', () => {
    const result = parseJsonObject('{"alg":"RS256","typ":"JWT","alg":"none"}', 'header');
    expect(result).toMatchObject({ ok: true, warnings: ['header has duplicate key "alg"'] });
    if (result.ok) expect(result.value.alg).toBe('none');
  });

  it('finds duplicates hidden behind escapes, whitespace and URL colons', () => {
    const text = '{ "iss" : "https://a:1/" , "\\u0069ss":"x", "n":{"k":1,"k":2}, "s":"\\"k\\":1" }';
    expect(parseJsonObject(text, 'payload')).toMatchObject({
      warnings: ['payload has duplicate key "iss"', 'payload has duplicate key "k"'],
    });
  });

  it('does not confuse keys of sibling objects or keys inside strings', () => {
    expect(findDuplicateKeys('[{"a":1},{"a":2}]')).toEqual([]);
    expect(findDuplicateKeys('{"a":"\\"a\\":1","b":{"a":1}}')).toEqual([]);
    expect(findDuplicateKeys('{"a":{"x":1},"a":[1]}')).toEqual(['a']);
  });

  it('caps duplicate-key warnings', () => {
    const members = Array.from({ length: 30 }, (_, i) => `"k${i}":1,"k${i}":2`).join(',');
    const result = parseJsonObject(`{${members}}`, 'payload');
    expect(result.ok && result.warnings.length).toBe(11);
    expect(result.ok && result.warnings.at(-1)).toBe('payload has 20 more duplicate keys');
  });

  it('cuts nesting past the limit and says so', () => {
    const depth = MAX_JSON_DEPTH + 10;
    const text = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    const result = parseJsonObject(text, 'payload');
    if (!result.ok) throw new Error('expected an object');
    let node: unknown = result.value;
    let levels = 0;
    while (typeof node === 'object' && node !== null) {
      node = (node as { a: unknown }).a;
      levels++;
    }
    expect(levels).toBe(MAX_JSON_DEPTH);
    expect(node).toBe(TOO_DEEP);
    expect(result.warnings).toEqual(['payload nests deeper than 64 levels; deeper values are not examined']);
  });

  it('survives nesting as deep as 64 KiB allows', () => {
    const depth = 20_000;
    const token = parseToken(compact({ alg: 'HS256' }, `{"a":${'['.repeat(depth)}${']'.repeat(depth)}}`));
    expect(token.kind).toBe('jws');
    expect(token.warnings).toEqual(['payload nests deeper than 64 levels; deeper values are not examined']);
  });

  it.each([
    ['[1]', { ok: false, found: 'array' }],
    ['"s"', { ok: false, found: 'string' }],
    ['true', { ok: false, found: 'boolean' }],
    ['{"a":', { ok: false, syntaxError: 'Unexpected end of JSON input' }],
  ])('rejects %s', (text, expected) => {
    expect(parseJsonObject(text, 'payload')).toEqual(expected);
  });

  it('agrees with JSON.parse on any JSON object, and finds exactly the real duplicates', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 4 }), fc.jsonValue({ maxDepth: 3 })), (object) => {
        const text = JSON.stringify(object);
        const result = parseJsonObject(text, 'payload');
        expect(result.ok).toBe(true);
        if (result.ok) expect(JSON.stringify(result.value)).toBe(text);
        expect(findDuplicateKeys(text)).toEqual([]);
        const key = Object.keys(object)[0];
        if (key !== undefined) {
          const doubled = `{${JSON.stringify(key)}:0,${text.slice(1)}`;
          expect(findDuplicateKeys(doubled)).toEqual([key]);
        }
      }),
      { numRuns: 300 },
    );
  });
});
