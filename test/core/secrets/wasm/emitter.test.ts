import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCode, I32, pushSleb, pushUleb } from '../../../../src/core/secrets/wasm/emitter';
import { buildHs256Kernel } from '../../../../src/core/secrets/wasm/hs256-x4-kernel';
import { assembleModule } from '../../../../src/core/secrets/wasm/module';

/** Decodes LEB128 back, as the WebAssembly spec defines it (§5.2.2). */
function readLeb(bytes: number[], signed: boolean): number {
  let result = 0n;
  let shift = 0n;
  for (const byte of bytes) {
    result |= BigInt(byte & 0x7f) << shift;
    shift += 7n;
    if ((byte & 0x80) === 0) {
      if (signed && byte & 0x40) result -= 1n << shift;
      break;
    }
  }
  return Number(result);
}

describe('LEB128', () => {
  it('round-trips every unsigned and signed 32-bit value, in the fewest bytes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
        (u, s) => {
          const ub: number[] = [];
          pushUleb(ub, u);
          expect(readLeb(ub, false)).toBe(u);
          expect(ub.length).toBe(Math.max(1, Math.ceil(u.toString(2).length / 7)));
          const sb: number[] = [];
          pushSleb(sb, s);
          expect(readLeb(sb, true)).toBe(s);
        },
      ),
    );
    expect([0x80, 0x01]).toEqual(
      (() => {
        const b: number[] = [];
        pushUleb(b, 128);
        return b;
      })(),
    );
  });
});

describe('assembleModule', () => {
  it('produces a module the engine validates and runs', () => {
    const code = createCode().get(0).get(1).op(0x6a);
    const bytes = assembleModule(
      [{ params: [I32, I32], results: [I32], locals: [], code, exportName: 'add' }],
      1,
    );
    expect(WebAssembly.validate(bytes)).toBe(true);
    const memory = new WebAssembly.Memory({ initial: 1 });
    const add = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports.add as (
      a: number,
      b: number,
    ) => number;
    expect(add(40, 2)).toBe(42);
  });

  it('generates a valid HS256 kernel, small enough to build and compile at start-up', () => {
    const bytes = buildHs256Kernel();
    expect(WebAssembly.validate(bytes)).toBe(true);
    expect(bytes.length).toBeLessThan(16_000);
  });
});
