import { SHA256_IV, sha256Compress } from '../crypto/sha256';
import type { BatchEngine } from './hmac-types';
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

/** Preallocated buffers: the engine allocates nothing per candidate. */
interface Scratch {
  w: Int32Array;
  inner: Int32Array;
  outer: Int32Array;
  istate: Int32Array;
  ostate: Int32Array;
  hashedKey: Uint8Array;
  hashLongKey: ReturnType<typeof createLongKeyHasher>;
}

/** SHA-256 state after one key block: the key XOR `pad`, zero-padded to 64 bytes. */
function keyState(
  s: Scratch,
  state: Int32Array,
  key: Uint8Array,
  start: number,
  length: number,
  pad: number,
): void {
  const { w } = s;
  w.fill(pad, 0, 16);
  for (let i = 0; i < length; i++) w[i >> 2]! ^= key[start + i]! << (24 - 8 * (i & 3));
  scheduleWk(w, 0);
  state.set(SHA256_IV);
  compressWk(state, w, 0);
}

/** The message blocks from the ipad state, then the outer block; compares the first word of the MAC. */
function tryEntry(s: Scratch, entry: Hs256Entry): boolean {
  const { w, inner, outer } = s;
  inner.set(s.istate);
  for (let b = 0; b < entry.blocks; b++) compressWk(inner, entry.wk, b * 64);
  w.set(inner);
  w.fill(0, 8, 16);
  w[8] = 0x80000000 | 0;
  w[15] = 768; // (64 + 32) bytes × 8
  scheduleWk(w, 0);
  outer.set(s.ostate);
  compressWk(outer, w, 0);
  return outer[0] === entry.word0;
}

/** Derives the key states of one candidate, then returns the first target it passes, or -1. */
function tryKey(s: Scratch, entries: Hs256Entry[], bytes: Uint8Array, start: number, length: number): number {
  if (length > 64) {
    s.hashLongKey(bytes, start, length, s.hashedKey);
    keyState(s, s.istate, s.hashedKey, 0, 32, IPAD);
    keyState(s, s.ostate, s.hashedKey, 0, 32, OPAD);
  } else {
    keyState(s, s.istate, bytes, start, length, IPAD);
    keyState(s, s.ostate, bytes, start, length, OPAD);
  }
  return nextHit(s, entries, 0);
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
  const scratch: Scratch = {
    w: new Int32Array(64),
    inner: new Int32Array(8),
    outer: new Int32Array(8),
    istate: new Int32Array(8),
    ostate: new Int32Array(8),
    hashedKey: new Uint8Array(32),
    hashLongKey: createLongKeyHasher(),
  };
  return {
    run(bytes, starts, ends, count, hit) {
      for (let i = 0; i < count; i++) {
        // Several targets can share a secret: after a hit, try the remaining ones with the same key.
        for (let e = tryKey(scratch, entries, bytes, starts[i]!, ends[i]! - starts[i]!); e >= 0; ) {
          hit(i, entries[e]!.target);
          e = nextHit(scratch, entries, e + 1);
        }
      }
    },
    deactivate(target) {
      for (const entry of entries) if (entry.target === target) entry.active = false;
    },
  };
}

function nextHit(s: Scratch, entries: Hs256Entry[], from: number): number {
  for (let e = from; e < entries.length; e++) if (entries[e]!.active && tryEntry(s, entries[e]!)) return e;
  return -1;
}
