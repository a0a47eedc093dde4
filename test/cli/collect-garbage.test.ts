import { describe, expect, it } from 'vitest';
import { collectGarbage } from '../../src/cli/collect-garbage';

describe('collectGarbage', () => {
  it('really collects: an object nothing refers to is gone afterwards', async () => {
    let big: number[] | undefined = new Array(1_000_000).fill(1);
    const ref = new WeakRef(big);
    big = undefined;
    // WeakRefs are cleared only after the job that created them: let it end first.
    await new Promise((resolve) => setImmediate(resolve));
    collectGarbage();
    expect(ref.deref()).toBeUndefined();
    expect(big).toBeUndefined();
  });
});
