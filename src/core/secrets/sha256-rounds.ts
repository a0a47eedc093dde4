import { SHA256_K } from '../crypto/sha256';

/**
 * The SHA-256 hot loop for the scalar (non-SIMD) HMAC engine: rounds unrolled by eight so the working
 * variables rotate roles instead of being shuffled, Int32 arithmetic only, and the schedule already holds
 * W[i] + K[i]. Kept apart from crypto/sha256.ts, whose general-purpose `sha256Compress` stays simple.
 */

/** `state` (8 words) absorbs one block whose 64 words of W + K start at `wk[at]`. */
export function compressWk(state: Int32Array, wk: Int32Array, at: number): void {
  let a = state[0]!;
  let b = state[1]!;
  let c = state[2]!;
  let d = state[3]!;
  let e = state[4]!;
  let f = state[5]!;
  let g = state[6]!;
  let h = state[7]!;
  let s = 0;
  let t = 0;
  for (let i = at; i < at + 64; i += 8) {
    s = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    t = (h + s + (g ^ (e & (f ^ g))) + wk[i]!) | 0;
    d = (d + t) | 0;
    h =
      (t +
        (((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) +
        ((a & b) | (c & (a | b)))) |
      0;
    s = ((d >>> 6) | (d << 26)) ^ ((d >>> 11) | (d << 21)) ^ ((d >>> 25) | (d << 7));
    t = (g + s + (f ^ (d & (e ^ f))) + wk[i + 1]!) | 0;
    c = (c + t) | 0;
    g =
      (t +
        (((h >>> 2) | (h << 30)) ^ ((h >>> 13) | (h << 19)) ^ ((h >>> 22) | (h << 10))) +
        ((h & a) | (b & (h | a)))) |
      0;
    s = ((c >>> 6) | (c << 26)) ^ ((c >>> 11) | (c << 21)) ^ ((c >>> 25) | (c << 7));
    t = (f + s + (e ^ (c & (d ^ e))) + wk[i + 2]!) | 0;
    b = (b + t) | 0;
    f =
      (t +
        (((g >>> 2) | (g << 30)) ^ ((g >>> 13) | (g << 19)) ^ ((g >>> 22) | (g << 10))) +
        ((g & h) | (a & (g | h)))) |
      0;
    s = ((b >>> 6) | (b << 26)) ^ ((b >>> 11) | (b << 21)) ^ ((b >>> 25) | (b << 7));
    t = (e + s + (d ^ (b & (c ^ d))) + wk[i + 3]!) | 0;
    a = (a + t) | 0;
    e =
      (t +
        (((f >>> 2) | (f << 30)) ^ ((f >>> 13) | (f << 19)) ^ ((f >>> 22) | (f << 10))) +
        ((f & g) | (h & (f | g)))) |
      0;
    s = ((a >>> 6) | (a << 26)) ^ ((a >>> 11) | (a << 21)) ^ ((a >>> 25) | (a << 7));
    t = (d + s + (c ^ (a & (b ^ c))) + wk[i + 4]!) | 0;
    h = (h + t) | 0;
    d =
      (t +
        (((e >>> 2) | (e << 30)) ^ ((e >>> 13) | (e << 19)) ^ ((e >>> 22) | (e << 10))) +
        ((e & f) | (g & (e | f)))) |
      0;
    s = ((h >>> 6) | (h << 26)) ^ ((h >>> 11) | (h << 21)) ^ ((h >>> 25) | (h << 7));
    t = (c + s + (b ^ (h & (a ^ b))) + wk[i + 5]!) | 0;
    g = (g + t) | 0;
    c =
      (t +
        (((d >>> 2) | (d << 30)) ^ ((d >>> 13) | (d << 19)) ^ ((d >>> 22) | (d << 10))) +
        ((d & e) | (f & (d | e)))) |
      0;
    s = ((g >>> 6) | (g << 26)) ^ ((g >>> 11) | (g << 21)) ^ ((g >>> 25) | (g << 7));
    t = (b + s + (a ^ (g & (h ^ a))) + wk[i + 6]!) | 0;
    f = (f + t) | 0;
    b =
      (t +
        (((c >>> 2) | (c << 30)) ^ ((c >>> 13) | (c << 19)) ^ ((c >>> 22) | (c << 10))) +
        ((c & d) | (e & (c | d)))) |
      0;
    s = ((f >>> 6) | (f << 26)) ^ ((f >>> 11) | (f << 21)) ^ ((f >>> 25) | (f << 7));
    t = (a + s + (h ^ (f & (g ^ h))) + wk[i + 7]!) | 0;
    e = (e + t) | 0;
    a =
      (t +
        (((b >>> 2) | (b << 30)) ^ ((b >>> 13) | (b << 19)) ^ ((b >>> 22) | (b << 10))) +
        ((b & c) | (d & (b | c)))) |
      0;
  }
  state[0] = (state[0]! + a) | 0;
  state[1] = (state[1]! + b) | 0;
  state[2] = (state[2]! + c) | 0;
  state[3] = (state[3]! + d) | 0;
  state[4] = (state[4]! + e) | 0;
  state[5] = (state[5]! + f) | 0;
  state[6] = (state[6]! + g) | 0;
  state[7] = (state[7]! + h) | 0;
}

/** Expands w[at..at+15] to the full schedule in place, then adds K so `compressWk` can consume it. */
export function scheduleWk(w: Int32Array, at: number): void {
  for (let i = at + 16; i < at + 64; i++) {
    const x = w[i - 15]!;
    const y = w[i - 2]!;
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) | 0;
  }
  for (let i = 0; i < 64; i++) w[at + i] = (w[at + i]! + SHA256_K[i]!) | 0;
}

/**
 * W + K for every block of `message` as it follows the 64-byte ipad block in HMAC's inner hash: the
 * message, 0x80, zeros, and the 64-bit length of ipad block + message. None of it depends on the key,
 * so it is computed once per token and reused for every candidate.
 */
export function innerScheduleSha256(message: Uint8Array): Int32Array {
  const blocks = Math.ceil((message.length + 9) / 64);
  const padded = new Uint8Array(blocks * 64);
  padded.set(message);
  padded[message.length] = 0x80;
  const bits = (64 + message.length) * 8;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(bits / 0x100000000));
  view.setUint32(padded.length - 4, bits >>> 0);
  const wk = new Int32Array(blocks * 64);
  for (let b = 0; b < blocks; b++) {
    for (let i = 0; i < 16; i++) wk[b * 64 + i] = view.getInt32(b * 64 + i * 4);
    scheduleWk(wk, b * 64);
  }
  return wk;
}
