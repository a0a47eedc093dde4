// @ts-check
/**
 * A small ZIP writer and reader on Node's own zlib (deflate and CRC-32), so packaging needs no `zip`
 * binary (not on every CI image) and no dependency. It writes what the Chrome Web Store and
 * addons.mozilla.org accept: plain PKZIP 2.0 entries (deflated, or stored when deflate does not help),
 * UTF-8 names, no ZIP64, no directory entries, no extra fields. Output is reproducible: entries sorted
 * by name and one fixed timestamp.
 *
 * The reader only reads what this writer (and ordinary tools) write; it exists so the tests can check a
 * package's contents without an unzip binary.
 */
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const UTF8_NAMES = 0x0800;
const STORED = 0;
const DEFLATED = 8;
const VERSION = 20; // PKZIP 2.0: deflate, no ZIP64
const MADE_BY_UNIX = (3 << 8) | VERSION;
const MAX_32 = 0xffffffff;

/** @typedef {{ name: string, data: Uint8Array, mode?: number }} ZipInput */
/** @typedef {{ name: string, data: Buffer, method: number, mode: number }} ZipEntry */

/**
 * Date and time in MS-DOS format (2-second resolution, 1980–2107), read in UTC so the same input
 * gives the same bytes in every time zone.
 * @param {Date} date
 */
function dosDateTime(date) {
  const year = Math.min(Math.max(date.getUTCFullYear(), 1980), 2107);
  const time =
    (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2);
  const day = ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  return { time, day };
}

/**
 * A safe entry name: relative, forward slashes, no `.`/`..` segments, no empty segments.
 * @param {string} name
 */
function checkName(name) {
  const segments = name.split('/');
  if (
    name === '' ||
    name.includes('\\') ||
    name.includes('\0') ||
    segments.some((s) => s === '' || s === '.' || s === '..')
  ) {
    throw new Error(`unsafe zip entry name: ${JSON.stringify(name)}`);
  }
}

/**
 * Builds a ZIP archive in memory.
 * @param {ZipInput[]} inputs
 * @param {{ date?: Date }} [options] `date`: every entry's timestamp (default 1980-01-01, the DOS epoch)
 * @returns {Buffer}
 */
export function createZip(inputs, options = {}) {
  const { time, day } = dosDateTime(options.date ?? new Date(Date.UTC(1980, 0, 1)));
  const sorted = [...inputs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (sorted.length > 0xffff) throw new Error('too many zip entries (no ZIP64 support)');
  /** @type {Buffer[]} */
  const locals = [];
  /** @type {Buffer[]} */
  const centrals = [];
  let offset = 0;
  let previous = '';
  for (const input of sorted) {
    checkName(input.name);
    if (input.name === previous) throw new Error(`duplicate zip entry: ${input.name}`);
    previous = input.name;
    const data = Buffer.from(input.data.buffer, input.data.byteOffset, input.data.byteLength);
    const deflated = deflateRawSync(data, { level: 9 });
    const method = deflated.length < data.length ? DEFLATED : STORED;
    const body = method === DEFLATED ? deflated : data;
    if (data.length >= MAX_32 || offset >= MAX_32) throw new Error('zip too large (no ZIP64 support)');
    const name = Buffer.from(input.name, 'utf8');
    const crc = crc32(data);

    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL_HEADER, 0);
    local.writeUInt16LE(VERSION, 4);
    local.writeUInt16LE(UTF8_NAMES, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(day, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, body);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(CENTRAL_HEADER, 0);
    central.writeUInt16LE(MADE_BY_UNIX, 4);
    central.writeUInt16LE(VERSION, 6);
    central.writeUInt16LE(UTF8_NAMES, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(time, 12);
    central.writeUInt16LE(day, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    // extra field, comment, disk number, internal attributes: all zero
    // External attributes: a regular file with Unix permissions in the high half.
    central.writeUInt32LE(((0o100000 | (input.mode ?? 0o644)) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);

    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
  end.writeUInt16LE(sorted.length, 8);
  end.writeUInt16LE(sorted.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/**
 * Reads every entry of a ZIP archive (stored or deflated), checking each CRC-32.
 * @param {Uint8Array} archive
 * @returns {ZipEntry[]} in central-directory order
 */
export function readZip(archive) {
  const zip = Buffer.from(archive.buffer, archive.byteOffset, archive.byteLength);
  let end = -1;
  // The end record is 22 bytes plus a comment of at most 65,535 bytes.
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error('not a zip archive: no end of central directory');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  /** @type {ZipEntry[]} */
  const entries = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== CENTRAL_HEADER) throw new Error(`bad central directory entry ${i}`);
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const compressedSize = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const mode = zip.readUInt32LE(at + 38) >>> 16;
    const localOffset = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;

    if (zip.readUInt32LE(localOffset) !== LOCAL_HEADER) throw new Error(`bad local header for ${name}`);
    const start = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    const body = zip.subarray(start, start + compressedSize);
    let data;
    if (method === STORED) data = Buffer.from(body);
    else if (method === DEFLATED) data = inflateRawSync(body);
    else throw new Error(`${name}: unsupported compression method ${method}`);
    if (data.length !== size || crc32(data) !== crc) throw new Error(`${name}: size or CRC-32 mismatch`);
    entries.push({ name, data, method, mode: mode & 0o7777 });
  }
  return entries;
}
