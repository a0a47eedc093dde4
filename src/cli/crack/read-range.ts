import type { FileHandle } from 'node:fs/promises';

const LF = 0x0a;

/** Receives a chunk (valid only during the call); returns false to stop reading. */
export type ChunkSink = (chunk: Uint8Array) => boolean;

/** Position of the first line that starts at or after `start`: just after the first LF at or after start-1. */
async function firstLineStart(handle: FileHandle, start: number, buffer: Buffer): Promise<number> {
  if (start === 0) return 0;
  for (let at = start - 1; ; ) {
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, at);
    if (bytesRead === 0) return at;
    const index = buffer.subarray(0, bytesRead).indexOf(LF);
    if (index >= 0) return at + index + 1;
    at += bytesRead;
  }
}

/**
 * Streams the lines of a file that start in `[start, end)`, in chunks of `buffer.length` bytes: a line
 * belongs to the range holding its first byte, so ranges cut anywhere cover every line exactly once.
 * Reads past `end` only to finish the last line. Memory: the one buffer, whatever the file size.
 */
export async function readLineRange(
  handle: FileHandle,
  start: number,
  end: number,
  buffer: Buffer,
  sink: ChunkSink,
): Promise<void> {
  let position = await firstLineStart(handle, start, buffer);
  let last = LF;
  while (position < end) {
    const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, end - position), position);
    if (bytesRead === 0) return;
    position += bytesRead;
    last = buffer[bytesRead - 1] ?? LF;
    if (!sink(buffer.subarray(0, bytesRead))) return;
  }
  while (last !== LF) {
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
    if (bytesRead === 0) return;
    const index = buffer.subarray(0, bytesRead).indexOf(LF);
    if (!sink(buffer.subarray(0, index >= 0 ? index + 1 : bytesRead)) || index >= 0) return;
    position += bytesRead;
  }
}
