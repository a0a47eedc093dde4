import { SHA256_IV } from '../../crypto/sha256';
import { type Code, createCode, I32, V128 } from './emitter';
import { assembleModule, type WasmFunction } from './module';
import {
  createCompressFunction,
  createCompressSharedFunction,
  createLastWordFunction,
  createScheduleFunction,
  ISTATE,
  KEY_WORDS,
  OSTATE,
  SIMD,
  STATE,
  W_AREA,
} from './sha256-x4';

/**
 * The HS256 dictionary kernel: four candidate keys per SIMD lane group, any number of targets (signing
 * inputs) per key. Per group it derives the ipad/opad states once, then for every target runs the
 * precomputed message blocks and the outer block up to the first 32-bit check. Hits are only candidates:
 * the caller confirms each one with a full HMAC.
 *
 * Memory layout (bytes): the fixed areas of sha256-x4.ts, then CONTROL (the group index `run` stopped at),
 * the target table (16 bytes each: schedule pointer, block count, expected H7, active flag), the hit
 * records (group index, target index), then DYNAMIC: schedules, candidate offsets and bytes.
 */
export const CONTROL = 1664;
export const TARGETS = 2048;
export const MAX_TARGETS = 256;
export const HITS = TARGETS + 16 * MAX_TARGETS;
export const MAX_HITS = 1024;
export const DYNAMIC = HITS + 8 * MAX_HITS;

const F_SCHED = 0;
const F_COMPRESS = 1;
const F_COMPRESS_SHARED = 2;
const F_LAST_WORD = 3;
const F_LOAD_KEYS = 4;
const F_KEY_STATES = 5;
const F_TRY_TARGET = 6;

const OP = { block: 0x02, loop: 0x03, if: 0x04, end: 0x0b, br: 0x0c, brIf: 0x0d, select: 0x1b } as const;
const I = {
  load: 0x28,
  store: 0x36,
  ltS: 0x48,
  gtS: 0x4a,
  gtU: 0x4b,
  geU: 0x4f,
  add: 0x6a,
  sub: 0x6b,
  shl: 0x74,
};
const VOID = 0x40;

/** Interleave bytes of two vectors (i8x16.shuffle lanes), optionally byte-swapping each 32-bit word. */
const pairs = (x: number, y: number): number[] => [x, x + 1, x + 2, x + 3, y, y + 1, y + 2, y + 3];
const swapped = (x: number): number[] => [x + 3, x + 2, x + 1, x];

/** Bytes 16q..16q+15 of lane `l`'s key, zeroed past the key's length, into local `into`. */
function loadQuad(code: Code, q: number, l: number, into: number): void {
  const [st, len, c] = [4, 5, 6];
  code.get(3).i32(l).op(I.add).i32(2).op(I.shl).tee(c).get(1).op(I.add).mem(I.load, 2, 0).set(st);
  code.get(c).get(2).op(I.add).mem(I.load, 2, 0).get(st).op(I.sub).set(len);
  // c = clamp(len - 16q, 0, 16): how many bytes of this quad belong to the key.
  code
    .get(len)
    .i32(16 * q)
    .op(I.sub)
    .set(c);
  code.i32(0).get(c).get(c).i32(0).op(I.ltS).op(OP.select).set(c);
  code.i32(16).get(c).get(c).i32(16).op(I.gtS).op(OP.select).set(c);
  code
    .get(0)
    .get(st)
    .op(I.add)
    .mem(SIMD.load, 0, 16 * q);
  code
    .simd(0x0c, ...IOTA)
    .get(c)
    .simd(SIMD.i8x16Splat)
    .simd(SIMD.i8x16LtU)
    .simd(SIMD.and)
    .set(into);
}

