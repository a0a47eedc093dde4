import { SHA256_K } from '../../crypto/sha256';
import { type Code, createCode, I32, V128 } from './emitter';
import type { WasmFunction } from './module';

/**
 * SHA-256 over four independent messages at once, one per i32x4 lane (FIPS 180-4 §6.2.2), generated as
 * straight-line WebAssembly SIMD. Every round is unrolled and the eight working variables rotate roles
 * in the generator instead of being shuffled at run time.
 */

/** Fixed memory areas shared by the HS256 kernel's functions (byte offsets). */
export const W_AREA = 0; // 64 × v128 message schedule
export const KEY_WORDS = 1024; // 16 × v128 big-endian key words (4 lanes)
export const ISTATE = 1280; // state after the ipad block
export const OSTATE = 1408; // state after the opad block
export const STATE = 1536; // working state

export const SIMD = {
  load: 0xfd00,
  load32Splat: 0xfd09,
  store: 0xfd0b,
  shuffle: 0x0d,
  i8x16Splat: 0x0f,
  i32x4Splat: 0x11,
  i8x16LtU: 0x26,
  i32x4Eq: 0x37,
  and: 0x4e,
  or: 0x50,
  xor: 0x51,
  bitselect: 0x52,
  anyTrue: 0x53,
  shl: 0xab,
  shrU: 0xad,
  add: 0xae,
} as const;

function rotr(code: Code, x: number, n: number): void {
  code
    .get(x)
    .i32(n)
    .simd(SIMD.shrU)
    .get(x)
    .i32(32 - n)
    .simd(SIMD.shl)
    .simd(SIMD.or);
}

/** Σ (three rotations) or σ (two rotations and a shift) of local `x`. */
function sigma(code: Code, x: number, a: number, b: number, c: number, shiftLast: boolean): void {
  rotr(code, x, a);
  rotr(code, x, b);
  code.simd(SIMD.xor);
  if (shiftLast) code.get(x).i32(c).simd(SIMD.shrU);
  else rotr(code, x, c);
  code.simd(SIMD.xor);
}

/**
 * `count` rounds on working variables in locals `base`…`base+7` (temporary at `base+8`); `pushWk(code, i)`
 * leaves W[i] + K[i] on the stack.
 */
export function emitRounds(
  code: Code,
  base: number,
  count: number,
  pushWk: (code: Code, i: number) => void,
): void {
  const t = base + 8;
  for (let i = 0; i < count; i++) {
    const v = (k: number): number => base + ((k - (i % 8) + 8) % 8);
    const [a, b, c, d, e, f, g, h] = [v(0), v(1), v(2), v(3), v(4), v(5), v(6), v(7)];
    code.get(h);
    sigma(code, e, 6, 11, 25, false);
    code.simd(SIMD.add).get(f).get(g).get(e).simd(SIMD.bitselect).simd(SIMD.add);
    pushWk(code, i);
    code.simd(SIMD.add).set(t);
    code.get(d).get(t).simd(SIMD.add).set(d);
    code.get(t);
    sigma(code, a, 2, 13, 22, false);
    // Maj(a, b, c) = (a ^ b) ? c : b, one bitselect.
    code.simd(SIMD.add).get(c).get(b).get(a).get(b).simd(SIMD.xor).simd(SIMD.bitselect).simd(SIMD.add).set(h);
  }
}

/** Local that holds working variable `k` (0 = a … 7 = h) after `rounds` rounds. */
export function roleAfter(base: number, k: number, rounds: number): number {
  return base + ((k - (rounds % 8) + 8) % 8);
}

/** `sched()`: expands W[0..15] in W_AREA to W[16..63]. */
export function createScheduleFunction(): WasmFunction {
  const code = createCode();
  const at = (i: number): number => W_AREA + 16 * i;
  for (let i = 16; i < 64; i++) {
    code
      .i32(0)
      .mem(SIMD.load, 4, at(i - 15))
      .set(0);
    code
      .i32(0)
      .mem(SIMD.load, 4, at(i - 2))
      .set(1);
    code
      .i32(0)
      .i32(0)
      .mem(SIMD.load, 4, at(i - 16));
    sigma(code, 0, 7, 18, 3, true);
    code
      .simd(SIMD.add)
      .i32(0)
      .mem(SIMD.load, 4, at(i - 7))
      .simd(SIMD.add);
    sigma(code, 1, 17, 19, 10, true);
    code.simd(SIMD.add).mem(SIMD.store, 4, at(i));
  }
  return { params: [], results: [], locals: [[2, V128]], code };
}

function loadState(code: Code, ptr: number, base: number): void {
  for (let i = 0; i < 8; i++)
    code
      .get(ptr)
      .mem(SIMD.load, 4, 16 * i)
      .set(base + i);
}

function addState(code: Code, ptr: number, base: number): void {
  for (let i = 0; i < 8; i++) {
    code
      .get(ptr)
      .get(ptr)
      .mem(SIMD.load, 4, 16 * i)
      .get(base + i)
      .simd(SIMD.add)
      .mem(SIMD.store, 4, 16 * i);
  }
}

const pushScheduled = (code: Code, i: number): void => {
  code
    .i32(0)
    .mem(SIMD.load, 4, W_AREA + 16 * i)
    .splat32(SHA256_K[i]!)
    .simd(SIMD.add);
};

/** `compress(ptr)`: the state at `ptr` absorbs the block whose schedule is in W_AREA. */
export function createCompressFunction(): WasmFunction {
  const code = createCode();
  loadState(code, 0, 1);
  emitRounds(code, 1, 64, pushScheduled);
  addState(code, 0, 1);
  return { params: [I32], results: [], locals: [[9, V128]], code };
}

/**
 * `compressShared(ptr, wk)`: the state at `ptr` absorbs a block that is the same in every lane, given as
 * 64 precomputed scalar words W[i] + K[i] at `wk` — the key-independent message blocks of HMAC.
 */
export function createCompressSharedFunction(): WasmFunction {
  const code = createCode();
  loadState(code, 0, 2);
  emitRounds(code, 2, 64, (c, i) => c.get(1).mem(SIMD.load32Splat, 2, 4 * i));
  addState(code, 0, 2);
  return { params: [I32, I32], results: [], locals: [[9, V128]], code };
}

/**
 * `lastWord(ptr) → v128`: word 7 of the digest of the block in W_AREA absorbed into the state at `ptr`.
 * H7 = h₀ + e after round 60, so the last three rounds are skipped: an early, exact 32-bit check.
 */
export function createLastWordFunction(): WasmFunction {
  const code = createCode();
  loadState(code, 0, 1);
  emitRounds(code, 1, 61, pushScheduled);
  code
    .get(roleAfter(1, 4, 61))
    .get(0)
    .mem(SIMD.load, 4, 16 * 7)
    .simd(SIMD.add);
  return { params: [I32], results: [V128], locals: [[9, V128]], code };
}
