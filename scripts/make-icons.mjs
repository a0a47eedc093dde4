// @ts-check
/**
 * Writes the extension icons (public/icons/icon-<size>.png) from code, so no binary is downloaded or
 * hand-edited: a rounded dark square with three bars in the colours JWT debuggers use for header,
 * payload and signature. Run with `node scripts/make-icons.mjs`; the output is committed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'icons');
const SIZES = [16, 32, 48, 128];
const BACKGROUND = [0x1f, 0x29, 0x37];
const BARS = [
  [0xfb, 0x01, 0x5b],
  [0xd6, 0x3a, 0xff],
  [0x00, 0xb9, 0xf1],
];

/** CRC-32 (PNG chunk checksum, ISO 3309 polynomial). */
function crc32(bytes) {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** RGBA of one pixel: transparent outside the rounded square, bars inside it. */
function pixel(x, y, size) {
  const r = size * 0.18;
  const cx = Math.min(Math.max(x + 0.5, r), size - r);
  const cy = Math.min(Math.max(y + 0.5, r), size - r);
  if ((x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 > r * r) return [0, 0, 0, 0];
  const margin = size * 0.2;
  const barHeight = (size - 2 * margin) / 5;
  const row = Math.floor((y + 0.5 - margin) / barHeight);
  const inBar = x >= margin && x < size - margin && row >= 0 && row < 5 && row % 2 === 0;
  const colour = inBar ? (BARS[row / 2] ?? BACKGROUND) : BACKGROUND;
  return [...colour, 255];
}

/** Encodes a size×size RGBA PNG. */
function makePng(size) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      raw.set(pixel(x, y, size), y * (size * 4 + 1) + 1 + x * 4);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

mkdirSync(OUT, { recursive: true });
for (const size of SIZES) writeFileSync(join(OUT, `icon-${size}.png`), makePng(size));
console.log(`wrote ${SIZES.length} icons to ${OUT}`);
