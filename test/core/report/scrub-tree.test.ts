import { describe, expect, it } from 'vitest';
import { numericDateToIso, scrubTree } from '../../../src/core/report/report-context';

describe('scrubTree', () => {
  it('scrubs keys and string leaves and keeps __proto__ keys as plain data', () => {
    const tree = JSON.parse('{"__proto__": {"secret": "s3cret"}, "a": ["s3cret", 1], "s3cret": true}');
    const out = scrubTree(tree, (text) => text.replaceAll('s3cret', 'x')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.hasOwn(out, '__proto__')).toBe(true);
    expect(JSON.stringify(out)).toBe('{"__proto__":{"secret":"x"},"a":["x",1],"x":true}');
  });
});

describe('scrubTree copy-on-write', () => {
  const scrub = (text: string) => text.replaceAll('s3cret', 'x');

  it('hands back the very tree when nothing in it changes', () => {
    const tree = JSON.parse('{"a": ["b", 1, {"c": null}], "d": {"e": true}}');
    expect(scrubTree(tree, scrub)).toBe(tree);
  });

  it('copies only the branches that change, keeping key order and the rest as they were', () => {
    const tree = JSON.parse('{"a": 1, "b": {"c": "s3cret"}, "d": {"e": 2}, "f": ["g", "s3cret"]}');
    const out = scrubTree(tree, scrub) as Record<string, unknown>;
    expect(JSON.stringify(out)).toBe('{"a":1,"b":{"c":"x"},"d":{"e":2},"f":["g","x"]}');
    expect(out).not.toBe(tree);
    expect(out.d).toBe(tree.d);
    expect(tree.b.c).toBe('s3cret');
  });

  it('renames a key after unchanged ones without losing them', () => {
    const tree = JSON.parse('{"a": 1, "b": 2, "s3cret": 3, "c": 4}');
    expect(JSON.stringify(scrubTree(tree, scrub))).toBe('{"a":1,"b":2,"x":3,"c":4}');
  });
});

describe('numericDateToIso', () => {
  it('converts each NumericDate to its own instant, however many were converted before', () => {
    for (let i = 0; i < 5000; i++)
      expect(numericDateToIso(1_767_225_600 + i)).toBe(new Date((1_767_225_600 + i) * 1000).toISOString());
    expect(numericDateToIso(0)).toBe('1970-01-01T00:00:00.000Z');
    expect(numericDateToIso(1_767_225_600)).toBe('2026-01-01T00:00:00.000Z');
    expect(numericDateToIso(1.5)).toBe('1970-01-01T00:00:01.500Z');
    expect(numericDateToIso(Number.NaN)).toBeNull();
    expect(numericDateToIso('1')).toBeNull();
  });
});
