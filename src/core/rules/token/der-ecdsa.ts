/** The two integers of a DER `ECDSA-Sig-Value` (SEQUENCE { r INTEGER, s INTEGER }), sign bytes kept. */
export interface DerEcdsa {
  r: Uint8Array;
  s: Uint8Array;
}

/** Reads one DER length at `at`: short form, or long form of 1–2 bytes. */
function readLength(bytes: Uint8Array, at: number): { length: number; next: number } | undefined {
  const first = bytes[at];
  if (first === undefined) return undefined;
  if (first < 0x80) return { length: first, next: at + 1 };
  if (first === 0x81)
    return bytes[at + 1] === undefined ? undefined : { length: bytes[at + 1] ?? 0, next: at + 2 };
  if (first === 0x82 && bytes[at + 2] !== undefined) {
    return { length: ((bytes[at + 1] ?? 0) << 8) | (bytes[at + 2] ?? 0), next: at + 3 };
  }
  return undefined;
}

function readInteger(bytes: Uint8Array, at: number): { value: Uint8Array; next: number } | undefined {
  if (bytes[at] !== 0x02) return undefined;
  const len = readLength(bytes, at + 1);
  if (!len || len.length === 0 || len.next + len.length > bytes.length) return undefined;
  return { value: bytes.subarray(len.next, len.next + len.length), next: len.next + len.length };
}

/**
 * Parses a DER ECDSA signature, as Java and OpenSSL emit it (`30 06 02 01 00 02 01 00` is r = s = 0).
 * `undefined` unless the bytes are exactly one SEQUENCE of two INTEGERs.
 */
export function parseDerEcdsa(bytes: Uint8Array): DerEcdsa | undefined {
  if (bytes[0] !== 0x30) return undefined;
  const seq = readLength(bytes, 1);
  if (!seq || seq.next + seq.length !== bytes.length) return undefined;
  const r = readInteger(bytes, seq.next);
  const s = r && readInteger(bytes, r.next);
  if (!r || !s || s.next !== bytes.length) return undefined;
  return { r: r.value, s: s.value };
}
