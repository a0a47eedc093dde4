import type { BatchEngine, HitSink } from './hmac-types';
import { compress512Wk, SHA384_IV, SHA512_IV, schedule512Wk, scheduleSha512, sha512Family } from './sha512';

interface Hs512Entry {
  target: number;
  family: 0 | 1;
  wk: Int32Array;
  /** First 32-bit word of the expected MAC. */
  word0: number;
  active: boolean;
}

/** Per hash (0 = SHA-384, 1 = SHA-512): IV, digest length in 32-bit words, key states for this candidate. */
interface Family {
  iv: readonly number[];
  words: 12 | 16;
  istate: Int32Array;
  ostate: Int32Array;
  needed: boolean;
}

const IPAD = 0x36363636;
const OPAD = 0x5c5c5c5c;

/** The engine's state: targets, per-hash key states, and the preallocated schedule and state. */
interface Hs512State {
  entries: Hs512Entry[];
  families: Family[];
  w: Int32Array;
  state: Int32Array;
}

function keyState(
  s: Hs512State,
  out: Int32Array,
  family: Family,
  key: Uint8Array,
  start: number,
  length: number,
  pad: number,
) {
  const { w } = s;
  w.fill(pad, 0, 32);
  for (let i = 0; i < length; i++) w[i >> 2]! ^= key[start + i]! << (24 - 8 * (i & 3));
  schedule512Wk(w, 0);
  out.set(family.iv);
  compress512Wk(out, w, 0);
}

/** Key states of one candidate for each hash some active target uses. */
function prepareKey(s: Hs512State, bytes: Uint8Array, start: number, length: number): void {
  for (let index = 0; index < 2; index++) {
    const family = s.families[index]!;
    if (!family.needed) continue;
    if (length > 128) {
      // Keys longer than the block are hashed first with the same hash (RFC 2104 §2); rare, so it allocates.
      const key = sha512Family(bytes.subarray(start, start + length), index === 1 ? 64 : 48);
      keyState(s, family.istate, family, key, 0, key.length, IPAD);
      keyState(s, family.ostate, family, key, 0, key.length, OPAD);
    } else {
      keyState(s, family.istate, family, bytes, start, length, IPAD);
      keyState(s, family.ostate, family, bytes, start, length, OPAD);
    }
  }
}

/** The message blocks from the ipad state, then the outer block; compares the first word of the MAC. */
function tryEntry(s: Hs512State, entry: Hs512Entry): boolean {
  const { w, state } = s;
  const family = s.families[entry.family]!;
  state.set(family.istate);
  for (let at = 0; at < entry.wk.length; at += 160) compress512Wk(state, entry.wk, at);
  w.fill(0, 0, 32);
  for (let i = 0; i < family.words; i++) w[i] = state[i]!;
  w[family.words] = 0x80000000 | 0;
  w[31] = (128 + family.words * 4) * 8;
  schedule512Wk(w, 0);
  state.set(family.ostate);
  compress512Wk(state, w, 0);
  return state[0] === entry.word0;
}

/** Key states are only derived for hashes that an active target still needs. */
function refreshNeeded(s: Hs512State): void {
  for (const family of s.families) family.needed = false;
  for (const entry of s.entries) if (entry.active) s.families[entry.family]!.needed = true;
}

/**
 * The HS384/HS512 engine (scalar JavaScript, 32-bit halves). Same plan as HS256: the message blocks after
 * the 128-byte ipad block are scheduled once per token; per candidate only the two key blocks, the
 * message rounds and the outer block run. Key states are shared by all targets of one hash.
 */
export function createHs512JsEngine(
  targets: { target: number; alg: 'HS384' | 'HS512'; message: Uint8Array; mac: Uint8Array }[],
): BatchEngine {
  const s: Hs512State = {
    entries: targets.map(({ target, alg, message, mac }) => ({
      target,
      family: alg === 'HS384' ? 0 : 1,
      wk: scheduleSha512(message, 128),
      word0: new DataView(mac.buffer, mac.byteOffset).getInt32(0),
      active: true,
    })),
    families: [SHA384_IV, SHA512_IV].map((iv, i) => ({
      iv,
      words: i === 0 ? 12 : 16,
      istate: new Int32Array(16),
      ostate: new Int32Array(16),
      needed: false,
    })) as Family[],
    w: new Int32Array(160),
    state: new Int32Array(16),
  };
  refreshNeeded(s);
  return {
    run(bytes: Uint8Array, starts: Int32Array, ends: Int32Array, count: number, hit: HitSink) {
      for (let i = 0; i < count; i++) {
        prepareKey(s, bytes, starts[i]!, ends[i]! - starts[i]!);
        for (const entry of s.entries) if (entry.active && tryEntry(s, entry)) hit(i, entry.target);
      }
    },
    deactivate(target) {
      for (const entry of s.entries) if (entry.target === target) entry.active = false;
      refreshNeeded(s);
    },
  };
}
