import { MAX_TOKEN_BYTES } from '../token/limits';
import type { Where } from '../types';
import { isRecord } from './guards';
import { createTokenWindows, type TokenWindows } from './token-windows';

/**
 * A string of an entry too long to keep (a body of many MB): the streaming reader keeps its first
 * `kept` bytes in the entry, ending them with a mark (`cutMark(n)`, the n-th cut of the entry), and
 * searches the rest for tokens in windows as it streams by.
 */
export interface StringCut {
  /** Tokens found past the kept part. */
  tokens: string[];
  /** Bytes of the whole string (UTF-8, as written in the file) and of the part kept. */
  bytes: number;
  kept: number;
}

/** Ends the kept part of the n-th cut string: NULs, which no body text or token has. */
export const cutMark = (n: number): string => `\u0000\u0000jwt-lens-cut-${n}`;
/** The mark as the reader writes it into the entry's JSON text. */
export const cutMarkJson = (n: number): string => JSON.stringify(cutMark(n)).slice(1, -1);

/** A cut string being streamed: the rest, decoded and searched one window at a time. */
export interface OpenCut {
  decoder: TextDecoder;
  windows: TokenWindows;
  bytes: number;
  kept: number;
}

export function openCut(kept: number): OpenCut {
  return { decoder: new TextDecoder(), windows: createTokenWindows(), bytes: kept, kept };
}

/**
 * Bytes are decoded and searched this many at a time: strings this small stay in the young generation,
 * where the collector frees them at once (a 4 MB window is a large object, freed only by a full
 * collection, and a 128 MB body then ran the peak memory up to 300 MB).
 */
const PIECE = 64 * 1024;

/** More of the cut string's rest. */
export function feedCut(cut: OpenCut, bytes: Uint8Array): void {
  cut.bytes += bytes.length;
  for (let at = 0; at < bytes.length; at += PIECE)
    cut.windows.push(cut.decoder.decode(bytes.subarray(at, at + PIECE), { stream: true }));
}

export function closeCut(cut: OpenCut): StringCut {
  cut.windows.push(cut.decoder.decode());
  return { tokens: cut.windows.end(), bytes: cut.bytes, kept: cut.kept };
}

/**
 * Where to cut `bytes` (JSON string content) at or before `at` so the kept part stays valid and no
 * token is split: before a run of token characters (base64url and `.`: the whole token goes to the
 * windows, none of it to the kept text, up to `MAX_TOKEN_BYTES` back), not inside an escape (a run of
 * backslashes is dropped whole) nor inside a UTF-8 character; never before `min`.
 */
export function safeCut(bytes: Uint8Array, at: number, min: number): number {
  let k = at;
  const limit = Math.max(min, k - MAX_TOKEN_BYTES);
  while (k > limit && isTokenByte(bytes[k - 1] ?? 0)) k--;
  for (let j = k - 1; j >= Math.max(min, k - 6); j--) if (bytes[j] === 0x5c) k = j;
  while (k > min && bytes[k - 1] === 0x5c) k--;
  while (k > min && ((bytes[k] ?? 0) & 0xc0) === 0x80) k--;
  return Math.max(k, min);
}

function isTokenByte(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x30 && c <= 0x39) ||
    c === 0x2d ||
    c === 0x5f ||
    c === 0x2e
  );
}

/** A cut string placed in its entry: the exchange part it was. */
export interface PlacedCut extends StringCut {
  where: Where;
  /** `response body`, `request body`. */
  what: string;
  /** Base64 content: the rest was searched as is, which finds nothing. */
  base64: boolean;
}

const BODIES: readonly [string, string, string, Where, string][] = [
  ['request', 'postData', 'text', 'request-body', 'request body'],
  ['response', 'content', 'text', 'response-body', 'response body'],
];

/**
 * Finds each cut of a parsed entry by its mark, strips the mark, and says which body it was. A cut
 * of any other string (a header of many MB) is left unplaced: the result says `a value`.
 */
export function placeCuts(entry: unknown, cuts: readonly StringCut[]): PlacedCut[] {
  const placed: PlacedCut[] = cuts.map((cut) => ({
    ...cut,
    where: 'response-body',
    what: 'a value',
    base64: false,
  }));
  if (!isRecord(entry)) return placed;
  for (const [side, holder, field, where, what] of BODIES) {
    const part = entry[side];
    const body = isRecord(part) ? part[holder] : undefined;
    const text = isRecord(body) ? body[field] : undefined;
    if (!isRecord(body) || typeof text !== 'string') continue;
    const n = placed.findIndex((_, i) => text.endsWith(cutMark(i)));
    const cut = placed[n];
    if (!cut) continue;
    body[field] = text.slice(0, -cutMark(n).length);
    Object.assign(cut, { where, what, base64: body.encoding === 'base64' });
  }
  return placed;
}
