import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { open, stat } from 'node:fs/promises';

/** The little of a stream the CLI writes to. */
export interface OutStream {
  write(text: string): unknown;
  isTTY?: boolean;
  /** Terminal width, when a terminal. */
  columns?: number;
}

/** A file being written. `write` throws on a write error (disk full…). */
export interface FileSink {
  write(text: string): void;
  close(): Promise<void>;
}

/**
 * Everything the CLI touches outside itself. `run(argv, io)` takes a partial one, so tests pass fake
 * streams and files and nothing reaches the real terminal or disk.
 */
export interface CliIo {
  stdout: OutStream;
  stderr: OutStream;
  /** All of standard input as UTF-8 text. */
  readStdin(): Promise<string>;
  /** Standard input's bytes as they come. */
  readStdinChunks(): AsyncIterable<Uint8Array>;
  /** A file as UTF-8 text; `onProgress` (bytes read, total) makes it read in chunks. */
  readFile(path: string, onProgress?: (done: number, total: number) => void): Promise<string>;
  /**
   * A file's bytes in chunks, read into one buffer: a chunk is valid until the next one is asked for
   * (the streaming HAR reader copies what it keeps, so memory stays one chunk plus the entry being read).
   */
  readChunks(path: string): AsyncIterable<Uint8Array>;
  /** Size in bytes (for deciding whether to show progress). */
  fileSize(path: string): Promise<number>;
  /** A file opened for writing, written chunk by chunk (reports can be larger than memory allows twice). */
  openFile(path: string): Promise<FileSink>;
  env: Record<string, string | undefined>;
  /** Wall clock in milliseconds. */
  clock(): number;
}

/** Read size when showing progress: large enough to cost nothing, small enough to update often. */
const CHUNK = 4 * 1024 * 1024;

/** The real process: stdio, the file system, the environment and the clock. */
export function createNodeIo(): CliIo {
  // A closed pipe (`jwt-lens scan x.har | head`) must end quietly, not with an EPIPE stack trace.
  process.stdout.on('error', () => {});
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    readStdin,
    readStdinChunks,
    readFile: (path, onProgress) => (onProgress ? readWithProgress(path, onProgress) : readWhole(path)),
    readChunks,
    fileSize: async (path) => (await stat(path)).size,
    openFile: async (path) => openSink(path),
    env: process.env,
    clock: () => Date.now(),
  };
}

/** Bytes gathered before a write to the file: few system calls, a fixed and small amount of memory. */
const SINK_BYTES = 1 << 20;

/**
 * Synchronous writes: the report is produced synchronously, and a sync write never queues in memory.
 * Text is encoded straight into one buffer, piece by piece (see `JsonWriteOptions.chunkChars` for why
 * pieces beat joined chunks), and written out when the buffer is full and on `close`; a write error
 * (disk full…) is thrown by the `write` or `close` that writes.
 */
function openSink(path: string): FileSink {
  const fd = openSync(path, 'w');
  const buffer = Buffer.allocUnsafe(SINK_BYTES);
  let used = 0;
  let open = true;
  const flush = () => {
    for (let at = 0; at < used; ) at += writeSync(fd, buffer, at, used - at);
    used = 0;
  };
  return {
    write: (text: string) => {
      // UTF-8 takes at most three bytes per UTF-16 code unit.
      if (used + text.length * 3 > buffer.length) {
        flush();
        if (text.length * 3 > buffer.length) {
          writeSync(fd, text);
          return;
        }
      }
      used += buffer.write(text, used, 'utf8');
    },
    close: async () => {
      if (!open) return;
      open = false;
      try {
        flush();
      } finally {
        closeSync(fd);
      }
    },
  };
}

/**
 * A whole file as UTF-8, read synchronously: Node decodes it straight from its own buffer and frees
 * that at once, where the asynchronous read leaves a Buffer the size of the file for the garbage
 * collector, on top of the text and its parse at the scan's peak memory. The CLI has nothing else to
 * do while it reads.
 */
async function readWhole(path: string): Promise<string> {
  return readFileSync(path, 'utf8');
}

/**
 * Plain `Uint8Array` views, not `Buffer`s: the HAR reader's loop calls `indexOf` on them, and the typed
 * array's own is cheaper per call than `Buffer`'s, which normalizes its arguments first.
 */
async function* readChunks(path: string): AsyncIterable<Uint8Array> {
  const handle = await open(path, 'r');
  // One buffer for the whole read: a fresh one per chunk is garbage the collector frees late (it is
  // outside the heap), which doubled the peak memory of a scan of a 128 MB body.
  const buffer = Buffer.allocUnsafeSlow(CHUNK);
  try {
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK, null);
      if (bytesRead === 0) return;
      yield new Uint8Array(buffer.buffer, buffer.byteOffset, bytesRead);
    }
  } finally {
    await handle.close();
  }
}

async function* readStdinChunks(): AsyncIterable<Uint8Array> {
  for await (const chunk of process.stdin) {
    const bytes: Buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    yield new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Reads into one buffer of the file's size, as `readFile` does, reporting progress between chunks.
 * The buffer is dropped as soon as it is decoded, so peak memory stays that of a plain `readFile`.
 */
async function readWithProgress(
  path: string,
  onProgress: (done: number, total: number) => void,
): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const total = (await handle.stat()).size;
    const buffer = Buffer.allocUnsafe(total);
    let done = 0;
    while (done < total) {
      const { bytesRead } = await handle.read(buffer, done, Math.min(CHUNK, total - done), done);
      if (bytesRead === 0) break;
      done += bytesRead;
      onProgress(done, total);
    }
    return buffer.toString('utf8', 0, done);
  } finally {
    await handle.close();
  }
}
