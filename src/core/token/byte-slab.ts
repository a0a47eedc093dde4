/**
 * Small byte arrays carved out of shared 16 KiB buffers. Each token keeps its signature bytes; a
 * `new Uint8Array(n)` apiece is an ArrayBuffer object (and, past 64 bytes, a native allocation) per
 * token, which the garbage collector then tracks one by one through a large audit. Views into a shared
 * buffer cost one object each. Readers must honour `byteOffset` (as `DataView`, `subarray` and
 * WebCrypto do) and must not transfer `.buffer`, which other tokens share.
 */

const SLAB_BYTES = 16384;
/** Larger arrays get their own buffer: a slab holds many signatures, not one big one. */
const MAX_SHARED = 1024;

let slab = new ArrayBuffer(SLAB_BYTES);
let used = 0;

/** A zero-filled view of `length` bytes, in a shared buffer when small. */
export function slabBytes(length: number): Uint8Array {
  if (length > MAX_SHARED) return new Uint8Array(length);
  if (used + length > SLAB_BYTES) {
    slab = new ArrayBuffer(SLAB_BYTES);
    used = 0;
  }
  const view = new Uint8Array(slab, used, length);
  used += length;
  return view;
}
