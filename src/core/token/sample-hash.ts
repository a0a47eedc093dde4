/**
 * A hash of `text.slice(start, end)` from its length and at most `samples` of its characters, spread
 * evenly from its end (a token's end is its signature, its most varied part). For `Map` keys on hot
 * paths: a `Map` keyed by a string fresh from `JSON.parse` or `split` hashes every character of it,
 * which for values of a kilobyte costs more than the lookup saves. Equal texts hash alike; different ones
 * may too, so a caller compares the whole text on a hit.
 */
export function sampleHash(text: string, start = 0, end = text.length, samples = 16): number {
  const n = end - start;
  const step = n > samples ? Math.floor(n / samples) : 1;
  let hash = n;
  for (let i = end - 1, k = 0; i >= start && k < samples; i -= step, k++)
    hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash;
}