const IOTA = Array.from({ length: 16 }, (_, i) => i);
/** Shuffle lanes: 32-bit words 0,1 (or 2,3) of two vectors interleaved; then the same with bytes swapped. */
const LOW_PAIRS = [...pairs(0, 16), ...pairs(4, 20)];
const HIGH_PAIRS = [...pairs(8, 24), ...pairs(12, 28)];
const LOW_SWAPPED = [...swapped(0), ...swapped(4), ...swapped(16), ...swapped(20)];
const HIGH_SWAPPED = [...swapped(8), ...swapped(12), ...swapped(24), ...swapped(28)];

function shuffle(code: Code, a: number, b: number, lanes: number[]): Code {
  return code
    .get(a)
    .get(b)
    .simd(SIMD.shuffle, ...lanes);
}

/**
 * `loadKeys(cand, starts, ends, i)`: big-endian key words of candidates i…i+3 (bytes `starts[k]` to
 * `ends[k]` past `cand`), lane-interleaved, into KEY_WORDS: a 4×4 transpose of 32-bit words with the
 * byte swap folded into its second half.
 */
function createLoadKeysFunction(): WasmFunction {
  const code = createCode();
  const [v0, t0] = [7, 11];
  for (let q = 0; q < 4; q++) {
    for (let l = 0; l < 4; l++) loadQuad(code, q, l, v0 + l);
    shuffle(code, v0, v0 + 1, LOW_PAIRS).set(t0);
    shuffle(code, v0 + 2, v0 + 3, LOW_PAIRS).set(t0 + 1);
    shuffle(code, v0, v0 + 1, HIGH_PAIRS).set(t0 + 2);
    shuffle(code, v0 + 2, v0 + 3, HIGH_PAIRS).set(t0 + 3);
    const words: [number, number[]][] = [
      [t0, LOW_SWAPPED],
      [t0, HIGH_SWAPPED],
      [t0 + 2, LOW_SWAPPED],
      [t0 + 2, HIGH_SWAPPED],
    ];
    words.forEach(([from, lanes], word) => {
      shuffle(code.i32(0), from, from + 1, lanes).mem(SIMD.store, 4, KEY_WORDS + 16 * (4 * q + word));
    });
  }
  return {
    params: [I32, I32, I32, I32],
    results: [],
    locals: [
      [3, I32],
      [8, V128],
    ],
    code,
  };
}

/** `keyStates()`: ISTATE and OSTATE from KEY_WORDS (RFC 2104: K ⊕ ipad, K ⊕ opad). */
function createKeyStatesFunction(): WasmFunction {
  const code = createCode();
  for (const [pad, ptr] of [
    [0x36363636, ISTATE],
    [0x5c5c5c5c, OSTATE],
  ] as const) {
    for (let j = 0; j < 16; j++) {
      code
        .i32(0)
        .i32(0)
        .mem(SIMD.load, 4, KEY_WORDS + 16 * j)
        .splat32(pad)
        .simd(SIMD.xor);
      code.mem(SIMD.store, 4, W_AREA + 16 * j);
    }
    code.call(F_SCHED);
    for (let j = 0; j < 8; j++)
      code
        .i32(0)
        .splat32(SHA256_IV[j]!)
        .mem(SIMD.store, 4, ptr + 16 * j);
    code.i32(ptr).call(F_COMPRESS);
  }
  return { params: [], results: [], locals: [], code };
}

function copyState(code: Code, from: number, to: number): void {
  for (let j = 0; j < 8; j++)
    code
      .i32(0)
      .i32(0)
      .mem(SIMD.load, 4, from + 16 * j)
      .mem(SIMD.store, 4, to + 16 * j);
}

