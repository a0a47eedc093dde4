import { captureHar } from '../core/capture';
import { describeJsonError } from '../core/capture/json-error';
import type { CaptureResult } from '../core/types';
import { CliError, describeFsError } from './errors';
import { readHarChunks } from './har-workers/read-har';
import type { CliIo } from './io';
import { createProgress, formatMegabytes, type Progress } from './progress';
import { captureTokenLines } from './token-lines';

/** Extensions that promise a HAR: anything else is a token list unless it sniffs as JSON. */
const HAR_EXTENSIONS = /\.(har|json)$/i;

/**
 * A HAR file whose stream read found nothing (not a HAR, or broken before its first entry) is read
 * again whole when it is at most this size, for the exact message (line and column) or, when only
 * sniffed as JSON, to be read as a token list after all. A larger one gets the stream's message.
 */
const REREAD_LIMIT = 64 * 1024 * 1024;

/**
 * Reads one input (`-` is standard input) and turns it into a capture: a HAR file through the
 * streaming reader (`captureHarChunks`: bounded memory, whatever the file's size), any other text as
 * one token candidate per line. Errors are `CliError`s naming the file and the place. A HAR broken
 * after some entries gives those entries and a problem line naming the byte where it breaks.
 */
export async function loadInput(path: string, io: CliIo): Promise<CaptureResult> {
  const label = path === '-' ? 'stdin' : path;
  const size = path === '-' ? 0 : await io.fileSize(path).catch((error: unknown) => fail(label, error));
  const progress = createProgress(io.stderr, size);
  const stdin = path === '-' ? replayable(io.readStdinChunks()) : undefined;
  try {
    const streamed = await streamHar(path, label, size, io, progress, stdin);
    if (streamed) return streamed;
    const source = await readSource(path, label, io, progress, stdin);
    if (source.kind === 'lines') return captureTokenLines(source.text, label);
    progress.update(`jwt-lens: ${label}: capturing tokens…`);
    return captureFromHar(source.json, label);
  } finally {
    progress.done();
  }
}

/**
 * Reads a HAR file whole and keeps its parsed JSON beside the capture: the probe replays an entry's
 * request as recorded, which the capture alone does not hold. Errors are `CliError`s naming the file.
 */
export async function loadHarDocument(
  path: string,
  io: CliIo,
): Promise<{ json: unknown; capture: CaptureResult }> {
  const label = path === '-' ? 'stdin' : path;
  const size = path === '-' ? 0 : await io.fileSize(path).catch((error: unknown) => fail(label, error));
  const progress = createProgress(io.stderr, size);
  try {
    const text = path === '-' ? await io.readStdin() : await readText(path, label, io, progress);
    const json = parseHarText(text, label, true)?.json;
    return { json, capture: captureFromHar(json, label) };
  } finally {
    progress.done();
  }
}

/**
 * A HAR file read in chunks; `undefined` when the file is to be read whole instead: not sniffed as
 * JSON (a token list), or nothing could be read and the whole read says why more exactly.
 */
async function streamHar(
  path: string,
  label: string,
  size: number,
  io: CliIo,
  progress: Progress,
  stdin: Replayable | undefined,
): Promise<CaptureResult | undefined> {
  try {
    const chunks = await sniffedChunks(stdin?.chunks ?? io.readChunks(path), HAR_EXTENSIONS.test(path));
    if (!chunks) return undefined;
    const onProgress = (done: number, entries: number) => {
      // Once an entry is read the input is a HAR: what stdin kept for a second reading can go.
      if (entries > 0) stdin?.forget();
      if (progress.visible) progress.update(`jwt-lens: reading ${label} ${formatMegabytes(done, size)}`);
    };
    const read = await readHarChunks(chunks, size, io.env, { onProgress });
    if ('capture' in read) return read.capture;
    if (stdin ? stdin.kept() : size <= REREAD_LIMIT) return undefined;
    throw new CliError(`${label}: ${read.error}; nothing could be read`);
  } catch (error) {
    if (error instanceof CliError) throw error;
    return fail(label, error);
  }
}

