import { SHA256_IV, sha256Compress } from '../crypto/sha256';
import type { BatchEngine, HitSink } from './hmac-types';
import { compressWk, innerScheduleSha256, scheduleWk } from './sha256-rounds';

interface Hs256Entry {
  target: number;
  wk: Int32Array;
  blocks: number;
  /** First 32-bit word of the expected MAC. */
  word0: number;
  active: boolean;
}

const IPAD = 0x36363636;
const OPAD = 0x5c5c5c5c;

/** Hashes keys longer than the 64-byte block (RFC 2104 §2) into `out` without allocating per key. */
function createLongKeyHasher(): (bytes: Uint8Array, start: number, length: number, out: Uint8Array) => void {
  let buffer = new Uint8Array(256);
  const state = new Uint32Array(8);
  const w = new Uint32Array(64);
  return (bytes, start, length, out) => {
    const size = Math.ceil((length + 9) / 64) * 64;
    if (buffer.length < size) buffer = new Uint8Array(size * 2);
    buffer.fill(0, 0, size);
    buffer.set(bytes.subarray(start, start + length));
    buffer[length] = 0x80;
    const bits = length * 8;
    const view = new DataView(buffer.buffer);
    view.setUint32(size - 8, Math.floor(bits / 0x100000000));
    view.setUint32(size - 4, bits >>> 0);
    state.set(SHA256_IV);
    sha256Compress(state, buffer, 0, size / 64, w);
    const outView = new DataView(out.buffer, out.byteOffset);
    for (let i = 0; i < 8; i++) outView.setUint32(i * 4, state[i]!);
  };
}

/**
 * The scalar HS256 engine: pure JavaScript, for hosts without WebAssembly SIMD (or a CSP that forbids
 * compiling it), and the reference the SIMD kernel is tested against. Per candidate: two key blocks
 * (ipad/opad) with their schedules, then per target the precomputed message blocks and the outer block.
 */
export function createHs256JsEngine(
  targets: { target: number; message: Uint8Array; mac: Uint8Array }[],
): BatchEngine {
  const entries: Hs256Entry[] = targets.map(({ target, message, mac }) => {
    const wk = innerScheduleSha256(message);
    const word0 = new DataView(mac.buffer, mac.byteOffset).getInt32(0);
    return { target, wk, blocks: wk.length / 64, word0, active: true };
  });
  const w = new Int32Array(64);
  const inner = new Int32Array(8);
  const outer = new Int32Array(8);
  const istate = new Int32Array(8);
  const ostate = new Int32Array(8);
  const hashedKey = new Uint8Array(32);
  const hashLongKey = createLongKeyHasher();

  const keyState = (state: Int32Array, key: Uint8Array, start: number, length: number, pad: number): void => {
    w.fill(pad, 0, 16);
    for (let i = 0; i < length; i++) w[i >> 2]! ^= key[start + i]! << (24 - 8 * (i & 3));
    scheduleWk(w, 0);
    state.set(SHA256_IV);
    compressWk(state, w, 0);
  };

  const tryEntry = (entry: Hs256Entry): boolean => {
    inner.set(istate);
    for (let b = 0; b < entry.blocks; b++) compressWk(inner, entry.wk, b * 64);
    w.set(inner);
    w.fill(0, 8, 16);
    w[8] = 0x80000000 | 0;
    w[15] = 768;
    scheduleWk(w, 0);
    outer.set(ostate);
    compressWk(outer, w, 0);
    return outer[0] === entry.word0;
  };

  const tryKey = (
    bytes: Uint8Array,
    start: number,
    length: number,
    candidate: number,
    hit: HitSink,
  ): void => {
    let key = bytes;
    if (length > 64) {
      hashLongKey(bytes, start, length, hashedKey);
      key = hashedKey;
      start = 0;
      length = 32;
    }
    keyState(istate, key, start, length, IPAD);
    keyState(ostate, key, start, length, OPAD);
    for (const entry of entries) if (entry.active && tryEntry(entry)) hit(candidate, entry.target);
  };

  return {
    run(bytes, starts, ends, count, hit) {
      for (let i = 0; i < count; i++) tryKey(bytes, starts[i]!, ends[i]! - starts[i]!, i, hit);
    },
    deactivate(target) {
      for (const entry of entries) if (entry.target === target) entry.active = false;
    },
  };
}
