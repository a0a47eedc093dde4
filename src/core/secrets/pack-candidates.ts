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

const NON_ASCII = /[\u0080-\uffff]/;

/**
 * A list of ASCII strings (the built-in and capture-derived lists: tens of thousands of short words)
 * packed with one native encode of their concatenation, where one byte is one character; `null` when
 * the list holds byte strings or non-ASCII text.
 */
function packAscii(candidates: readonly (string | Uint8Array)[]): CandidateBatch | null {
  const offsets = new Int32Array(candidates.length + 1);
  let total = 0;
  for (let i = 0; i < candidates.length; i++) {
    const item = candidates[i];
    if (typeof item !== 'string') return null;
    offsets[i] = total;
    total += item.length;
  }
  offsets[candidates.length] = total;
  const joined = (candidates as readonly string[]).join('');
  if (NON_ASCII.test(joined)) return null;
  return { bytes: encoder.encode(joined), offsets, count: candidates.length };
}

/**
 * Packs strings (UTF-8) or byte strings into one batch. ASCII strings, nearly all of them, are copied
 * character by character: one TextEncoder call per string would allocate ten thousand arrays at start-up.
 */
export function packCandidates(candidates: readonly (string | Uint8Array)[]): CandidateBatch {
  const ascii = packAscii(candidates);
  if (ascii) return ascii;
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
