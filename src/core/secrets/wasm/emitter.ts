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
  readonly bytes: number[];
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

/** Starts an empty function body. */
export function createCode(): Code {
  const bytes: number[] = [];
  const withLeb = (opcode: number, value: number): Code => {
    bytes.push(opcode);
    pushUleb(bytes, value);
    return code;
  };
  const code: Code = {
    bytes,
    op: (...more) => {
      for (const b of more) bytes.push(b);
      return code;
    },
    get: (local) => withLeb(0x20, local),
    set: (local) => withLeb(0x21, local),
    tee: (local) => withLeb(0x22, local),
    call: (index) => withLeb(0x10, index),
    i32: (value) => {
      bytes.push(0x41);
      pushSleb(bytes, value);
      return code;
    },
    i64: (value) => {
      bytes.push(0x42);
      pushSleb64(bytes, value);
      return code;
    },
    simd: (opcode, ...immediates) => {
      bytes.push(0xfd);
      pushUleb(bytes, opcode);
      return code.op(...immediates);
    },
    mem: (opcode, align, offset) => {
      if (opcode > 0xff) code.simd(opcode & 0xff);
      else bytes.push(opcode);
      bytes.push(align);
      pushUleb(bytes, offset);
      return code;
    },
    splat32: (value) => {
      const lane = [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff];
      return code.simd(0x0c, ...lane, ...lane, ...lane, ...lane);
    },
  };
  return code;
}
