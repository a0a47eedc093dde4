import { describe, expect, it } from 'vitest';
import { scrubTree } from '../../../src/core/report/report-context';

describe('scrubTree', () => {
  it('scrubs keys and string leaves and keeps __proto__ keys as plain data', () => {
    const tree = JSON.parse('{"__proto__": {"secret": "s3cret"}, "a": ["s3cret", 1], "s3cret": true}');
    const out = scrubTree(tree, (text) => text.replaceAll('s3cret', 'x')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.hasOwn(out, '__proto__')).toBe(true);
    expect(JSON.stringify(out)).toBe('{"__proto__":{"secret":"x"},"a":["x",1],"x":true}');
  });
});
