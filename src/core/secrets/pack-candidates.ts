/** Candidates packed end to end: candidate i is `bytes[offsets[i] .. offsets[i + 1])`. */
export interface CandidateBatch {
  bytes: Uint8Array;
  offsets: Int32Array;
  count: number;
}

const encoder = new TextEncoder();

/** Packs strings (UTF-8) or byte strings into one batch. */
export function packCandidates(candidates: readonly (string | Uint8Array)[]): CandidateBatch {
  const encoded = candidates.map((c) => (typeof c === 'string' ? encoder.encode(c) : c));
  const offsets = new Int32Array(encoded.length + 1);
  let total = 0;
  encoded.forEach((bytes, i) => {
    offsets[i] = total;
    total += bytes.length;
  });
  offsets[encoded.length] = total;
  const bytes = new Uint8Array(total);
  for (let i = 0; i < encoded.length; i++) bytes.set(encoded[i]!, offsets[i]);
  return { bytes, offsets, count: encoded.length };
}
