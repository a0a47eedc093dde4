/**
 * The little DER (ITU-T X.690) that key handling needs: walking SPKI, PKCS#1 and certificate structures to
 * find what kind of key they hold, and writing PKCS#1 / SPKI / SSH encodings of a public key.
 */

/** One element: its tag and where its contents sit in the buffer. */
export interface DerElement {
  tag: number;
  /** Where the element (its tag byte) begins. */
  offset: number;
  /** Where its contents begin and end. */
  start: number;
  end: number;
}

/** Reads the element at `offset`, or `null` when the bytes are not well-formed DER there. */
export function readElement(bytes: Uint8Array, offset: number, limit = bytes.length): DerElement | null {
  const tag = bytes[offset];
  const first = bytes[offset + 1];
  if (tag === undefined || first === undefined || (tag & 0x1f) === 0x1f) return null;
  let start = offset + 2;
  let length = first;
  if (first & 0x80) {
    const count = first & 0x7f;
    // Indefinite lengths are BER, not DER; more than 4 length bytes is larger than any key we read.
    if (count === 0 || count > 4) return null;
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + (bytes[start + i] ?? Number.NaN);
    start += count;
  }
  const end = start + length;
  return Number.isFinite(end) && end <= limit ? { tag, offset, start, end } : null;
}

/** The elements inside a constructed element, or `null` when they do not tile its contents exactly. */
export function readChildren(bytes: Uint8Array, parent: DerElement): DerElement[] | null {
  const children: DerElement[] = [];
  for (let offset = parent.start; offset < parent.end; ) {
    const child = readElement(bytes, offset, parent.end);
    if (!child) return null;
    children.push(child);
    offset = child.end;
  }
  return children;
}

/** Contents of an element. */
export function contentOf(bytes: Uint8Array, element: DerElement): Uint8Array {
  return bytes.subarray(element.start, element.end);
}

/** The whole element, tag and length included. */
export function encodingOf(bytes: Uint8Array, element: DerElement): Uint8Array {
  return bytes.subarray(element.offset, element.end);
}

/** Dotted form of an OBJECT IDENTIFIER's contents (`1.2.840.113549.1.1.1`). */
export function oidToString(content: Uint8Array): string {
  const arcs: number[] = [];
  let value = 0;
  for (const byte of content) {
    value = value * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      arcs.push(value);
      value = 0;
    }
  }
  const first = arcs.shift() ?? 0;
  const head = first < 80 ? [Math.floor(first / 40), first % 40] : [2, first - 80];
  return [...head, ...arcs].join('.');
}

function lengthBytes(length: number): number[] {
  if (length < 0x80) return [length];
  const out: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) out.unshift(n % 256);
  return [0x80 | out.length, ...out];
}

/** One TLV from a tag and contents. */
export function encodeElement(tag: number, ...contents: Uint8Array[]): Uint8Array {
  const total = contents.reduce((sum, c) => sum + c.length, 0);
  const head = [tag, ...lengthBytes(total)];
  const out = new Uint8Array(head.length + total);
  out.set(head, 0);
  let offset = head.length;
  for (const c of contents) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

/** A positive INTEGER from big-endian magnitude bytes: leading zeros dropped, a zero added when the top bit is set. */
export function encodeUnsigned(magnitude: Uint8Array): Uint8Array {
  let i = 0;
  while (i < magnitude.length - 1 && magnitude[i] === 0) i++;
  const trimmed = magnitude.subarray(i);
  const pad = (trimmed[0] ?? 0) & 0x80 ? new Uint8Array([0]) : new Uint8Array(0);
  return encodeElement(0x02, pad, trimmed);
}

/** Magnitude bytes of a DER INTEGER's contents (sign padding removed). */
export function unsignedOf(content: Uint8Array): Uint8Array {
  let i = 0;
  while (i < content.length - 1 && content[i] === 0) i++;
  return content.subarray(i);
}

export const TAG = { integer: 0x02, bitString: 0x03, null: 0x05, oid: 0x06, sequence: 0x30 } as const;