/** `tryTarget(entry) → i32`: non-zero when some lane's H7 equals the target's. */
function createTryTargetFunction(): WasmFunction {
  const code = createCode();
  const [entry, block, wk, blocks] = [0, 1, 2, 3];
  copyState(code, ISTATE, STATE);
  code.get(entry).mem(I.load, 2, 0).set(wk).get(entry).mem(I.load, 2, 4).set(blocks);
  code.op(OP.block, VOID, OP.loop, VOID);
  code.get(block).get(blocks).op(I.geU).op(OP.brIf, 1);
  code.i32(STATE).get(wk).get(block).i32(8).op(I.shl).op(I.add).call(F_COMPRESS_SHARED);
  code.get(block).i32(1).op(I.add).set(block).op(OP.br, 0, OP.end, OP.end);
  copyState(code, STATE, W_AREA);
  for (let j = 8; j < 16; j++) {
    // Outer message: the 32-byte inner digest, 0x80, zeros, and the bit length (64 + 32) × 8 = 768.
    code
      .i32(0)
      .splat32(j === 8 ? 0x80000000 : j === 15 ? 768 : 0)
      .mem(SIMD.store, 4, W_AREA + 16 * j);
  }
  code.call(F_SCHED);
  copyState(code, OSTATE, STATE);
  code.i32(STATE).call(F_LAST_WORD).get(entry).mem(I.load, 2, 8).simd(SIMD.i32x4Splat).simd(SIMD.i32x4Eq);
  code.simd(SIMD.anyTrue);
  return { params: [I32], results: [I32], locals: [[3, I32]], code };
}

/** The body of one group: every active target, recording hits. Locals as in createRunFunction. */
function emitTargets(code: Code): void {
  const [ntargets, i, hits, t, entry] = [5, 6, 7, 8, 9];
  code.i32(0).set(t).op(OP.block, VOID, OP.loop, VOID);
  code.get(t).get(ntargets).op(I.geU).op(OP.brIf, 1);
  code.get(t).i32(4).op(I.shl).i32(TARGETS).op(I.add).tee(entry).mem(I.load, 2, 12).op(OP.if, VOID);
  code.get(entry).call(F_TRY_TARGET).op(OP.if, VOID);
  code.get(hits).i32(3).op(I.shl).get(i).mem(I.store, 2, HITS);
  code
    .get(hits)
    .i32(3)
    .op(I.shl)
    .get(t)
    .mem(I.store, 2, HITS + 4);
  code.get(hits).i32(1).op(I.add).set(hits).op(OP.end, OP.end);
  code.get(t).i32(1).op(I.add).set(t).op(OP.br, 0, OP.end, OP.end);
}

/**
 * `run(cand, starts, ends, start, count, ntargets) → hits`: groups from `start`; stops early (CONTROL =
 * next group) when the hit table could overflow, so the caller drains it and calls again.
 */
function createRunFunction(): WasmFunction {
  const code = createCode();
  const [cand, starts, ends, start, count, ntargets, i, hits] = [0, 1, 2, 3, 4, 5, 6, 7];
  code.get(start).set(i).op(OP.block, VOID, OP.loop, VOID);
  code.get(i).get(count).op(I.geU).op(OP.brIf, 1);
  code.get(hits).get(ntargets).op(I.add).i32(MAX_HITS).op(I.gtU).op(OP.brIf, 1);
  code.get(cand).get(starts).get(ends).get(i).call(F_LOAD_KEYS).call(F_KEY_STATES);
  emitTargets(code);
  code.get(i).i32(4).op(I.add).set(i).op(OP.br, 0, OP.end, OP.end);
  code.i32(0).get(i).mem(I.store, 2, CONTROL).get(hits);
  return {
    params: [I32, I32, I32, I32, I32, I32],
    results: [I32],
    locals: [[4, I32]],
    code,
    exportName: 'run',
  };
}

/** The kernel module's bytes (about 12 kB), generated once per process. */
export function buildHs256Kernel(): Uint8Array<ArrayBuffer> {
  const functions = [
    createScheduleFunction(),
    createCompressFunction(),
    createCompressSharedFunction(),
    createLastWordFunction(),
    createLoadKeysFunction(),
    createKeyStatesFunction(),
    createTryTargetFunction(),
    createRunFunction(),
  ];
  return assembleModule(functions, 1);
}
