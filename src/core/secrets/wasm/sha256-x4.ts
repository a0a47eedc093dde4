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
export const K_TABLE = 1792; // the 64 round constants K, as scalars (written by the host at instantiation)

const OP = { loop: 0x03, end: 0x0b, brIf: 0x0d, add: 0x6a, sub: 0x6b } as const;
const VOID = 0x40;

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
 * `count` rounds on working variables in locals `base`…`base+7` (temporary at `base+8`, and the Maj
 * helpers at `base+9`/`base+10`, the first b ^ c set by the caller); `pushWk(code, i)` leaves W[i] + K[i]
 * on the stack. The roles of a…h rotate in the generator, so no value moves at run time.
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
    // c is not read: Maj takes b ^ c from the previous round.
    const [a, b, , d, e, f, g, h] = [v(0), v(1), v(2), v(3), v(4), v(5), v(6), v(7)];
    // Maj(a, b, c) = b ^ ((a ^ b) & (b ^ c)), and this round's a ^ b is the next round's b ^ c: one op saved.
    const [ab, bc] = [base + 9 + (i % 2), base + 9 + ((i + 1) % 2)];
    code.get(h);
    sigma(code, e, 6, 11, 25, false);
    // Ch(e, f, g) = g ^ (e & (f ^ g)).
    code.simd(SIMD.add).get(f).get(g).simd(SIMD.xor).get(e).simd(SIMD.and);
    code.get(g).simd(SIMD.xor).simd(SIMD.add);
    pushWk(code, i);
    code.simd(SIMD.add).set(t);
    code.get(d).get(t).simd(SIMD.add).set(d);
    code.get(t);
    sigma(code, a, 2, 13, 22, false);
    code.simd(SIMD.add).get(a).get(b).simd(SIMD.xor).tee(ab).get(bc).simd(SIMD.and).get(b).simd(SIMD.xor);
    code.simd(SIMD.add).set(h);
  }
}

/** Local that holds working variable `k` (0 = a … 7 = h) after `rounds` rounds. */
export function roleAfter(base: number, k: number, rounds: number): number {
  return base + ((k - (rounds % 8) + 8) % 8);
}

/**
 * `rounds` rounds as a loop of eight unrolled rounds (the roles of the working variables come back every
 * eight rounds, and so does the parity of the Maj trick). `pushWk(code, j)` leaves W + K of round j of the
 * current eight on the stack; `advance` moves its pointers on by eight rounds. Loops keep the module small:
 * it is generated and compiled at start-up, and the loop costs nothing next to 270 SIMD operations.
 */
function emitRoundLoop(
  code: Code,
  base: number,
  rounds: number,
  counter: number,
  pushWk: (code: Code, j: number) => void,
  advance: (code: Code) => void,
): void {
  code
    .get(base + 1)
    .get(base + 2)
    .simd(SIMD.xor)
    .set(base + 10);
  code
    .i32(rounds / 8)
    .set(counter)
    .op(OP.loop, VOID);
  emitRounds(code, base, 8, pushWk);
  advance(code);
  code.get(counter).i32(1).op(OP.sub).tee(counter).op(OP.brIf, 0, OP.end);
}

/** `sched()`: expands W[0..15] in W_AREA to W[16..63]; a loop of eight steps, offsets relative to W[i-16]. */
export function createScheduleFunction(): WasmFunction {
  const code = createCode();
  const [x, y, p, n] = [0, 1, 2, 3];
  code.i32(W_AREA).set(p).i32(6).set(n).op(OP.loop, VOID);
  for (let j = 0; j < 8; j++) {
    const at = 16 * j;
    code
      .get(p)
      .mem(SIMD.load, 4, at + 16)
      .set(x);
    code
      .get(p)
      .mem(SIMD.load, 4, at + 224)
      .set(y);
    code.get(p).get(p).mem(SIMD.load, 4, at);
    sigma(code, x, 7, 18, 3, true);
    code
      .simd(SIMD.add)
      .get(p)
      .mem(SIMD.load, 4, at + 144)
      .simd(SIMD.add);
    sigma(code, y, 17, 19, 10, true);
    code.simd(SIMD.add).mem(SIMD.store, 4, at + 256);
  }
  code.get(p).i32(128).op(OP.add).set(p);
  code.get(n).i32(1).op(OP.sub).tee(n).op(OP.brIf, 0, OP.end);
  return {
    params: [],
    results: [],
    locals: [
      [2, V128],
      [2, I32],
    ],
    code,
  };
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

/** Rounds over the schedule in W_AREA, K from K_TABLE; pointers in locals `w` and `k`. */
function scheduledRounds(code: Code, base: number, rounds: number, [w, k, n]: number[]): void {
  code.i32(W_AREA).set(w!).i32(K_TABLE).set(k!);
  const pushWk = (c: Code, j: number): void => {
    c.get(w!)
      .mem(SIMD.load, 4, 16 * j)
      .get(k!)
      .mem(SIMD.load32Splat, 2, 4 * j)
      .simd(SIMD.add);
  };
  emitRoundLoop(code, base, rounds - (rounds % 8), n!, pushWk, (c) => {
    c.get(w!).i32(128).op(OP.add).set(w!).get(k!).i32(32).op(OP.add).set(k!);
  });
  emitRounds(code, base, rounds % 8, pushWk);
}

/** `compress(ptr)`: the state at `ptr` absorbs the block whose schedule is in W_AREA. */
export function createCompressFunction(): WasmFunction {
  const code = createCode();
  loadState(code, 0, 1);
  scheduledRounds(code, 1, 64, [12, 13, 14]);
  addState(code, 0, 1);
  return {
    params: [I32],
    results: [],
    locals: [
      [11, V128],
      [3, I32],
    ],
    code,
  };
}

/**
 * `compressShared(ptr, wk)`: the state at `ptr` absorbs a block that is the same in every lane, given as
 * 64 precomputed scalar words W[i] + K[i] at `wk` — the key-independent message blocks of HMAC.
 */
export function createCompressSharedFunction(): WasmFunction {
  const code = createCode();
  loadState(code, 0, 2);
  const pushWk = (c: Code, j: number): void => {
    c.get(1).mem(SIMD.load32Splat, 2, 4 * j);
  };
  emitRoundLoop(code, 2, 64, 13, pushWk, (c) => c.get(1).i32(32).op(OP.add).set(1));
  addState(code, 0, 2);
  return {
    params: [I32, I32],
    results: [],
    locals: [
      [11, V128],
      [1, I32],
    ],
    code,
  };
}

/**
 * `lastWord(ptr) → v128`: word 7 of the digest of the block in W_AREA absorbed into the state at `ptr`.
 * H7 = h₀ + e after round 60, so the last three rounds are skipped: an early, exact 32-bit check.
 */
export function createLastWordFunction(): WasmFunction {
  const code = createCode();
  loadState(code, 0, 1);
  scheduledRounds(code, 1, 61, [12, 13, 14]);
  code
    .get(roleAfter(1, 4, 61))
    .get(0)
    .mem(SIMD.load, 4, 16 * 7)
    .simd(SIMD.add);
  return {
    params: [I32],
    results: [V128],
    locals: [
      [11, V128],
      [3, I32],
    ],
    code,
  };
}
