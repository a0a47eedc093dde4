import { readFile, stat } from 'node:fs/promises';
import type { CliIo } from '../../src/cli/io';
import { run } from '../../src/cli/main';

/** 2025-03-14T09:30:00Z: half an hour into the demo session. */
export const CLOCK_MS = Date.UTC(2025, 2, 14, 9, 30);

export interface FakeIoOptions {
  stdin?: string;
  /** In-memory files, looked up before the real disk. */
  files?: Record<string, string>;
  stdoutTty?: boolean;
  stderrTty?: boolean;
  columns?: number;
  env?: Record<string, string>;
  /** Pretend sizes, for the progress threshold. */
  sizes?: Record<string, number>;
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  written: Map<string, string>;
}

/** A fake `CliIo`: captured streams, in-memory files over the real disk, a fixed clock. */
export function createFakeIo(options: FakeIoOptions = {}): { io: CliIo; result: () => Omit<CliRun, 'code'> } {
  const out: string[] = [];
  const err: string[] = [];
  const written = new Map<string, string>();
  const files = options.files ?? {};
  const io: CliIo = {
    stdout: {
      write: (text) => out.push(text),
      isTTY: options.stdoutTty ?? false,
      columns: options.columns ?? 120,
    },
    stderr: { write: (text) => err.push(text), isTTY: options.stderrTty ?? false },
    readStdin: async () => options.stdin ?? '',
    readFile: async (path, onProgress) => {
      const text = Object.hasOwn(files, path) ? (files[path] as string) : await readFile(path, 'utf8');
      onProgress?.(text.length, text.length);
      return text;
    },
    readChunks: (path) => chunksOf(path, files),
    readStdinChunks: () => chunksOf('-', { '-': options.stdin ?? '' }),
    fileSize: async (path) =>
      options.sizes?.[path] ??
      (Object.hasOwn(files, path) ? (files[path] ?? '').length : (await stat(path)).size),
    openFile: async (path) => {
      if (path.startsWith('/nonexistent/')) throw Object.assign(new Error('nope'), { code: 'ENOENT' });
      const chunks: string[] = [];
      return {
        write: (text) => {
          if (path.startsWith('/full/')) throw Object.assign(new Error('no space'), { code: 'ENOSPC' });
          chunks.push(text);
        },
        close: async () => {
          written.set(path, chunks.join(''));
        },
      };
    },
    env: options.env ?? {},
    clock: () => CLOCK_MS,
  };
  return { io, result: () => ({ stdout: out.join(''), stderr: err.join(''), written }) };
}

/**
 * A file's bytes in small chunks of uneven size, so every CLI test also reads HARs across chunk
 * boundaries (inside strings, escapes and multi-byte characters).
 */
async function* chunksOf(path: string, files: Record<string, string>): AsyncIterable<Uint8Array> {
  const bytes = Object.hasOwn(files, path)
    ? new TextEncoder().encode(files[path] as string)
    : new Uint8Array(await readFile(path));
  for (let at = 0, size = 997; at < bytes.length; at += size, size = size === 997 ? 4099 : 997)
    yield bytes.slice(at, at + size);
}

/** Runs the CLI in-process with a fake io. */
export async function runCli(argv: string[], options: FakeIoOptions = {}): Promise<CliRun> {
  const { io, result } = createFakeIo(options);
  const code = await run(argv, io);
  return { code, ...result() };
}

export const DEMO = 'test/fixtures/demo.har';
export const fixture = (name: string) => `test/fixtures/${name}`;
