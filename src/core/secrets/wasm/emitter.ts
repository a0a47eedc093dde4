/**
 * A minimal WebAssembly binary emitter: just enough to generate the HMAC kernels at run time. Generating the
 * module from TypeScript (instead of shipping a binary blob) keeps the kernel reviewable and lets the
 * generator unroll every SHA-2 round, which no hand-written loop could do as cheaply.
 * Encoding: WebAssembly Core Specification 2.0, §5 (binary format), SIMD opcodes with the 0xfd prefix.
 */

/** Value types (§5.3.1). */
export const I32 = 0x7f;
export const I64 = 0x7e;
export const V128 = 0x7b;

/** Appends the unsigned LEB128 encoding of `value`. */
export function pushUleb(out: number[], value: number): void {
  let v = value >>> 0;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
}

/** Appends the signed LEB128 encoding of a 32-bit `value`. */
export function pushSleb(out: number[], value: number): void {
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return;
    }
    out.push(byte | 0x80);
  }
}

/** Appends the signed LEB128 encoding of a 64-bit `value`. */
export function pushSleb64(out: number[], value: bigint): void {
  let v = BigInt.asIntN(64, value);
  for (;;) {
    const byte = Number(v & 0x7fn);
    v >>= 7n;
    if ((v === 0n && (byte & 0x40) === 0) || (v === -1n && (byte & 0x40) !== 0)) {
      out.push(byte);
      return;
    }
    out.push(byte | 0x80);
  }
}

/** A function body under construction: instructions append bytes, and every call returns the builder. */
export interface Code {
  /** The bytes so far (a view, valid until the next append). */
  toBytes(): Uint8Array;
  op(...bytes: number[]): Code;
  get(local: number): Code;
  set(local: number): Code;
  tee(local: number): Code;
  i32(value: number): Code;
  i64(value: bigint): Code;
  /** A SIMD instruction: 0xfd prefix, LEB128 opcode, then raw immediates. */
  simd(opcode: number, ...immediates: number[]): Code;
  /** A memory instruction with its `align` (log2) and static `offset` immediates. */
  mem(opcode: number, align: number, offset: number): Code;
  /** `v128.const` with the same 32-bit value in every lane. */
  splat32(value: number): Code;
  call(index: number): Code;
}

/** A growing byte buffer: appends go straight into a Uint8Array, so generation stays cheap. */
function createByteSink(): { byte(b: number): void; leb(value: number): void; bytes(): Uint8Array } {
  let buffer = new Uint8Array(4096);
  let length = 0;
  const byte = (b: number): void => {
    if (length === buffer.length) {
      const bigger = new Uint8Array(buffer.length * 2);
      bigger.set(buffer);
      buffer = bigger;
    }
    buffer[length++] = b;
  };
  const leb = (value: number): void => {
    let v = value >>> 0;
    do {
      const low = v & 0x7f;
      v >>>= 7;
      byte(v === 0 ? low : low | 0x80);
    } while (v !== 0);
  };
  return { byte, leb, bytes: () => buffer.subarray(0, length) };
}

/** Starts an empty function body. */
export function createCode(): Code {
  const { byte, leb, bytes } = createByteSink();
  const withLeb = (opcode: number, value: number): Code => {
    byte(opcode);
    leb(value);
    return code;
  };
  const raw = (...more: number[]): Code => {
    for (const b of more) byte(b);
    return code;
  };
  const signed = (prefix: number, encode: (out: number[]) => void): Code => {
    const out = [prefix];
    encode(out);
    return raw(...out);
  };
  const code: Code = {
    toBytes: bytes,
    op: raw,
    get: (local) => withLeb(0x20, local),
    set: (local) => withLeb(0x21, local),
    tee: (local) => withLeb(0x22, local),
    call: (index) => withLeb(0x10, index),
    i32: (value) => signed(0x41, (out) => pushSleb(out, value)),
    i64: (value) => signed(0x42, (out) => pushSleb64(out, value)),
    simd: (opcode, ...immediates) => withLeb(0xfd, opcode).op(...immediates),
    mem: (opcode, align, offset) => {
      if (opcode > 0xff) withLeb(0xfd, opcode & 0xff);
      else byte(opcode);
      byte(align);
      leb(offset);
      return code;
    },
    splat32: (value) => {
      const lane = [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff];
      return withLeb(0xfd, 0x0c).op(...lane, ...lane, ...lane, ...lane);
    },
  };
  return code;
}