/**
 * The file's chunks, unless the name does not promise a HAR and the first chunk does not look like
 * JSON (`undefined`: a token list).
 */
async function sniffedChunks(
  chunks: AsyncIterable<Uint8Array>,
  required: boolean,
): Promise<AsyncIterable<Uint8Array> | undefined> {
  const iterator = chunks[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) return undefined;
  const head = new TextDecoder().decode(first.value.subarray(0, 1024));
  if (!required && !looksLikeJson(head)) {
    await iterator.return?.();
    return undefined;
  }
  return (async function* () {
    yield first.value;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  })();
}

/**
 * Standard input read in chunks, kept (up to `REREAD_LIMIT`) until forgotten, so that it can be read
 * again whole.
 */
interface Replayable {
  chunks: AsyncIterable<Uint8Array>;
  forget(): void;
  /** True while everything read so far is kept. */
  kept(): boolean;
  /** What was kept and the rest of the input, as text. */
  text(): Promise<string>;
}

function replayable(source: AsyncIterable<Uint8Array>): Replayable {
  const iterator = source[Symbol.asyncIterator]();
  let kept: Uint8Array[] | undefined = [];
  let bytes = 0;
  let limit = REREAD_LIMIT;
  const read = async () => {
    const next = await iterator.next();
    if (!next.done && kept) {
      bytes += next.value.length;
      if (bytes > limit) kept = undefined;
      else kept.push(next.value.slice());
    }
    return next;
  };
  return {
    chunks: (async function* () {
      for (let next = await read(); !next.done; next = await read()) yield next.value;
    })(),
    forget: () => {
      kept = undefined;
    },
    kept: () => kept !== undefined,
    text: async () => {
      // Read whole now (a token list, or a small input that is not a HAR): no limit but memory's.
      limit = Number.POSITIVE_INFINITY;
      while (!(await read()).done);
      return Buffer.concat(kept ?? []).toString('utf8');
    },
  };
}

type Source = { kind: 'har'; json: unknown } | { kind: 'lines'; text: string };

/** Reads and, for a HAR, parses: the raw text dies with this call, before capture starts. */
async function readSource(
  path: string,
  label: string,
  io: CliIo,
  progress: Progress,
  stdin: Replayable | undefined,
): Promise<Source> {
  const text = stdin ? await stdin.text() : await readText(path, label, io, progress);
  const required = HAR_EXTENSIONS.test(path);
  if (!required && !looksLikeJson(text)) return { kind: 'lines', text };
  if (text.length > 1024 * 1024) progress.update(`jwt-lens: parsing ${label}…`);
  const json = parseHarText(text, label, required);
  return json === undefined ? { kind: 'lines', text } : { kind: 'har', json: json.json };
}

async function readText(path: string, label: string, io: CliIo, progress: Progress): Promise<string> {
  const onProgress = (done: number, total: number) =>
    progress.update(`jwt-lens: reading ${label} ${formatMegabytes(done, total)}`);
  try {
    // Reading in chunks to show progress costs memory (see io.ts): only when progress is shown.
    return await io.readFile(path, progress.visible ? onProgress : undefined);
  } catch (error) {
    return fail(label, error);
  }
}

function fail(label: string, error: unknown): never {
  throw new CliError(`${label}: ${describeFsError(error)}`);
}

function looksLikeJson(text: string): boolean {
  return /^\uFEFF?\s*\{/.test(text.slice(0, 1024));
}

/**
 * Parses HAR text. When the name promises a HAR (`required`), bad JSON is an error; a sniffed file
 * that is not JSON after all is read as a token list instead (returns `undefined`).
 */
function parseHarText(text: string, label: string, required: boolean): { json: unknown } | undefined {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { json: JSON.parse(body) };
  } catch (error) {
    if (!required) return undefined;
    const message = error instanceof Error ? error.message : String(error);
    throw new CliError(`${label}: ${describeJsonError(body, message)}`);
  }
}

function captureFromHar(json: unknown, label: string): CaptureResult {
  const result = captureHar(json);
  if ('error' in result) throw new CliError(`${label}: ${result.error}`);
  return result;
}
