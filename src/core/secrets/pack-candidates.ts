/**
 * A batch of candidate keys in one byte array. Packed end to end, candidate i is
 * `bytes[offsets[i] .. offsets[i + 1])`; with `ends`, it is `bytes[offsets[i] .. ends[i])`, which lets a
 * wordlist chunk be used in place, newlines left between the words.
 */
export interface CandidateBatch {
  bytes: Uint8Array;
  offsets: Int32Array;
  count: number;
  ends?: Int32Array;
}

/** The bytes of candidate `i` (a view into the batch). */
export function candidateAt(batch: CandidateBatch, i: number): Uint8Array {
  return batch.bytes.subarray(batch.offsets[i], batch.ends ? batch.ends[i] : batch.offsets[i + 1]);
}

const encoder = new TextEncoder();

/** Byte length of `text` in UTF-8 when it is ASCII, or -1. */
function asciiLength(text: string): number {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return -1;
  return text.length;
}

/**
 * Packs strings (UTF-8) or byte strings into one batch. ASCII strings, nearly all of them, are copied
 * character by character: one TextEncoder call per string would allocate ten thousand arrays at start-up.
 */
export function packCandidates(candidates: readonly (string | Uint8Array)[]): CandidateBatch {
  const encoded = candidates.map((c) =>
    typeof c === 'string' && asciiLength(c) < 0 ? encoder.encode(c) : c,
  );
  const offsets = new Int32Array(encoded.length + 1);
  let total = 0;
  for (let i = 0; i < encoded.length; i++) {
    offsets[i] = total;
    total += encoded[i]!.length;
  }
  offsets[encoded.length] = total;
  const bytes = new Uint8Array(total);
  for (let i = 0; i < encoded.length; i++) {
    const item = encoded[i]!;
    if (typeof item !== 'string') {
      bytes.set(item, offsets[i]);
      continue;
    }
    const at = offsets[i]!;
    for (let j = 0; j < item.length; j++) bytes[at + j] = item.charCodeAt(j);
  }
  return { bytes, offsets, count: encoded.length };
}
