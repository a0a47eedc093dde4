import { describe, expect, it } from 'vitest';
import { createCoreMethods } from '../../src/worker/core-methods';

describe('createCoreMethods', () => {
  it('answers ping', () => {
    expect(createCoreMethods().ping('hello')).toBe('hello');
  });

  it('reports that the WebAssembly HMAC kernel compiles where WebAssembly is allowed', async () => {
    await expect(createCoreMethods().capabilities(null)).resolves.toEqual({ wasm: true });
  });
});
